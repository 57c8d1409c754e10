/**
 * What the CLI prints for a clerk, in Vietnamese by default and in English with `--lang en` (or
 * THIDUA_LANG=en): every command that needs a server run against stand-ins for its use cases, so
 * only the wording is tested here (the e2e tests run them for real). `--json` is not translated.
 */
import type { Settings } from '../../../config/settings';
import { statusCommand } from '../../../client/commands/campaign-status';
import { cancelCommand, extendCommand, listCommand, remindCommand } from '../../../client/commands/campaign-actions';
import { linkCommand } from '../../../client/commands/unit-link';
import { usage } from '../../../client/thidua';
import { langOfArgv, texts } from '../../../client/texts';
import { parseArgs } from '../../../client/connect';
import { extendDeadline } from '../../../app/campaigns';

const ZONE = 'Asia/Ho_Chi_Minh';

jest.mock('../../../client/connect', () => {
  const actual = jest.requireActual('../../../client/connect');
  return {
    ...actual,
    connect: async () => ({
      client: { options: { namespace: 'default' } },
      settings: { dataDir: '/nonexistent', timeZone: ZONE, temporalUiUrl: 'http://localhost:8233' } as Settings,
      address: 'localhost:7233',
      close: async () => undefined,
    }),
  };
});

const VIEW = {
  campaignId: 'vp-67',
  planNumber: '67-KH/TU',
  title: 'Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW',
  phase: 'self-review',
  workflowStatus: 'RUNNING',
  total: 3,
  locked: 1,
  counts: { pending: 1, submitted: 1, late: 0, missing: 1 },
  units: [
    {
      unitId: 'thanh-uy-vinh-yen',
      unitName: 'Thành ủy Vĩnh Yên',
      status: 'submitted',
      locked: false,
      deadline: '2009-10-14T10:00:00.000Z',
      remindersSent: 1,
      submittedAt: '2009-10-13T02:30:00.000Z',
    },
    {
      unitId: 'so-noi-vu',
      unitName: 'Sở Nội vụ',
      status: 'missing',
      locked: true,
      deadline: '2009-10-14T10:00:00.000Z',
      remindersSent: 2,
    },
  ],
  matching: 3,
};

jest.mock('../../../app/campaigns', () => {
  const actual = jest.requireActual('../../../app/campaigns');
  return {
    ...actual,
    campaignUnits: jest.fn(async () => VIEW),
    listCampaigns: jest.fn(async () => [
      {
        campaignId: 'vp-67',
        planNumber: '67-KH/TU',
        title: 'Tổng kết Chỉ thị 39',
        phase: 'closed',
        workflowStatus: 'COMPLETED',
        deadline: '2009-10-14T10:00:00.000Z',
        startTime: '2009-09-21T01:00:00.000Z',
      },
    ]),
    extendDeadline: jest.fn(async () => ({
      // As the app compiles it: `local` is the mails' wording; the CLI writes dd/MM/yyyy HH:mm.
      schedule: { deadline: { utc: '2009-10-23T10:00:00.000Z', local: '17:00 thứ Sáu, 23/10/2009' } },
      timeZone: 'Asia/Ho_Chi_Minh',
      deadlineVersion: 2,
    })),
    cancelWholeCampaign: jest.fn(async () => undefined),
    cancelCampaignTree: jest.fn(async () => ({})),
  };
});
// Not a sub-campaign and without any (the tree's output is tested in sub-campaign-status.test.ts).
jest.mock('../../../app/sub-campaigns', () => ({ campaignTree: jest.fn(async () => ({ subCampaigns: [] })) }));
jest.mock('../../../app/units', () => ({
  ...jest.requireActual('../../../app/units'),
  remindNow: jest.fn(async () => undefined),
}));
jest.mock('../../../app/links', () => ({
  unitLink: jest.fn(async () => 'http://portal.example.vn/u/abc'),
  reissueLink: jest.fn(async () => 'http://portal.example.vn/u/new'),
  revokeLink: jest.fn(async () => true),
}));

async function run(command: (argv: string[], io: never) => Promise<number>, argv: string[]) {
  let out = '';
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) } };
  const code = await command(argv, io as never);
  return { code, out };
}

const saved = process.env.THIDUA_LANG;
beforeEach(() => delete process.env.THIDUA_LANG);
afterAll(() => {
  if (saved !== undefined) process.env.THIDUA_LANG = saved;
});

