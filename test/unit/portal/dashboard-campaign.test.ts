/**
 * The secretariat's dashboard over real HTTP: a campaign's page and its actions, a unit's page and its
 * actions (set-up in test/helpers/dashboard-harness.ts; the full stack is in test/e2e/portal.test.ts).
 */
import { AppError } from '../../../app/temporal-errors';
import { formatDeadline } from '../../../domain/messages';
import type { FileVersion, NominationVersion } from '../../../domain/workflow-types';
import { csrfOf, linkPath, pdfBytes, PortalBrowser } from '../../helpers/portal-client';
import {
  backend,
  base,
  CAMPAIGN,
  deadline,
  links,
  loggedIn,
  logLines,
  reports,
  useDashboard,
  ZONE,
} from '../../helpers/dashboard-harness';

useDashboard();

describe('a campaign', () => {
  test('counts, the units table with filters, the timeline and links to the Temporal UI', async () => {
    const { browser } = await loggedIn();
    const page = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(page).toContain('<strong id="count-total">3</strong>');
    expect(page).toContain('<strong id="count-missing">1</strong>');
    expect(page).toContain('<strong id="count-late">1</strong>');
    for (const name of ['Sở Nội vụ', 'Sở Y tế', 'Sở Tư pháp']) expect(page).toContain(name);
    expect(page).toContain(`href="/admin/c/${CAMPAIGN}/u/so-y-te"`);
    expect(page).toContain('http://temporal-ui.example/namespaces/default/workflows/campaign%2Fkh-67-test');
    expect(page).toContain('campaign%2Fkh-67-test%2Funit%2Fso-y-te');
    expect(page).toContain('Tiến trình');
    expect(page).toContain('Nâng mức 1: báo thủ trưởng đơn vị');
    // The file's offset ("3d") read in words, as the clerk reads the schedule.
    expect(page).toContain('Nhắc trước hạn 3 ngày');
    expect(page).not.toContain('(3d)');
    expect(page).toContain(formatDeadline(deadline, ZONE).slice(0, 5)); // the deadline's local time of day

    const late = (await browser.get(`/admin/c/${CAMPAIGN}?filter=missing`)).body;
    expect(late).toContain('Sở Y tế');
    expect(late).not.toContain('Sở Nội vụ</a>');
    expect(late).toMatch(/class="current" aria-current="page">Quá hạn, chưa nộp \(1\)/);
    const submitted = (await browser.get(`/admin/c/${CAMPAIGN}?filter=submitted`)).body;
    expect(submitted).toContain('Sở Nội vụ</a>');
    expect(submitted).not.toContain('Sở Y tế</a>');
  });

  test('the plan is cited by its number, or by its kind and date when it has none (not "Số Kế hoạch …")', async () => {
    const { browser } = await loggedIn();
    expect((await browser.get(`/admin/c/${CAMPAIGN}`)).body).toContain('<dd>Số 67-KH/TU (mã đợt kh-67-test)</dd>');
    backend.planNumber = 'Kế hoạch tháng 6/2014';
    const page = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(page).toContain('<dd>Kế hoạch tháng 6/2014 (mã đợt kh-67-test)</dd>');
    expect(page).not.toContain('Số Kế hoạch');
  });

  test('an unknown campaign or an id with odd characters is not found', async () => {
    const { browser } = await loggedIn();
    const unknown = await browser.get('/admin/c/khong-co');
    expect(unknown.status).toBe(404);
    // Not a dead end: the page leads back to the list of campaigns.
    expect(unknown.body).toContain('<a id="back-to-list" href="/admin">← Các đợt thi đua</a>');
    expect((await browser.get(`/admin/c/${encodeURIComponent("x' OR 1=1")}`)).status).toBe(404);
    expect((await browser.get(`/admin/c/${CAMPAIGN}/u/..%2F..%2Fetc`)).status).toBe(404);
  });

  test('no worker: the units table still shows (visibility), the timeline and actions say why they are missing', async () => {
    const { browser } = await loggedIn();
    backend.workerDown = true;
    const page = await browser.get(`/admin/c/${CAMPAIGN}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Sở Y tế');
    // In Vietnamese, as everything on the dashboard (this once read "reading the campaign: no worker answered").
    expect(page.body).toContain(
      'Tiến trình và thao tác tạm không có: đọc tiến trình của đợt: không có worker nào trả lời trong 10 giây',
    );
    expect(page.body).not.toContain('action-extend-all');
  });

  test('extend every unit: needs the CSRF token; by days, with the reason and who granted it', async () => {
    const { browser, csrf } = await loggedIn();
    const url = `/admin/c/${CAMPAIGN}/do/extend-all`;
    expect((await browser.postForm(url, { days: '3', reason: 'Nghỉ lễ' })).status).toBe(403);
    expect((await browser.postForm(url, { csrf: csrf + 'x', days: '3', reason: 'Nghỉ lễ' })).status).toBe(403);
    expect(backend.calls).toEqual([]);

    const res = await browser.postForm(url, { csrf, days: '3', until: '', reason: 'Nghỉ lễ' });
    expect(res.status).toBe(303);
    expect(backend.calls).toEqual([
      {
        action: 'extend',
        campaignId: CAMPAIGN,
        req: { by: '3d', reason: 'Nghỉ lễ', grantedBy: 'Nguyễn Thị Hạnh (thuongtruc), trang quản trị' },
      },
    ]);
    const page = (await browser.get(res.headers.get('location')!)).body;
    expect(page).toContain('Đã gia hạn cho mọi đơn vị đến 17:00 thứ Sáu, 04/12/2026');
    expect((await browser.get(`/admin/c/${CAMPAIGN}`)).body).not.toContain('Đã gia hạn cho mọi đơn vị'); // shown once
  });

  test('bad extension input is refused beside the form, refilled, nothing sent; a workflow refusal is shown as it is', async () => {
    const { browser, csrf } = await loggedIn();
    const url = `/admin/c/${CAMPAIGN}/u/so-y-te/do/extend`;
    const both = await browser.postForm(url, { csrf, days: '3', until: '17:00 25/12/2026', reason: 'Ốm' });
    expect(both.status).toBe(400);
    expect(both.body).toContain('Chọn một cách gia hạn');
    expect(both.body).toContain('value="17:00 25/12/2026"');
    const noReason = await browser.postForm(url, { csrf, days: '3', reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('Cần ghi lý do gia hạn.');
    const notANumber = await browser.postForm(url, { csrf, days: '-1', reason: 'Ốm' });
    expect(notANumber.status).toBe(400);
    expect(backend.calls).toEqual([]);

    backend.cancelled = true;
    const refused = await browser.postForm(url, { csrf, days: '3', reason: 'Ốm' });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('Bị từ chối: Đợt tổng kết đã bị hủy; không thể gia hạn. Không có gì thay đổi.');
  });

  test('extend one unit goes to that unit; an unknown action is not found', async () => {
    const { browser, csrf } = await loggedIn();
    const res = await browser.postForm(`/admin/c/${CAMPAIGN}/u/so-y-te/do/extend`, {
      csrf,
      until: '17:00 30/11/2026',
      reason: 'Đơn vị xin gia hạn',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/c/${CAMPAIGN}/u/so-y-te`);
    expect(backend.calls[0].req).toMatchObject({ until: '17:00 30/11/2026', unitId: 'so-y-te' });
    expect((await browser.postForm(`/admin/c/${CAMPAIGN}/do/delete-everything`, { csrf })).status).toBe(404);
    expect((await browser.get(`/admin/c/${CAMPAIGN}/do/extend-all`)).status).toBe(405);
  });

  test('a campaign of several deadline phases: the extension names the phase, the open one first', async () => {
    const { browser, csrf } = await loggedIn();
    expect((await browser.get(`/admin/c/${CAMPAIGN}`)).body).not.toContain('name="phase"'); // one phase: no choice
    const base = (await backend.campaignStatus(CAMPAIGN)).selfReview!;
    const schedule = (local: string) => ({ ...base, deadline: { ...base.deadline, local } });
    backend.deadlinePhases = [
      { id: 'ke-hoach', name: 'Kế hoạch tổ chức Đại hội', schedule: schedule('31/07/2014 17:00'), batchesLocked: 0 },
      { id: 'ket-qua', name: 'Báo cáo kết quả', schedule: schedule('30/06/2015 17:00'), batchesLocked: 0 },
    ];
    const page = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(page).toContain(
      '<option value="" selected>Kế hoạch tổ chức Đại hội — hạn 17:00 thứ Năm, 31/07/2014 (đang mở)</option><option value="ket-qua">Báo cáo kết quả — hạn 17:00 thứ Ba, 30/06/2015</option>',
    );
    const res = await browser.postForm(`/admin/c/${CAMPAIGN}/do/extend-all`, {
      csrf,
      days: '10',
      phase: 'ket-qua',
      reason: 'Lùi Đại hội',
    });
    expect(res.status).toBe(303);
    expect(backend.calls[0].req).toMatchObject({ by: '10d', phaseId: 'ket-qua' });
    await browser.postForm(`/admin/c/${CAMPAIGN}/do/extend-all`, { csrf, days: '2', phase: '', reason: 'Nghỉ lễ' });
    expect(backend.calls[1].req).not.toHaveProperty('phaseId');
  });

  test('an extension tells what became of the sub-campaigns that follow, failures included', async () => {
    const { browser, csrf } = await loggedIn();
    backend.followed = [
      { campaignId: 'vnpt-2014-2015', unitId: 'vnpt', result: 'extended', detail: '17:00 20/03/2015' },
      { campaignId: 'evn-2014-2015', unitId: 'evn', result: 'failed', errorCode: 'no-worker' },
      { campaignId: 'tkv-2014-2015', unitId: 'tkv', result: 'skipped', detail: 'không phải đơn vị này' },
    ];
    const res = await browser.postForm(`/admin/c/${CAMPAIGN}/do/extend-all`, { csrf, days: '3', reason: 'Nghỉ lễ' });
    const page = (await browser.get(res.headers.get('location')!)).body;
    expect(page).toContain(
      'Đợt con: vnpt-2014-2015 (đơn vị vnpt) đã gia hạn theo, hạn mới 17:00 20/03/2015; evn-2014-2015 (đơn vị evn) KHÔNG thực hiện được: không có worker nào nhận việc.',
    );
    expect(page).not.toContain('tkv-2014-2015');
  });

  test('cancel needs the confirmation box and a reason', async () => {
    const { browser, csrf } = await loggedIn();
    const url = `/admin/c/${CAMPAIGN}/do/cancel`;
    const unconfirmed = await browser.postForm(url, { csrf, reason: 'Dừng theo chỉ đạo' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toContain('Đánh dấu ô xác nhận');
    expect(backend.calls).toEqual([]);
    expect((await browser.postForm(url, { csrf, reason: 'Dừng theo chỉ đạo', confirm: 'yes' })).status).toBe(303);
    expect(backend.calls).toEqual([
      {
        action: 'cancel',
        campaignId: CAMPAIGN,
        req: { reason: 'Dừng theo chỉ đạo', cancelledBy: 'Nguyễn Thị Hạnh (thuongtruc), trang quản trị' },
      },
    ]);
    // A cancelled campaign offers neither extension nor cancellation any more.
    const page = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(page).not.toContain('action-extend-all');
    expect(page).not.toContain('action-cancel');
  });
});

describe('a unit', () => {
  const file = (name: string, bytes: Buffer, sha256: string): FileVersion => ({
    name,
    size: bytes.length,
    sha256,
    contentType: 'application/pdf',
    version: 1,
    receivedAt: new Date().toISOString(),
    submittedBy: 'Cổng nộp hồ sơ (Sở Nội vụ)',
    late: false,
  });

  test('its submissions download (only files its workflow lists) and its nominations as CSV', async () => {
    const bytes = pdfBytes('bao cao so noi vu');
    const ref = await reports.put('Báo cáo tổng kết.pdf', 'application/pdf', bytes, {
      campaignId: CAMPAIGN,
      unitId: 'so-noi-vu',
      phase: 'self-review',
      uploadedBy: 'test',
    });
    const other = await reports.put('khac.pdf', 'application/pdf', pdfBytes('khac'), {
      campaignId: CAMPAIGN,
      unitId: 'so-y-te',
      phase: 'self-review',
      uploadedBy: 'test',
    });
    const unit = backend.units.get('so-noi-vu')!;
    unit.reports.push(file(ref.name, bytes, ref.sha256));
    // Version 1 is only summarised in the unit's view: its details come from the version query.
    const versions: NominationVersion[] = [
      {
        version: 1,
        receivedAt: new Date().toISOString(),
        submittedBy: 'x',
        late: false,
        nominations: [
          { type: 'collective', name: 'Phòng Tổ chức', awardForm: 'Bằng khen', reasons: 'Phiên bản đầu' },
          { type: 'individual', name: 'Trần Văn B', awardForm: 'Bằng khen', reasons: 'Phiên bản đầu' },
        ],
      },
      {
        version: 2,
        receivedAt: new Date().toISOString(),
        submittedBy: 'x',
        late: false,
        nominations: [
          {
            type: 'individual',
            name: '=HYPERLINK("http://x")',
            position: 'Giám đốc',
            awardForm: 'Bằng khen',
            reasons: 'Thành tích "xuất sắc"',
          },
        ],
      },
    ];
    backend.nominationHistory.set('so-noi-vu', versions);
    unit.nominations = versions.map(({ nominations, ...n }) => ({ ...n, count: nominations.length }));
    unit.latestNominations = versions[1];
    const { browser } = await loggedIn();
    const page = await browser.get(`/admin/c/${CAMPAIGN}/u/so-noi-vu`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Báo cáo tổng kết.pdf');
    expect(page.body).toContain('Cổng nộp hồ sơ (Sở Nội vụ)');
    expect(page.body).toMatch(/Phiên bản 1, [^<]*: 2 đề nghị \(chi tiết trong tệp CSV\)/);
    expect(page.body).toContain('Cá nhân =HYPERLINK(&quot;http://x&quot;) (Giám đốc) — Bằng khen');
    const download = await fetch(`${base}/admin/c/${CAMPAIGN}/u/so-noi-vu/files/${ref.sha256}`, {
      headers: { cookie: `thidua_staff=${browser.cookies.get('thidua_staff')}` },
    });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''B%C3%A1o%20c%C3%A1o");
    // Another unit's file, through this unit's address, is not found.
    expect((await browser.get(`/admin/c/${CAMPAIGN}/u/so-noi-vu/files/${other.sha256}`)).status).toBe(404);

    const csv = await browser.get(`/admin/c/${CAMPAIGN}/u/so-noi-vu/nominations.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x"")","Giám đốc","Bằng khen","Thành tích ""xuất sắc"""`);
    expect(csv.body).toMatch(/"1",[^\n]*"Tập thể","Phòng Tổ chức","","Bằng khen","Phiên bản đầu"/);
    expect(csv.body).toContain('"Trần Văn B"');
  });

  test('send a reminder now: the unit’s workflow is asked; a submitted unit is refused with the reason', async () => {
    const { browser, csrf } = await loggedIn();
    const missing = await browser.get(`/admin/c/${CAMPAIGN}/u/so-y-te`);
    expect(missing.body).toContain('action-remind');
    expect((await browser.postForm(`/admin/c/${CAMPAIGN}/u/so-y-te/do/remind`, { csrf })).status).toBe(303);
    expect(backend.calls).toEqual([
      {
        action: 'remind',
        campaignId: CAMPAIGN,
        req: { unitId: 'so-y-te', requestedBy: 'Nguyễn Thị Hạnh (thuongtruc)' },
      },
    ]);
    expect((await browser.get(`/admin/c/${CAMPAIGN}/u/so-noi-vu`)).body).not.toContain('action-remind');
    const refused = await browser.postForm(`/admin/c/${CAMPAIGN}/u/so-noi-vu/do/remind`, { csrf });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('Đơn vị đã nộp báo cáo: không cần nhắc.');
  });

  test('a reminder with no worker: refused before sending says nothing changed; sent and unanswered says it is queued', async () => {
    const { browser, csrf } = await loggedIn();
    const facts = { operation: 'remind', update: true, seconds: 10, taskQueue: 'thidua' } as const;
    backend.remindFails = new AppError('no-worker', { ...facts, sent: false });
    const notSent = await browser.postForm(`/admin/c/${CAMPAIGN}/u/so-y-te/do/remind`, { csrf });
    expect(notSent.status).toBe(503);
    expect(notSent.body).toContain('gửi nhắc: không có worker nào đang nhận việc trên hàng đợi');
    expect(notSent.body).toContain('Không có gì thay đổi.');

    backend.remindFails = new AppError('timed-out', facts);
    const queued = await browser.postForm(`/admin/c/${CAMPAIGN}/u/so-y-te/do/remind`, { csrf });
    expect(queued.status).toBe(503);
    expect(queued.body).toContain('Yêu cầu đã được gửi và đang chờ');
    expect(queued.body).not.toContain('Không có gì thay đổi');
  });

  test('reissue and revoke the unit’s link from its page: the old link stops opening, the new one is shown once', async () => {
    const old = linkPath(await links.linkFor(CAMPAIGN, 'so-y-te'));
    const unitBrowser = new PortalBrowser(base);
    const landing = await unitBrowser.get(old);
    await unitBrowser.postForm(`${old}/open`, { csrf: csrfOf(landing.body) });
    const { browser, csrf } = await loggedIn();
    const url = `/admin/c/${CAMPAIGN}/u/so-y-te/do/reissue-link`;
    expect((await browser.postForm(url, { csrf })).status).toBe(400); // not confirmed
    expect((await new PortalBrowser(base).get(old)).status).toBe(200);

    const done = await browser.postForm(url, { csrf, confirm: 'yes' });
    expect(done.status).toBe(303);
    const page = (await browser.get(done.headers.get('location')!)).body;
    const fresh = /Đã cấp đường dẫn mới: (http:\/\/portal\.example\.vn\/u\/[\w-]{32})/.exec(page)?.[1];
    expect(fresh).toBeDefined();
    expect((await new PortalBrowser(base).get(old)).status).toBe(404);
    expect((await unitBrowser.get('/unit')).status).toBe(401); // the session opened by the old link ended
    expect((await new PortalBrowser(base).get(linkPath(fresh!))).status).toBe(200);
    expect((await browser.get(`/admin/c/${CAMPAIGN}/u/so-y-te`)).body).not.toContain(fresh!); // shown once

    const revoked = await browser.postForm(`/admin/c/${CAMPAIGN}/u/so-y-te/do/revoke-link`, { csrf, confirm: 'yes' });
    expect(revoked.status).toBe(303);
    expect((await new PortalBrowser(base).get(linkPath(fresh!))).status).toBe(404);
    expect(logLines).toContain(`dashboard: thuongtruc reissue-link on ${CAMPAIGN}/so-y-te: done`);
  });
});

test('a message refused for good shows on the unit’s page as refused, with the server’s words', async () => {
  backend.units.get('so-y-te')!.messages = [
    { kind: 'reminder', key: 'v1/r-3d', at: new Date().toISOString(), sent: true, status: 'sent' },
    {
      kind: 'late-notice',
      key: 'v1/late',
      at: new Date().toISOString(),
      sent: false,
      note: 'undeliverable',
      status: 'refused',
      detail: 'every recipient was refused: thidua@soyte.example.vn',
    },
  ];
  const { browser } = await loggedIn();
  const page = await browser.get(`/admin/c/${CAMPAIGN}/u/so-y-te`);
  expect(page.body).toContain('<tr class="refused">');
  expect(page.body).toContain('bị từ chối: địa chỉ không nhận thư (Thường trực đã được báo)');
  expect(page.body).toContain('every recipient was refused: thidua@soyte.example.vn');
  expect(page.body).not.toContain('>undeliverable<');
});
