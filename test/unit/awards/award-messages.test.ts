/**
 * The awards phase's mails as a council member and a unit read them (found walking a rehearsed
 * campaign: the decision's date read "ngày 5/12/2009" in both mails, "05/12/2009" on the unit's page).
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createActivities, type ActivityDeps } from '../../../activities';
import { composeAwardMessage, type AwardMessageContext } from '../../../domain/award-messages';
import type { AwardMailInput } from '../../../domain/award-workflow-types';
import { FileSentLog } from '../../../stores/sent-log';
import { ONE_UNIT_CAMPAIGN } from '../../helpers/one-unit-campaign';

const base: AwardMessageContext = {
  kind: 'decision-issued',
  planNumber: '67-KH/TU',
  campaignTitle: 'Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW',
  secretariatName: 'Ban Thi đua - Khen thưởng tỉnh Vĩnh Phúc',
  contacts: [{ name: 'Nguyễn Văn T', email: 'tdkt@vinhphuc.example.vn' }],
  timeZone: 'Asia/Ho_Chi_Minh',
  addressees: ['đồng chí Lê Văn Chủ'],
  counts: { approved: 2, rejected: 0, noQuorum: 0, higher: 0, inVote: 0 },
  decision: { number: '125/QĐ-UBND', date: '2009-12-05' },
};

test('the decision mail to the council writes its date dd/MM/yyyy', () => {
  expect(composeAwardMessage(base).text).toContain(
    'Quyết định khen thưởng số 125/QĐ-UBND ngày 05/12/2009 đã được ban hành',
  );
});

test('a plan without a number is cited by its kind and date, not "Kế hoạch số Kế hoạch …"', () => {
  const numbered = composeAwardMessage({ ...base, kind: 'vote-closed' }).text;
  const text = composeAwardMessage({ ...base, kind: 'vote-closed', planNumber: 'Kế hoạch tháng 6/2014' }).text;
  expect(numbered).toContain('Kế hoạch số 67-KH/TU');
  expect(text).toContain('Kế hoạch tháng 6/2014');
  expect(text).not.toContain('Kế hoạch số Kế hoạch');
});

test("a unit's results name the decision with its date dd/MM/yyyy", () => {
  const text = composeAwardMessage({
    ...base,
    kind: 'unit-results',
    addressees: ['Sở Nội vụ'],
    results: [
      {
        name: 'Phòng Tổ chức cán bộ',
        type: 'collective',
        proposedForm: 'Bằng khen của Chủ tịch UBND tỉnh',
        state: 'approved',
        awardedForm: 'bang-khen-tinh',
        awardedName: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
      },
    ],
  }).text;
  expect(text).toContain('(Quyết định số 125/QĐ-UBND ngày 05/12/2009):');
});

describe("the council's mails point to the campaign's awards page on the dashboard", () => {
  const sent: Array<{ text: string }> = [];
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-award-links-'));
    sent.length = 0;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const activitiesWith = (settings?: ActivityDeps['settings']) =>
    createActivities({
      transport: {
        sendMail: async (m: { to: string[]; text: string }) => {
          sent.push(m);
          return { accepted: m.to, rejected: [] };
        },
      } as unknown as ActivityDeps['transport'],
      sentLog: new FileSentLog(path.join(dir, 'sent')),
      definitions: { load: async () => ONE_UNIT_CAMPAIGN, save: async () => 'x' },
      reports: {} as ActivityDeps['reports'],
      links: {} as ActivityDeps['links'],
      from: 'tdkt@vinhphuc.example.vn',
      ...(settings ? { settings } : {}),
    });
  const vote = (kind: AwardMailInput['kind']): AwardMailInput => ({
    campaignId: 'vp-2009',
    definitionRef: 'r',
    key: `vp-2009/awards/${kind}`,
    kind,
    to: [{ name: 'Lê Văn Chủ', email: 'chu@vinhphuc.example.vn' }],
    deadline: '2009-12-01T10:00:00.000Z',
    counts: { approved: 0, rejected: 0, noQuorum: 0, higher: 1, inVote: 3 },
  });

  test('the vote request and the reminder say where to vote; a retry sends nothing more', async () => {
    const activities = activitiesWith({
      publicBaseUrl: 'https://thidua.vinhphuc.example.vn',
    } as ActivityDeps['settings']);
    const env = new MockActivityEnvironment();
    await env.run(activities.mailAwards, vote('vote-open'));
    await env.run(activities.mailAwards, vote('vote-reminder'));
    await env.run(activities.mailAwards, vote('vote-open'));
    const page = 'https://thidua.vinhphuc.example.vn/admin/c/vp-2009/khen-thuong';
    expect(sent).toHaveLength(2);
    expect(sent[0].text).toContain('bỏ phiếu trên trang quản trị trước');
    expect(sent[0].text).toContain(`Trang bỏ phiếu của Hội đồng: ${page}`);
    expect(sent[1].text).toContain(`Trang bỏ phiếu của Hội đồng: ${page}`);
  });

  test("a unit's result letter carries no dashboard address", () => {
    const text = composeAwardMessage({
      ...base,
      kind: 'unit-results',
      addressees: ['Sở Nội vụ'],
      results: [],
      dashboardLink: 'https://thidua.vinhphuc.example.vn/admin/c/vp-2009/khen-thuong',
    }).text;
    expect(text).not.toContain('/admin/');
  });
});