describe('campaign status', () => {
  it('Vietnamese by default: labels, statuses, dates dd/MM/yyyy HH:mm', async () => {
    const { code, out } = await run(statusCommand, ['vp-67']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('67-KH/TU — Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW');
    expect(lines[1]).toMatch(
      /^Giai đoạn: Tự kiểm điểm, tổng kết tại đơn vị · Workflow: RUNNING · http:\/\/localhost:8233\//,
    );
    expect(lines[2]).toBe('Đơn vị: 3 · chưa đến hạn: 1 · đã nộp: 1 · nộp muộn: 0 · quá hạn, chưa nộp: 1 · đã khóa: 1');
    expect(lines[4]).toMatch(/^Đơn vị +Tên +Trạng thái +Hạn nộp +Nhắc +Nộp lúc$/);
    expect(out).toMatch(/thanh-uy-vinh-yen +Thành ủy Vĩnh Yên +đã nộp +14\/10\/2009 17:00 +1 +13\/10\/2009 09:30/);
    expect(out).toMatch(/so-noi-vu +Sở Nội vụ +quá hạn, chưa nộp \(khóa\) +14\/10\/2009 17:00 +2/);
    expect(out).toContain('(hiển thị 2/3 đơn vị; --limit N để xem thêm, --filter để lọc)');
  });

  it('English with --lang en or THIDUA_LANG=en', async () => {
    const { out } = await run(statusCommand, ['vp-67', '--lang', 'en']);
    const lines = out.split('\n');
    expect(lines[1]).toMatch(/^Phase: self-review at the units · Workflow: RUNNING · /);
    expect(lines[2]).toBe(
      'Units: 3 · pending: 1 · submitted: 1 · late: 0 · missing (past the deadline): 1 · locked: 1',
    );
    expect(lines[4]).toMatch(/^Unit +Name +Status +Deadline +Reminders +Submitted at$/);
    expect(out).toMatch(/so-noi-vu +Sở Nội vụ +missing \(past the deadline\) \(locked\) +14\/10\/2009 17:00 +2/);
    expect(out).toContain('(2 of 3 shown; --limit N for more, --filter to narrow)');
    process.env.THIDUA_LANG = 'en';
    expect((await run(statusCommand, ['vp-67'])).out).toBe(out);
  });

  it('--json is the same in either language', async () => {
    const vi = await run(statusCommand, ['vp-67', '--json']);
    const en = await run(statusCommand, ['vp-67', '--json', '--lang', 'en']);
    expect(en.out).toBe(vi.out);
    expect(JSON.parse(vi.out)).toMatchObject({ campaignId: 'vp-67', phase: 'self-review', status: 'RUNNING' });
  });

  it('a wrong --filter and a missing id, in either language', async () => {
    await expect(run(statusCommand, ['vp-67', '--filter', 'x'])).rejects.toThrow('--filter: một trong');
    await expect(run(statusCommand, ['vp-67', '--filter', 'x', '--lang', 'en'])).rejects.toThrow('--filter: one of');
    await expect(run(statusCommand, [])).rejects.toThrow('cách dùng: thidua campaign status ID');
    await expect(run(statusCommand, ['--lang', 'en'])).rejects.toThrow('usage: thidua campaign status ID');
  });
});

describe('an option the command does not take is refused before anything is done', () => {
  it('campaign cancel --unit (only extend takes one) cancels nothing', async () => {
    const campaigns = jest.requireMock('../../../app/campaigns');
    campaigns.cancelCampaignTree.mockClear();
    const refusal = run(cancelCommand, ['vp-67', '--unit', 'so-noi-vu', '--reason', 'Đơn vị sáp nhập']);
    await expect(refusal).rejects.toThrow(
      'lệnh thidua campaign cancel không có tùy chọn --unit; chưa làm gì. Xem: thidua campaign cancel --help',
    );
    await expect(refusal).rejects.toMatchObject({ exitCode: 2 });
    expect(campaigns.cancelCampaignTree).not.toHaveBeenCalled();
  });

  it('a mistyped option of campaign status, with or without a value; in English too', async () => {
    await expect(run(statusCommand, ['vp-67', '--fitler', 'late'])).rejects.toThrow(
      'lệnh thidua campaign status không có tùy chọn --fitler',
    );
    // Without a value it read as an option wanting one ("--jsn cần một giá trị").
    await expect(run(statusCommand, ['vp-67', '--jsn'])).rejects.toThrow('không có tùy chọn --jsn');
    await expect(run(statusCommand, ['vp-67', '--jsn', '--lang', 'en'])).rejects.toThrow(
      'thidua campaign status has no option --jsn; nothing was done. See: thidua campaign status --help',
    );
    // What it takes still works, a value that looks like an option included.
    expect((await run(statusCommand, ['vp-67', '--filter=missing', '--limit', '5', '--json'])).code).toBe(0);
    expect(
      (await run(extendCommand, ['vp-67', '--by', '3d', '--reason', '--khẩn--', '--unit', 'so-noi-vu'])).code,
    ).toBe(0);
  });
});

describe('campaign list, extend, cancel; unit remind', () => {
  it('without --by-name, records its actions under a Vietnamese name, even with --lang en', async () => {
    // The name is shown on the dashboard's pages (an extension's, a cancellation's line): it used to
    // read "(secretariat (CLI))" there.
    const campaigns = jest.requireMock('../../../app/campaigns');
    const units = jest.requireMock('../../../app/units');
    await run(extendCommand, ['vp-67', '--by', '3d', '--reason', 'Lũ', '--lang', 'en']);
    expect(campaigns.extendDeadline.mock.lastCall[3].grantedBy).toBe('Thường trực (dòng lệnh)');
    await run(cancelCommand, ['vp-67', '--reason', 'Trùng kế hoạch']);
    expect(campaigns.cancelCampaignTree.mock.lastCall[2].cancelledBy).toBe('Thường trực (dòng lệnh)');
    await run(remindCommand, ['vp-67', 'so-noi-vu']);
    expect(units.remindNow.mock.lastCall[3]).toBe('Thường trực (dòng lệnh)');
    // Named by --by-name, still from the command line (as a schedule's notes say it).
    await run(extendCommand, ['vp-67', '--by', '3d', '--reason', 'Lũ', '--by-name', 'Nguyễn Văn T']);
    expect(campaigns.extendDeadline.mock.lastCall[3].grantedBy).toBe('Nguyễn Văn T (dòng lệnh)');
  });

  it('Vietnamese by default', async () => {
    const list = await run(listCommand, []);
    expect(list.out.split('\n')[0]).toMatch(/^Mã đợt +Kế hoạch +Giai đoạn +Workflow +Hạn nộp +Tên đợt$/);
    expect(list.out).toMatch(/vp-67 +67-KH\/TU +Đã kết thúc +COMPLETED +14\/10\/2009 17:00 +Tổng kết Chỉ thị 39/);
    expect((await run(extendCommand, ['vp-67', '--by', '3d', '--reason', 'Lũ', '--unit', 'so-noi-vu'])).out).toBe(
      'Đã gia hạn cho so-noi-vu: hạn mới 23/10/2009 17:00 (phiên bản hạn nộp thứ 2).\n',
    );
    expect((await run(extendCommand, ['vp-67', '--by', '3d', '--reason', 'Lũ'])).out).toBe(
      'Đã gia hạn cho mọi đơn vị của đợt vp-67 đến 23/10/2009 17:00 (đơn vị có hạn muộn hơn giữ nguyên hạn của mình).\n',
    );
    // Who granted it, as the dashboard and the unit's history show it: in Vietnamese.
    expect(jest.mocked(extendDeadline).mock.calls[0][3]).toMatchObject({ grantedBy: 'Thường trực (dòng lệnh)' });
    expect((await run(cancelCommand, ['vp-67', '--reason', 'Trùng kế hoạch'])).out).toBe(
      'Đã hủy đợt vp-67: đang thông báo lý do tới từng đơn vị.\n',
    );
    expect((await run(remindCommand, ['vp-67', 'so-noi-vu'])).out).toBe(
      'Đã chuyển yêu cầu nhắc so-noi-vu: worker gửi thư nhắc ngay.\n',
    );
    await expect(run(cancelCommand, ['vp-67'])).rejects.toThrow('cách dùng: thidua campaign cancel ID --reason');
  });

  it('English with --lang en', async () => {
    const list = await run(listCommand, ['--lang', 'en']);
    expect(list.out.split('\n')[0]).toMatch(/^Campaign +Plan +Phase +Workflow +Deadline +Title$/);
    expect(list.out).toMatch(/vp-67 +67-KH\/TU +closed +COMPLETED +14\/10\/2009 17:00/);
    expect(
      (await run(extendCommand, ['vp-67', '--by', '3d', '--reason', 'x', '--unit', 'so-noi-vu', '--lang', 'en'])).out,
    ).toBe('Extended so-noi-vu: new deadline 23/10/2009 17:00 (version 2).\n');
    expect((await run(cancelCommand, ['vp-67', '--reason', 'x', '--lang', 'en'])).out).toBe(
      'Cancelled vp-67: every unit is being told the reason.\n',
    );
    expect((await run(remindCommand, ['vp-67', 'so-noi-vu', '--lang', 'en'])).out).toBe(
      'Reminder to so-noi-vu queued: the worker sends it now.\n',
    );
  });
});

describe('unit link', () => {
  it('Vietnamese by default, English with --lang en', async () => {
    expect((await run(linkCommand, ['vp-67', 'so-y-te'])).out).toBe('http://portal.example.vn/u/abc\n');
    expect((await run(linkCommand, ['vp-67', 'so-y-te', '--reissue'])).out).toBe(
      'Đường dẫn mới của so-y-te (đường dẫn cũ không còn mở được): http://portal.example.vn/u/new\n',
    );
    expect((await run(linkCommand, ['vp-67', 'so-y-te', '--revoke'])).out).toMatch(
      /^Đã thu hồi đường dẫn của so-y-te: .*\n`thidua unit link vp-67 so-y-te --reissue` cấp ngay một đường dẫn mới\.\n$/,
    );
    expect((await run(linkCommand, ['vp-67', 'so-y-te', '--reissue', '--lang', 'en'])).out).toBe(
      'New link of so-y-te (the old one no longer opens): http://portal.example.vn/u/new\n',
    );
    expect((await run(linkCommand, ['vp-67', 'so-y-te', '--revoke', '--lang', 'en'])).out).toMatch(
      /^Revoked the link of so-y-te: it no longer opens the portal\./,
    );
  });
});

describe('help, usage and the table', () => {
  it('thidua --help lists every command with what it does, in either language', () => {
    expect(usage('vi')).toMatch(/^Cách dùng: thidua <lệnh>/);
    expect(usage('vi')).toContain('thidua campaign start           bắt đầu đợt thi đua');
    expect(usage('en')).toMatch(/^Usage: thidua <command>/);
    expect(usage('en')).toContain("thidua unit link                a unit's portal link");
  });

  it('--lang is read before parsing (usage lines, a missing value)', () => {
    expect(langOfArgv([], {})).toBe('vi');
    expect(langOfArgv(['--lang', 'en'], {})).toBe('en');
    expect(langOfArgv(['--lang=en-US'], {})).toBe('en');
    expect(langOfArgv([], { THIDUA_LANG: 'en' })).toBe('en');
    expect(langOfArgv(['--lang', 'vi'], { THIDUA_LANG: 'en' })).toBe('vi');
    expect(() => parseArgs(['--reason'])).toThrow('--reason cần một giá trị');
    expect(() => parseArgs(['--lang', 'en', '--reason'])).toThrow('--reason needs a value');
  });

  it('the start and submit lines', () => {
    const started = {
      plan: '67-KH/TU',
      title: 'Tổng kết',
      workflowId: 'campaign/vp-67',
      units: 35,
      deadline: '14/10/2009 17:00',
      ui: 'http://localhost:8233/x',
    };
    expect(texts('vi').started(started)).toBe(
      'Đã bắt đầu đợt thi đua 67-KH/TU — Tổng kết\n' +
        '  Workflow   campaign/vp-67\n' +
        '  Số đơn vị  35\n' +
        '  Hạn nộp    14/10/2009 17:00\n' +
        '  Theo dõi   http://localhost:8233/x\n',
    );
    expect(texts('en').started(started)).toBe(
      'Started 67-KH/TU — Tổng kết\n' +
        '  workflow  campaign/vp-67\n' +
        '  units     35\n' +
        '  deadline  14/10/2009 17:00\n' +
        '  UI        http://localhost:8233/x\n',
    );
    const receipt = {
      kind: 'presentation-paper' as const,
      unit: 'Sở Y tế',
      name: 'tl.docx',
      version: 2,
      late: true,
      sha256: 'ab',
    };
    expect(texts('vi').received(receipt)).toBe(
      'Đã nhận báo cáo tham luận của Sở Y tế: "tl.docx", phiên bản 2 (nộp muộn), mã SHA-256 ab.\n',
    );
    expect(texts('en').received(receipt)).toBe(
      'Received the presentation paper of Sở Y tế: "tl.docx", version 2 (late), sha256 ab.\n',
    );
  });
});
