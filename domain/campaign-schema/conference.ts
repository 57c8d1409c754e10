/** The conference phase's blocks: its hours, guests, presenters and the invitations' timing. */
import { z } from 'zod';
import { EXAMPLE_EMAIL, FIELD_LIMITS, LatenessOffset, OFFSET, ReminderOffset, TimeOfDay } from './fields';
import { hint } from './hint';

/** A guest invited by name (a leader of the province, a ministry's representative): not a unit. */
export const ConferenceGuest = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and "-", e.g. "pho-chu-tich"')
      .meta(hint({ hint: 'mã khách mời', hintEn: 'the guest id', example: 'id: pho-chu-tich' })),
    name: z
      .string()
      .min(1)
      .max(FIELD_LIMITS.name)
      .meta(hint({ example: 'name: Đồng chí Nguyễn Văn A' })),
    email: z
      .email({ error: `a valid email address such as ${EXAMPLE_EMAIL}` })
      .max(FIELD_LIMITS.email)
      .meta(
        hint({
          hint: 'địa chỉ nhận giấy mời',
          hintEn: 'where the invitation goes',
          example: `email: ${EXAMPLE_EMAIL}`,
        }),
      ),
    position: z.string().max(FIELD_LIMITS.title).optional().describe('Chức vụ, e.g. "Phó Chủ tịch UBND tỉnh"'),
  })
  .strict();

/** A unit presenting a paper at the conference (a participating unit). */
export const ConferencePresenter = z
  .object({
    unit: z
      .string()
      .min(1)
      .meta(
        hint({ hint: 'mã đơn vị trình bày tham luận', hintEn: 'the presenting unit id', example: 'unit: so-noi-vu' }),
      ),
    paper: z
      .string()
      .min(1)
      .max(FIELD_LIMITS.title)
      .meta(hint({ hint: 'tên bài tham luận', hintEn: 'the paper title', example: 'paper: Kinh nghiệm …' })),
  })
  .strict();

/** When the invitations go, the reply deadline, its reminders and escalation, the attendees' reminder. */
export const ConferenceInvitations = z
  .object({
    sendBefore: z
      .string()
      .regex(OFFSET, 'an offset such as "7wd" before the conference day')
      .default('7wd')
      .meta(
        hint({
          hint: 'gửi giấy mời trước ngày họp bao lâu (mặc định 7wd)',
          hintEn: 'how long before the day the invitations go (default 7wd)',
          example: 'sendBefore: 7wd',
        }),
      ),
    replyBy: z
      .string()
      .regex(OFFSET, 'an offset such as "3wd" before the conference day')
      .default('3wd')
      .meta(
        hint({
          hint: 'hạn đăng ký dự, trước ngày họp (mặc định 3wd)',
          hintEn: 'the reply deadline, before the day (default 3wd)',
          example: 'replyBy: 3wd',
        }),
      ),
    reminders: z
      .array(ReminderOffset)
      .default(['1wd'])
      .meta(
        hint({
          hint: 'nhắc đơn vị chưa trả lời, trước hạn đăng ký',
          hintEn: 'reminders of missing replies, before the reply deadline',
          example: 'reminders: [2wd, 0d]',
        }),
      ),
    escalation: z
      .array(LatenessOffset)
      .default(['1wd'])
      .meta(
        hint({
          hint: 'báo thủ trưởng khi quá hạn đăng ký mà chưa trả lời',
          hintEn: 'after the reply deadline, the unit head is told',
          example: 'escalation: [1wd]',
        }),
      ),
    attendeeReminder: z
      .string()
      .regex(OFFSET, 'an offset such as "1wd" before the conference day')
      .default('1wd')
      .meta(
        hint({
          hint: 'nhắc người dự trước ngày họp (mặc định 1wd)',
          hintEn: 'the attendees reminder before the day (default 1wd)',
          example: 'attendeeReminder: 1wd',
        }),
      ),
  })
  .strict();

export const conferenceFields = {
  startTime: TimeOfDay.default('08:00').meta(
    hint({
      hint: 'giờ khai mạc (mặc định 08:00)',
      hintEn: 'the opening time (default 08:00)',
      example: 'startTime: 08:00',
    }),
  ),
  endTime: TimeOfDay.default('11:30').meta(
    hint({
      hint: 'giờ bế mạc (mặc định 11:30)',
      hintEn: 'the closing time (default 11:30)',
      example: 'endTime: 11:30',
    }),
  ),
  guests: z
    .array(ConferenceGuest)
    .default([])
    .meta(
      hint({
        hint: 'khách mời không phải đơn vị tham gia',
        hintEn: 'guests who are not participating units',
        example: `guests: [{ id: pho-chu-tich, name: Nguyễn Văn A, email: ${EXAMPLE_EMAIL} }]`,
      }),
    ),
  presenters: z
    .array(ConferencePresenter)
    .default([])
    .meta(
      hint({
        hint: 'đơn vị trình bày tham luận',
        hintEn: 'units presenting a paper',
        example: 'presenters: [{ unit: so-noi-vu, paper: Kinh nghiệm … }]',
      }),
    ),
  invitations: ConferenceInvitations.prefault({}).meta(
    hint({
      hint: 'thời điểm gửi giấy mời, hạn đăng ký, nhắc và báo',
      hintEn: 'when invitations go, the reply deadline, reminders and escalation',
      example: 'invitations: { sendBefore: 7wd, replyBy: 3wd, reminders: [1wd] }',
    }),
  ),
};
