/**
 * Issue 18 over real HTTP: a clerk makes a campaign draft on the dashboard (upload, sample), checks
 * and previews it; an approver starts or rehearses it. The backend is the real draft use cases over a
 * temporary store, with the CLI's start recorded instead of sent to Temporal (test/helpers/fake-drafts.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { previewDraft } from '../../../app/campaign-drafts';
import { loadCampaign, MAX_CAMPAIGN_FILE_BYTES } from '../../../config/campaign-files';
import { loadWorkingCalendar } from '../../../config/holidays';
import type { StaffRole } from '../../../domain/synthesis-types';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Settings } from '../../../config/settings';
import { TemporalSecretariatBackend } from '../../../portal/dashboard/backend';
import { FileDefinitionStore } from '../../../stores/definition-store';
import type { UnitLinks } from '../../../stores/unit-links';
import { esc } from '../../../portal/pages';
import { createPortal, type Portal } from '../../../portal/server';
import { FileAccountStore } from '../../../stores/accounts';
import { FileReportStore } from '../../../stores/report-store';
import { DraftsOnlyBackend, NO_UNITS } from '../../helpers/fake-drafts';
import { csrfOf, PortalBrowser } from '../../helpers/portal-client';

const ZONE = 'Asia/Ho_Chi_Minh';
const PASSWORD = 'mat-khau-rat-dai-2026';
const FAST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };
const SAMPLE = 'vinh-phuc-67-kh-tu-2009.yaml';
const SAMPLE_PATH = path.resolve(__dirname, '../../../config/campaigns', SAMPLE);
/** Before the sample's dates, so that a start is not refused for a past deadline. */
const NOW = '2009-09-25T01:00:00.000Z';

const Backend = DraftsOnlyBackend;
type Backend = DraftsOnlyBackend;

let dir: string;
let accounts: FileAccountStore;
let reports: FileReportStore;
let backend: Backend;
let portal: Portal;
let base: string;
let logLines: string[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-drafts-portal-'));
  accounts = new FileAccountStore(dir, FAST_SCRYPT);
  await accounts.set('vanthu', 'Lê Thị Văn Thư', PASSWORD, ['clerk']);
  await accounts.set('lanhdao', 'Trần Văn Lãnh Đạo', PASSWORD, ['approver']);
  reports = new FileReportStore(path.join(dir, 'reports'));
  backend = new Backend(dir, () => NOW);
  logLines = [];
  portal = createPortal({
    backend: NO_UNITS,
    links: { info: async () => undefined } as never,
    reports,
    timeZone: ZONE,
    log: (line) => logLines.push(line),
    dashboard: { backend, accounts, reports },
  });
  base = `http://127.0.0.1:${await portal.listen(0, '127.0.0.1')}`;
});

