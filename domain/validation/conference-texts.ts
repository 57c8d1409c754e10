/** The words of the conference phase's validation problems (merged into `texts.ts`'s tables). */
import type { Place } from './texts';

export const conferenceEn = {
  conferencePresenterUnknown: (p: { unit: string; guess?: string }) =>
    `no unit has the id "${p.unit}"; ${p.guess ? `did you mean "${p.guess}"? ` : ''}a presenter is a participating unit (an id from units)`,
  conferenceGuestDuplicate: (p: { id: string; first: Place }) =>
    `the guest id "${p.id}" is already used at line ${p.first.line} (${p.first.path}); each guest needs an id of its own`,
  conferenceHoursReversed: (p: { start: string; end: string }) =>
    `the conference ends (${p.end}) before it starts (${p.start}); write startTime before endTime, e.g. startTime: 08:00, endTime: 11:30`,
  conferenceReplyBy: (p: { day: string; detail: string }) =>
    `the invitations' timing does not fit the conference on ${p.day}: ${p.detail}`,
  conferenceTooManyInvitees: (p: { count: number; units: number; guests: number; max: number }) =>
    `the conference invites ${p.count} (${p.units} units, ${p.guests} guests); at most ${p.max} are supported (each invitation round and each reply weigh on the conference workflow's history): list the units to invite under invitees instead of all`,
};

type ConferenceTexts = { [K in keyof typeof conferenceEn]: (p: Parameters<(typeof conferenceEn)[K]>[0]) => string };

export const conferenceVi: ConferenceTexts = {
  conferencePresenterUnknown: (p) =>
    `không có đơn vị nào mang mã "${p.unit}"; ${p.guess ? `có phải ý bạn là "${p.guess}"? ` : ''}đơn vị trình bày tham luận phải là đơn vị tham gia (mã trong units)`,
  conferenceGuestDuplicate: (p) =>
    `mã khách mời "${p.id}" đã dùng ở dòng ${p.first.line} (${p.first.path}); mỗi khách mời cần một mã riêng`,
  conferenceHoursReversed: (p) =>
    `hội nghị kết thúc (${p.end}) trước khi khai mạc (${p.start}); hãy ghi startTime trước endTime, ví dụ startTime: 08:00, endTime: 11:30`,
  conferenceReplyBy: (p) => `thời điểm gửi giấy mời và hạn đăng ký không hợp với hội nghị lúc ${p.day}: ${p.detail}`,
  conferenceTooManyInvitees: (p) =>
    `hội nghị mời ${p.count} khách mời (${p.units} đơn vị, ${p.guests} khách); hệ thống hỗ trợ tối đa ${p.max} khách mời một hội nghị (mỗi đợt giấy mời và mỗi lần đăng ký đều ghi vào lịch sử của luồng hội nghị): hãy liệt kê các đơn vị được mời trong invitees thay cho all`,
};