afterEach(async () => {
  await portal.close();
  reports.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function as(login: string): Promise<{ browser: PortalBrowser; csrf: string }> {
  const browser = new PortalBrowser(base);
  const page = await browser.get('/admin/login');
  const res = await browser.postForm('/admin/login', { csrf: csrfOf(page.body), login, password: PASSWORD });
  expect(res.status).toBe(303);
  return { browser, csrf: csrfOf((await browser.get('/admin/dot-moi')).body) };
}

async function account(login: string, roles: StaffRole[]): Promise<void> {
  await accounts.set(login, login, PASSWORD, roles);
}

/** Uploads `data` as the clerk; returns the draft's page path when one was made. */
async function upload(browser: PortalBrowser, csrf: string, data: Buffer, filename = SAMPLE) {
  const res = await browser.postMultipart('/admin/dot-moi/tai-len', { csrf }, { filename, data });
  const location = res.headers.get('location') ?? undefined;
  return { res, location, id: location && /\/admin\/dot-moi\/(d-[0-9a-f]{16})/.exec(location)?.[1] };
}

test('the campaigns list links to the new campaign page; a clerk uploads a good file and gets a draft', async () => {
  const { browser, csrf } = await as('vanthu');
  expect((await browser.get('/admin')).body).toContain(
    '<a id="new-campaign" href="/admin/dot-moi">Tạo đợt thi đua mới</a>',
  );
  const { res, location, id } = await upload(browser, csrf, fs.readFileSync(SAMPLE_PATH));
  expect(res.status).toBe(303);
  expect(location).toBe(`/admin/dot-moi/${id}?xem=kiem-tra`);
  const page = await browser.get(location!);
  expect(page.status).toBe(200);
  expect(page.body).toMatch(/<p (id="problems" )?class="msg ok" role="status">(Không có lỗi nào|0 lỗi)/);
  expect(page.body).toContain(esc('id: vinh-phuc-67-kh-tu-2009'));
  expect(page.body).toContain(`tạo từ tệp tải lên &quot;${SAMPLE}&quot;`);
  const list = await browser.get('/admin/dot-moi');
  expect(list.body).toContain(`href="/admin/dot-moi/${id}"`);
  expect(list.body).toContain('Lê Thị Văn Thư (vanthu)');
});

test('a file that is not UTF-8 is refused, naming the encoding and the line; no draft is made', async () => {
  const { browser, csrf } = await as('vanthu');
  const data = Buffer.concat([
    Buffer.from('campaign:\n  id: x\n  title: Ban Thi '),
    Buffer.from([0xae, ...Buffer.from('ua - Khen th'), 0xad, 0xeb, ...Buffer.from('ng\n')]),
  ]);
  const { res } = await upload(browser, csrf, data, 'cu.yaml');
  expect(res.status).toBe(400);
  expect(res.body).toContain('Tệp &quot;cu.yaml&quot; không được nhận');
  expect(res.body).toContain('dòng 3');
  expect(res.body).toContain('TCVN3');
  expect(await backend.listDrafts()).toEqual([]);
});

test('a file over the campaign file limit is refused while it streams', async () => {
  const { browser, csrf } = await as('vanthu');
  const { res } = await upload(browser, csrf, Buffer.alloc(MAX_CAMPAIGN_FILE_BYTES + 1024, 0x61));
  expect(res.status).toBe(413);
  expect(res.body).toContain('Tệp quá lớn');
  expect(await backend.listDrafts()).toEqual([]);
});

test('a bad file: every problem with its line and field beside the text, which is kept as typed', async () => {
  const { browser, csrf } = await as('vanthu');
  const text = fs
    .readFileSync(SAMPLE_PATH, 'utf8')
    .replace('timeZone: Asia/Ho_Chi_Minh', 'timeZone: Asia/Hanoi_Nowhere')
    .replace("reminderTime: '08:00'", "reminderTime: '8 giờ'")
    .replace('email: thidua.thanh-uy-vinh-yen@vinhphuc.example.vn', 'email: khong-phai-thu');
  const { location } = await upload(browser, csrf, Buffer.from(text), 'sai.yaml');
  const page = await browser.get(location!);
  expect(page.body).toMatch(/role="status">[2-9] lỗi/);
  expect(page.body).toContain('<code>campaign.timeZone</code>');
  expect(page.body).toContain('<code>campaign.calendar.reminderTime</code>');
  // A unit's field names its unit, as `campaign validate` does.
  expect(page.body).toContain('<code>units[0].focal.email</code> (đơn vị <code>thanh-uy-vinh-yen</code>)');
  const line = text.split('\n').findIndex((l) => l.includes('Asia/Hanoi_Nowhere')) + 1;
  expect(page.body).toMatch(new RegExp(`dòng ${line}(, cột \\d+)?</td><td><code>campaign.timeZone`));
  expect(page.body).toContain(esc('timeZone: Asia/Hanoi_Nowhere'));

  // Fixed in the page (the browser sends CRLF): saved as typed, checked again, the change in the history.
  const id = /d-[0-9a-f]{16}/.exec(location!)![0];
  const fixed = text
    .replace('Asia/Hanoi_Nowhere', 'Asia/Ho_Chi_Minh')
    .replace("'8 giờ'", "'08:00'")
    .replace('email: khong-phai-thu', 'email: thidua.thanh-uy-vinh-yen@vinhphuc.example.vn');
  const saved = await browser.postForm(`/admin/dot-moi/${id}/luu`, {
    csrf,
    yaml: fixed.replace(/\n/g, '\r\n'),
    do: 'kiem-tra',
  });
  expect(saved.status).toBe(303);
  const again = await browser.get(saved.headers.get('location')!);
  expect(again.body).toMatch(/role="status">(Không có lỗi nào|0 lỗi)/);
  expect((await backend.draft(id)).yaml).toBe(fixed);
  expect(again.body).toMatch(/<td>Lê Thị Văn Thư \(vanthu\)<\/td><td>sửa nội dung<\/td>/);
});

test('a save with a wrong CSRF token changes nothing', async () => {
  const { browser, csrf } = await as('vanthu');
  const { id } = await upload(browser, csrf, fs.readFileSync(SAMPLE_PATH));
  const res = await browser.postForm(`/admin/dot-moi/${id}/luu`, { csrf: 'x'.repeat(43), yaml: 'hỏng' });
  expect(res.status).toBe(403);
  expect((await backend.draft(id!)).yaml).toBe(fs.readFileSync(SAMPLE_PATH, 'utf8'));
});

test('the preview shows the plan table, the readings and the messages as composeMessage writes them', async () => {
  const { browser, csrf } = await as('vanthu');
  const made = await browser.postForm('/admin/dot-moi/tu-mau', { csrf, sample: SAMPLE });
  expect(made.status).toBe(303);
  const id = /d-[0-9a-f]{16}/.exec(made.headers.get('location')!)![0];
  const page = await browser.get(`/admin/dot-moi/${id}?xem=xem-truoc`);
  expect(page.status).toBe(200);
  const expected = await previewDraft(backend.draftDeps, id);
  if (!expected.ok) throw new Error('sample invalid');
  expect(page.body).toContain('<table id="plan">');
  expect((page.body.match(/<tr><td/g) ?? []).length).toBeGreaterThanOrEqual(expected.rows.length);
  expect(page.body).toContain(esc(expected.rows[0].what));
  expect(page.body).toContain(`<span class="subject">${esc(expected.messages[0].message.subject)}</span>`);
  expect(page.body).toContain(esc(expected.messages[0].message.text));
  expect(page.body).toContain(esc(expected.messages[1].message.subject));
  expect(page.body).toContain(esc(expected.readings[0][1].reading));
  // The timeline picture, served under its own strict CSP; and the preview of a rehearsal.
  expect(page.body).toContain(`<img id="timeline" src="/admin/dot-moi/${id}/tien-trinh.svg"`);
  const svg = await browser.get(`/admin/dot-moi/${id}/tien-trinh.svg`);
  expect(svg.status).toBe(200);
  expect(svg.headers.get('content-type')).toBe('image/svg+xml');
  expect(svg.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
  expect(svg.body).toContain('<svg');
  expect(svg.body).toContain('Tiến độ thực hiện Kế hoạch 67-KH/TU');
  const rehearsal = await browser.get(`/admin/dot-moi/${id}?xem=xem-truoc&dien-tap=1d%3D20s`);
  expect(rehearsal.body).toContain('35 đơn vị, diễn tập 1d=20s');
  expect(rehearsal.body).toContain('tien-trinh.svg?dien-tap=1d%3D20s');
  // A clerk sees no start form, only the role it needs.
  expect(page.body).not.toContain('id="start"');
  expect(page.body).toContain('cần vai trò');
});

test('a start without the approver role is refused (403, naming the role) and the backend is not asked', async () => {
  const { browser, csrf } = await as('vanthu');
  const { id } = await upload(browser, csrf, fs.readFileSync(SAMPLE_PATH));
  const res = await browser.postForm(`/admin/dot-moi/${id}/bat-dau`, { csrf, confirm: 'yes' });
  expect(res.status).toBe(403);
  expect(res.body).toContain('không có vai trò');
  expect(res.body).toContain('bắt đầu đợt thi đua');
  expect(backend.draftCalls).not.toContain('startDraft');
  expect(backend.started).toEqual([]);
  expect(logLines.some((l) => l.includes('refused, lacks role approver'))).toBe(true);
});

test('an approver confirms the units and the time and starts through the CLI start; again: already running', async () => {
  const clerk = await as('vanthu');
  const { id } = await upload(clerk.browser, clerk.csrf, fs.readFileSync(SAMPLE_PATH));
  const { browser, csrf } = await as('lanhdao');
  const page = await browser.get(`/admin/dot-moi/${id}`);
  expect(page.body).toContain('id="start"');
  expect(page.body).toMatch(/Gửi kế hoạch tới 35 đơn vị lúc \d\d:\d\d [^,]+, \d\d\/\d\d\/\d{4}/);
  expect(page.body).toContain('readonly'); // an approver without the clerk role reads the text only

  const unconfirmed = await browser.postForm(`/admin/dot-moi/${id}/bat-dau`, { csrf });
  expect(unconfirmed.status).toBe(400);
  expect(unconfirmed.body).toContain('Hãy đánh dấu ô xác nhận');
  expect(backend.started).toEqual([]);

  const started = await browser.postForm(`/admin/dot-moi/${id}/bat-dau`, { csrf, confirm: 'yes' });
  expect(started.status).toBe(303);
  expect(started.headers.get('location')).toBe('/admin/c/vinh-phuc-67-kh-tu-2009');
  expect(backend.started).toHaveLength(1);
  expect(backend.started[0].definition.campaign.id).toBe('vinh-phuc-67-kh-tu-2009');
  expect(backend.started[0].compiled.phases.length).toBeGreaterThan(0);
  expect(backend.started[0].rehearsal).toBeUndefined();

  backend.running = true;
  const again = await browser.postForm(`/admin/dot-moi/${id}/bat-dau`, { csrf, confirm: 'yes' });
  expect(again.status).toBe(409);
  expect(again.body).toContain('đã đang chạy');
  expect(again.body).toContain('không có gì thay đổi');
  const history = (await backend.draft(id!)).history.map((h) => [h.by, h.what]);
  expect(history.at(-2)).toEqual(['Trần Văn Lãnh Đạo (lanhdao)', 'bắt đầu đợt "vinh-phuc-67-kh-tu-2009" (35 đơn vị)']);
  expect(history.at(-1)?.[1]).toMatch(/đã đang chạy/);
});

test('a rehearsal is started compressed; a mistyped compression is refused and nothing starts', async () => {
  await account('ca-hai', ['clerk', 'approver']);
  const { browser, csrf } = await as('ca-hai');
  const made = await browser.postForm('/admin/dot-moi/tu-mau', { csrf, sample: SAMPLE });
  const id = /d-[0-9a-f]{16}/.exec(made.headers.get('location')!)![0];
  const bad = await browser.postForm(`/admin/dot-moi/${id}/bat-dau`, { csrf, confirm: 'yes', rehearse: '1d=20x' });
  expect(bad.status).toBe(400);
  expect(backend.started).toEqual([]);
  const ok = await browser.postForm(`/admin/dot-moi/${id}/bat-dau`, { csrf, confirm: 'yes', rehearse: '1d=20s' });
  expect(ok.status).toBe(303);
  expect(backend.started[0].rehearsal).toBe('1d=20s');
  expect(backend.started[0].compiled.rehearsal?.factor).toBeLessThan(1);
});

test('unknown drafts and samples are not found; the routes want a session', async () => {
  const { browser, csrf } = await as('vanthu');
  expect((await browser.get('/admin/dot-moi/d-0000000000000000')).status).toBe(404);
  expect((await browser.get('/admin/dot-moi/../etc')).status).toBe(404);
  expect((await browser.postForm('/admin/dot-moi/tu-mau', { csrf, sample: '../../package.json' })).status).toBe(404);
  const anonymous = new PortalBrowser(base);
  expect((await anonymous.get('/admin/dot-moi')).status).toBe(303);
  expect((await anonymous.postForm('/admin/dot-moi/tu-mau', { sample: SAMPLE })).status).toBe(401);
});

/** The Temporal backend's wiring: the CLI's startCampaign reaches the client with the compiled campaign. */
describe('TemporalSecretariatBackend', () => {
  test('startDraft starts campaign/<id> through startCampaign (plan documents from config/campaigns/); again: already running', async () => {
    const starts: Array<{
      workflowId: string;
      args: Array<{ unitCount: number; definitionRef: string; compiled: { rehearsal?: unknown } }>;
    }> = [];
    const client = {
      options: { namespace: 'default' },
      workflow: {
        start: async (_wf: unknown, options: (typeof starts)[number]) => {
          if (starts.some((s) => s.workflowId === options.workflowId)) {
            throw new WorkflowExecutionAlreadyStartedError('already started', options.workflowId, 'campaignWorkflow');
          }
          starts.push(options);
        },
        getHandle: () => ({
          describe: () => Promise.reject(Object.assign(new Error('not found'), { name: 'WorkflowNotFoundError' })),
        }),
      },
    } as unknown as Client;
    const settings = { taskQueue: 'thidua-test', dataDir: dir } as Settings;
    const definitions = new FileDefinitionStore(path.join(dir, 'campaigns'));
    const temporal = new TemporalSecretariatBackend(
      client,
      settings,
      {} as UnitLinks,
      definitions,
      reports,
      'http://ui.example',
    );
    const clerk = { login: 'vanthu', name: 'Lê Thị Văn Thư', roles: ['clerk' as const] };
    const approver = { login: 'lanhdao', name: 'Trần Văn Lãnh Đạo', roles: ['approver' as const] };
    const draft = await temporal.createDraftFromSample(clerk, SAMPLE);
    expect(fs.existsSync(path.join(dir, 'drafts', `${draft.id}.json`))).toBe(true);
    await expect(temporal.startDraft(clerk, draft.id, {})).rejects.toMatchObject({ code: 'forbidden' });
    expect(starts).toEqual([]);

    // A rehearsal: the sample's 2009 dates are compressed from now, so nothing is in the past.
    const first = await temporal.startDraft(approver, draft.id, { rehearse: '1d=20s' });
    expect(first).toMatchObject({ ok: true, outcome: { started: true, unitCount: 35 } });
    expect(starts).toHaveLength(1);
    expect(starts[0].workflowId).toBe('campaign/vinh-phuc-67-kh-tu-2009');
    expect(starts[0].args[0].unitCount).toBe(35);
    expect(starts[0].args[0].compiled.rehearsal).toBeDefined();
    // The plan's file, named relative to config/campaigns/, was copied into the report store.
    const stored = await definitions.load(starts[0].args[0].definitionRef);
    expect(stored.documents?.[0]).toMatchObject({ file: { name: '67-KH-TU-2009-ke-hoach-tong-ket.txt' } });
    const again = await temporal.startDraft(approver, draft.id, { rehearse: '1d=20s' });
    expect(again).toMatchObject({ ok: true, outcome: { started: false } });
  });
});

test('a copy with its dates moved a year: the form asks how many years; the copy and its history say so', async () => {
  const { browser, csrf } = await as('vanthu');
  const made = await browser.postForm('/admin/dot-moi/tu-mau', { csrf, sample: SAMPLE });
  const from = /d-[0-9a-f]{16}/.exec(made.headers.get('location')!)![0];
  const list = await browser.get('/admin/dot-moi');
  expect(list.body).toContain('<label for="years">Dời ngày (số năm)</label>');
  expect(list.body).toMatch(/<input id="years" name="years" type="number" value="1" min="-5" max="10"/);

  const copied = await browser.postForm('/admin/dot-moi/sao-chep', { csrf, from, years: '1' });
  expect(copied.status).toBe(303);
  const id = /d-[0-9a-f]{16}/.exec(copied.headers.get('location')!)![0];
  expect(id).not.toBe(from);
  const yaml = (await backend.draft(id)).yaml;
  expect(yaml).toContain('id: vinh-phuc-67-kh-tu-2010');
  expect(yaml).toContain('deadline: trước ngày 15/10/2010');
  expect(yaml).toContain('date: tháng 11/2010');
  expect(yaml).toContain('# Kế hoạch số 67-KH/TU ngày 21/9/2009'); // a comment is not a date field
  const what = `sao chép từ bản nháp ${from}, dời ngày +1 năm (15 ngày tháng)`;
  const page = await browser.get(copied.headers.get('location')!);
  expect(page.body).toContain(`<td>Lê Thị Văn Thư (vanthu)</td><td>${what}</td>`);
  expect(page.body).toContain(`Đã ${what}.`);

  // Out of range: refused with the range, no draft made.
  const before = (await backend.listDrafts()).length;
  const refused = await browser.postForm('/admin/dot-moi/sao-chep', { csrf, from, years: '11' });
  expect(refused.status).toBe(400);
  expect(refused.body).toContain('Số năm dời ngày phải là số nguyên trong khoảng -5 đến 10.');
  expect(await backend.listDrafts()).toHaveLength(before);
  // No field (an older form): copied as it is.
  const plain = await browser.postForm('/admin/dot-moi/sao-chep', { csrf, from });
  const plainId = /d-[0-9a-f]{16}/.exec(plain.headers.get('location')!)![0];
  expect((await backend.draft(plainId)).yaml).toBe((await backend.draft(from)).yaml);
});

test('a copy of an earlier campaign: the form lists the campaigns; the copy is the definition it started with, a year on', async () => {
  const loaded = loadCampaign(SAMPLE_PATH, { mode: 'validate', calendar: loadWorkingCalendar(), now: NOW });
  if (!loaded.ok) throw new Error('the sample does not load');
  const id = loaded.campaign.campaign.id;
  const row = { campaignId: id, planNumber: '67-KH/TU', title: 'Tổng kết 5 năm Chỉ thị 39-CT/TW', phase: 'closed' };
  backend.listCampaigns = async () => [{ ...row, workflowStatus: 'COMPLETED', startTime: NOW }];
  backend.draftDeps.earlierDefinition = async (asked) => (asked === id ? loaded.campaign : undefined);
  const { browser, csrf } = await as('vanthu');
  const list = await browser.get('/admin/dot-moi');
  expect(list.body).toContain('<h3>Sao chép từ một đợt đã chạy</h3>');
  expect(list.body).toContain(`<option value="${id}">${id} — Tổng kết 5 năm Chỉ thị 39-CT/TW</option>`);

  const copied = await browser.postForm('/admin/dot-moi/tu-dot', { csrf, campaign: id, years: '1' });
  expect(copied.status).toBe(303);
  const draftId = /d-[0-9a-f]{16}/.exec(copied.headers.get('location')!)![0];
  const yaml = (await backend.draft(draftId)).yaml;
  expect(yaml).toContain('id: vinh-phuc-67-kh-tu-2010');
  expect(yaml).toContain('deadline: trước ngày 15/10/2010');
  const page = await browser.get(copied.headers.get('location')!);
  expect(page.body).toMatch(
    /Đã sao chép từ đợt thi đua vinh-phuc-67-kh-tu-2009, dời ngày \+1 năm \(\d+ ngày tháng\)\./,
  );

  const unknown = await browser.postForm('/admin/dot-moi/tu-dot', { csrf, campaign: 'khong-co', years: '1' });
  expect(unknown.status).toBe(404);
  expect(unknown.body).toContain('Không có đợt thi đua &quot;khong-co&quot;.');
  // Without the clerk role: refused before anything is read.
  const approver = await as('lanhdao');
  const calls = backend.draftCalls.length;
  const refused = await approver.browser.postForm('/admin/dot-moi/tu-dot', { csrf: approver.csrf, campaign: id });
  expect(refused.status).toBe(403);
  expect(backend.draftCalls.slice(calls).filter((c) => c === 'copyCampaign')).toEqual([]);
});
