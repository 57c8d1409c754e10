/**
 * The secretariat's dashboard over real HTTP: staff roles and the synthesis page (issue 12)
 * (set-up in test/helpers/dashboard-harness.ts; the full stack is in test/e2e/portal.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StaffActor } from '../../../app/roles';
import type { StaffRole, SynthesisState } from '../../../domain/synthesis-types';
import { pdfBytes, PortalBrowser } from '../../helpers/portal-client';
import {
  accounts,
  backend,
  base,
  CAMPAIGN,
  DAY,
  dir,
  loggedIn,
  logLines,
  PASSWORD,
  reports,
  useDashboard,
} from '../../helpers/dashboard-harness';

useDashboard();

/** Issue 12: roles on the dashboard, and the synthesis page. */
describe('roles and the synthesis', () => {
  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const zip = (text: string) => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from(text)]);
  const svg = (text: string) =>
    Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text y="20">${text}</text></svg>`);
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();

  /** An account with these roles, its password the suite's. */
  async function account(login: string, name: string, roles: StaffRole[]): Promise<void> {
    await accounts.set(login, name, PASSWORD, roles);
  }

  /** A synthesis of two versions (built, then a revision uploaded) with its pack in the report store. */
  async function withSynthesis(state: SynthesisState = 'awaiting-approval') {
    const docx = await reports.put('bao-cao-tong-hop-ban-1.docx', DOCX, zip('ban 1'));
    const xlsx = await reports.put(
      'bang-so-lieu.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      zip('xlsx'),
    );
    const timelineSvg = await reports.put('tien-trinh.svg', 'image/svg+xml', svg('Tiến trình'));
    const submissionsSvg = await reports.put('ho-so-nop.svg', 'image/svg+xml', svg('Hồ sơ nộp'));
    const revised = await reports.put('Báo cáo "sửa" lần 1.docx', DOCX, zip('ban 2'));
    const pack = { docx, xlsx, timelineSvg, submissionsSvg };
    backend.synthesis = {
      campaignId: CAMPAIGN,
      state,
      versions: [
        { version: 1, source: 'built', docx, pack, by: 'thidua', at: at(-2 * DAY) },
        {
          version: 2,
          source: 'uploaded',
          docx: revised,
          pack,
          by: 'Nguyễn Thị Hạnh (thuongtruc)',
          at: at(-DAY),
          note: 'Sửa số liệu <Sở Y tế>',
        },
      ],
      deadline: at(3 * DAY),
      deadlineLocal: '11/12/2026 17:00', // as the workflow writes it (a schedule's `local`)
      returns:
        state === 'returned'
          ? [
              {
                version: 2,
                by: 'Trần Văn Lãnh (lanhdao)',
                at: at(-3600_000),
                remarks: 'Bổ sung số liệu\nđơn vị nộp muộn',
              },
            ]
          : [],
      approved: state === 'approved' ? { version: 1, by: 'Trần Văn Lãnh (lanhdao)', at: at(-3600_000) } : undefined,
      remindersSent: 1,
      escalationsSent: 0,
    };
    return { docx, xlsx, timelineSvg, submissionsSvg, revised };
  }

  const page = `/admin/c/${CAMPAIGN}/tong-hop`;

  test('the header shows the roles; an approver-only account cannot extend (403, nothing sent) and sees no clerk forms', async () => {
    await account('lanhdao', 'Trần Văn Lãnh', ['approver']);
    const { browser, csrf } = await loggedIn('lanhdao');
    const campaign = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(campaign).toContain('Trần Văn Lãnh (lanhdao) · vai trò: lãnh đạo phê duyệt');
    expect(campaign).not.toContain('action-extend-all');
    expect(campaign).not.toContain('action-cancel');
    expect(campaign).toContain(
      'Tài khoản của bạn không có vai trò cho: Gia hạn cho tất cả đơn vị (cần vai trò chuyên viên)',
    );
    const res = await browser.postForm(`/admin/c/${CAMPAIGN}/do/extend-all`, { csrf, days: '3', reason: 'Nghỉ lễ' });
    expect(res.status).toBe(403);
    expect(res.body).toContain(
      'gia hạn: tài khoản &quot;lanhdao&quot; không có vai trò &quot;chuyên viên&quot; mà việc này cần; không có gì thay đổi.',
    );
    expect(res.body).not.toContain('không có gì thay đổi. Không có gì thay đổi');
    const unit = await browser.postForm(`/admin/c/${CAMPAIGN}/u/so-y-te/do/remind`, { csrf });
    expect(unit.status).toBe(403);
    expect(backend.calls).toEqual([]);
    expect(logLines).toContain(`dashboard: lanhdao extend-all on ${CAMPAIGN}: refused, lacks role clerk`);
    // The clerk of the other tests sees the forms and its own role.
    const clerk = (await (await loggedIn()).browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(clerk).toContain('Nguyễn Thị Hạnh (thuongtruc) · vai trò: chuyên viên');
    expect(clerk).toContain('action-extend-all');
  });

  test('a clerk-only account cannot approve or return (403, backend not called); the approver forms are not drawn', async () => {
    await withSynthesis();
    const { browser, csrf } = await loggedIn();
    const body = (await browser.get(page)).body;
    expect(body).not.toContain('action-approve');
    expect(body).not.toContain('action-return');
    expect(body).toContain('action-revise');
    expect(body).toContain('action-rebuild');
    expect(body).toContain('Phê duyệt báo cáo tổng hợp (cần vai trò lãnh đạo phê duyệt)');
    const approve = await browser.postForm(`${page}/do/approve`, { csrf, version: '2', confirm: 'yes' });
    expect(approve.status).toBe(403);
    expect(approve.body).toContain(
      'phê duyệt báo cáo tổng hợp: tài khoản &quot;thuongtruc&quot; không có vai trò &quot;lãnh đạo phê duyệt&quot;',
    );
    expect((await browser.postForm(`${page}/do/return`, { csrf, remarks: 'Sửa' })).status).toBe(403);
    expect(backend.calls).toEqual([]);
    expect(backend.synthesis!.state).toBe('awaiting-approval');
  });

  test('a role taken away applies at the next request, without logging out', async () => {
    await withSynthesis();
    await account('lanhdao', 'Trần Văn Lãnh', ['clerk', 'approver']);
    const { browser, csrf } = await loggedIn('lanhdao');
    expect((await browser.get(page)).body).toContain('action-approve');
    // Roles edited in the accounts file (the password, hence the session, unchanged).
    const file = path.join(dir, 'secretariat', 'accounts.json');
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ login: string; roles: string[] }>;
    stored.find((a) => a.login === 'lanhdao')!.roles = ['clerk'];
    fs.writeFileSync(file, JSON.stringify(stored));
    const refused = await browser.postForm(`${page}/do/approve`, { csrf, version: '2', confirm: 'yes' });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('vai trò: chuyên viên</span>');
    expect(backend.calls).toEqual([]);
  });

  test.each([
    ['building', 'Đang lập'],
    ['awaiting-approval', 'Chờ phê duyệt'],
    ['returned', 'Đã trả lại'],
    ['approved', 'Đã phê duyệt'],
    ['cancelled', 'Đã hủy'],
  ] as Array<[SynthesisState, string]>)('the synthesis page in state %s', async (state, label) => {
    const files = await withSynthesis(state);
    await account('lanhdao', 'Trần Văn Lãnh', ['approver']);
    const { browser } = await loggedIn('lanhdao');
    const res = await browser.get(page);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const body = res.body;
    expect(body).toContain(`<dd id="synthesis-state">${label}</dd>`);
    expect(body).toContain('<dd id="approval-deadline">17:00 thứ Sáu, 11/12/2026 (đã nhắc 1 lần)</dd>');
    // Versions, newest first: number, source, who, note (escaped), short hash, the files.
    expect(body.indexOf('data-version="2"')).toBeLessThan(body.indexOf('data-version="1"'));
    expect(body).toContain('<td>lập tự động</td><td>hệ thống (tự động)</td>');
    expect(body).toContain('<td>bản sửa tải lên</td><td>Nguyễn Thị Hạnh (thuongtruc)</td>');
    expect(body).toContain('Sửa số liệu &lt;Sở Y tế&gt;');
    expect(body).toContain(`>${files.revised.sha256.slice(0, 12)}</td>`);
    for (const f of [files.docx, files.xlsx, files.revised, files.timelineSvg, files.submissionsSvg]) {
      expect(body).toContain(`href="${page}/tep/${f.sha256}"`);
    }
    expect(body).toContain(`<img src="${page}/tep/${files.timelineSvg.sha256}"`);
    expect(body).toContain('Báo cáo (.docx): Báo cáo &quot;sửa&quot; lần 1.docx');
    if (state === 'returned') {
      expect(body).toContain('Bản số 2 — Trần Văn Lãnh (lanhdao)');
      expect(body).toContain('Bổ sung số liệu\nđơn vị nộp muộn');
      expect(body).not.toContain('action-return'); // already returned
      expect(body).toContain('action-approve');
    }
    if (state === 'approved') {
      expect(body).toMatch(/<dd id="approved">Bản số 1, Trần Văn Lãnh \(lanhdao\), \d\d:\d\d/);
      expect(body).toContain('<td>1 (đã phê duyệt)</td>');
    }
    if (state === 'awaiting-approval') {
      expect(body).toContain('action-approve');
      expect(body).toContain('action-return');
      // The latest version is offered first.
      expect(body).toMatch(/<select id="approve-version" name="version"><option value="2" selected>/);
    }
    if (state === 'approved' || state === 'cancelled' || state === 'building') {
      expect(body).not.toContain('action-approve');
      expect(body).not.toContain('<h2>Thao tác</h2>');
    }
  });

  test('the first draft is shown as built by the system, not by the internal name "thidua"', async () => {
    const { browser } = await loggedIn();
    await withSynthesis();
    const body = (await browser.get(page)).body;
    expect(body).toContain('<td>lập tự động</td><td>hệ thống (tự động)</td>');
    expect(body).not.toContain('>thidua<');
  });
  test('the campaign page: no pictures nor link before the synthesis; then a link and the two pictures as images', async () => {
    const { browser } = await loggedIn();
    const before = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(before).not.toContain('synthesis-link');
    expect(before).not.toContain('<img');
    const missing = await browser.get(page);
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('chưa có báo cáo tổng hợp');
    // Once the campaign reaches its synthesis phase, the link shows even before the first draft.
    backend.phase = 'synthesis';
    const reached = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(reached).toContain('id="synthesis-link"');
    expect(reached).not.toContain('<img');

    // A plan without a synthesis phase, closed: no link to a page that would only say "none".
    backend.laterPhases = [];
    backend.phase = 'closed';
    expect((await browser.get(`/admin/c/${CAMPAIGN}`)).body).not.toContain('synthesis-link');
    backend.laterPhases = ['synthesis'];
    backend.phase = 'synthesis';

    const files = await withSynthesis();
    const after = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(after).toContain(`<a href="${page}" id="synthesis-link">`);
    expect(after).toContain(`<img src="${page}/tep/${files.timelineSvg.sha256}"`);
    expect(after).toContain(`<img src="${page}/tep/${files.submissionsSvg.sha256}"`);
    expect(after).not.toContain('<svg'); // never inlined

    const picture = await browser.get(`${page}/tep/${files.timelineSvg.sha256}`);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/svg+xml');
    expect(picture.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(picture.headers.get('x-content-type-options')).toBe('nosniff');
    expect(picture.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(picture.body).toContain('Tiến trình');
  });

  test('downloads: the .docx and .xlsx as attachments with safe names; a hash the synthesis does not list is not found', async () => {
    const files = await withSynthesis();
    const other = await reports.put('khac.pdf', 'application/pdf', pdfBytes('khac'));
    const { browser } = await loggedIn();
    const res = await fetch(`${base}${page}/tep/${files.revised.sha256}`, {
      headers: { cookie: `thidua_staff=${browser.cookies.get('thidua_staff')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Bao cao sua lan 1.docx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%22s%E1%BB%ADa%22%20l%E1%BA%A7n%201.docx`,
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(zip('ban 2'))).toBe(true);
    const xlsx = await browser.get(`${page}/tep/${files.xlsx.sha256}`);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; filename="bang-so-lieu.xlsx"/);

    backend.filesAsked.length = 0;
    expect((await browser.get(`${page}/tep/${other.sha256}`)).status).toBe(404); // in the store, not in the synthesis
    expect((await browser.get(`${page}/tep/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await browser.get(`${page}/tep/${files.xlsx.sha256.toUpperCase()}`)).status).toBe(404);
    expect((await browser.get(`${page}/tep/..%2F..%2Fetc`)).status).toBe(404);
    expect(backend.filesAsked).toEqual([]);
    // Without a session: the login page, no file.
    expect((await new PortalBrowser(base).get(`${page}/tep/${files.xlsx.sha256}`)).status).toBe(303);
  });

  test('approve: a version and the confirmation box, as the signed-in approver; CSRF missing is refused', async () => {
    await withSynthesis();
    await account('lanhdao', 'Trần Văn Lãnh', ['approver']);
    const { browser, csrf } = await loggedIn('lanhdao');
    expect((await browser.postForm(`${page}/do/approve`, { version: '1', confirm: 'yes' })).status).toBe(403);
    expect(
      (await browser.postForm(`${page}/do/approve`, { csrf: csrf + 'x', version: '1', confirm: 'yes' })).status,
    ).toBe(403);
    const unconfirmed = await browser.postForm(`${page}/do/approve`, { csrf, version: '1' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toMatch(
      /<div class="msg error" role="alert" id="error-approve">Đánh dấu ô xác nhận để phê duyệt./,
    );
    expect(unconfirmed.body).toContain('<option value="1" selected>'); // the choice kept
    expect(backend.calls).toEqual([]);

    const done = await browser.postForm(`${page}/do/approve`, { csrf, version: '1', confirm: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(page);
    expect(backend.calls).toEqual([
      {
        action: 'approve-synthesis',
        campaignId: CAMPAIGN,
        req: { actor: { login: 'lanhdao', name: 'Trần Văn Lãnh', roles: ['approver'] }, version: 1 },
      },
    ]);
    const after = (await browser.get(page)).body;
    expect(after).toContain('Đã phê duyệt bản số 1 của báo cáo tổng hợp.');
    expect(after).toContain('<dd id="synthesis-state">Đã phê duyệt</dd>');
  });

  test('return: remarks required (kept beside the form), then sent with the approver', async () => {
    await withSynthesis();
    await account('lanhdao', 'Trần Văn Lãnh', ['approver']);
    const { browser, csrf } = await loggedIn('lanhdao');
    const empty = await browser.postForm(`${page}/do/return`, { csrf, remarks: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('id="error-return">Cần ghi ý kiến khi trả lại báo cáo.');
    expect(backend.calls).toEqual([]);
    const done = await browser.postForm(`${page}/do/return`, { csrf, remarks: 'Bổ sung <số liệu> Sở Y tế' });
    expect(done.status).toBe(303);
    expect(backend.calls[0]).toMatchObject({
      action: 'return-synthesis',
      req: { actor: { login: 'lanhdao', roles: ['approver'] }, remarks: 'Bổ sung <số liệu> Sở Y tế' },
    });
    const after = (await browser.get(page)).body;
    expect(after).toContain('Bổ sung &lt;số liệu&gt; Sở Y tế');
    expect(after).toContain('<dd id="synthesis-state">Đã trả lại</dd>');
  });

  test('upload a revised .docx (multipart, streamed): sent with the clerk and the note; a non-docx refused beside the form', async () => {
    await withSynthesis('returned');
    const { browser, csrf } = await loggedIn();
    const form = (await browser.get(page)).body;
    expect(form).toMatch(
      /<form method="post" action="[^"]+\/tong-hop\/do\/revise" id="action-revise" enctype="multipart\/form-data">/,
    );
    expect(form).toContain('accept=".docx"');

    const refused = await browser.postMultipart(
      `${page}/do/revise`,
      { csrf, note: 'Sửa theo ý kiến' },
      { filename: 'bao-cao.docx', contentType: DOCX, data: pdfBytes('khong phai docx') },
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toContain(
      'id="error-revise">Bị từ chối: Tệp tải lên không phải văn bản Word (.docx); bản sửa không được ghi nhận. Không có gì thay đổi.',
    );
    expect(refused.body).toContain('value="Sửa theo ý kiến"');
    expect(fs.readdirSync(reports.stagingDir)).toEqual([]); // nothing left staged

    const bytes = zip('ban sua 3');
    const done = await browser.postMultipart(
      `${page}/do/revise`,
      { csrf, note: 'Sửa theo ý kiến' },
      { filename: 'C:\\Users\\hanh\\Báo cáo sửa.docx', contentType: DOCX, data: bytes },
    );
    expect(done.status).toBe(303);
    expect(backend.calls).toHaveLength(1);
    const call = backend.calls[0] as {
      action: string;
      req: { actor: StaffActor; name: string; bytes: Buffer; note: string };
    };
    expect(call.action).toBe('revise-synthesis');
    expect(call.req.actor).toEqual({ login: 'thuongtruc', name: 'Nguyễn Thị Hạnh', roles: ['clerk'] });
    expect(call.req.name).toBe('Báo cáo sửa.docx');
    expect(Buffer.from(call.req.bytes).equals(bytes)).toBe(true);
    expect(call.req.note).toBe('Sửa theo ý kiến');
    expect(fs.readdirSync(reports.stagingDir)).toEqual([]);
  });

  test('upload: without CSRF refused before the file is read; too large refused beside the form; no file asked for', async () => {
    await withSynthesis();
    const { browser, csrf } = await loggedIn();
    const file = { filename: 'bao-cao.docx', contentType: DOCX, data: zip('x') };
    expect((await browser.postMultipart(`${page}/do/revise`, {}, file)).status).toBe(403);
    expect((await browser.postMultipart(`${page}/do/revise`, { csrf: 'sai' }, file)).status).toBe(403);
    const big = await browser.postMultipart(
      `${page}/do/revise`,
      { csrf },
      { ...file, data: zip('x'.repeat(1024 * 1024 + 10)) },
    );
    expect(big.status).toBe(413);
    expect(big.body).toContain('id="error-revise">Tệp quá lớn; tối đa 1 MB.');
    const none = await browser.postMultipart(`${page}/do/revise`, { csrf, note: 'x' });
    expect(none.status).toBe(400);
    expect(none.body).toContain('Chọn tệp .docx để tải lên.');
    expect(backend.calls).toEqual([]);
  });

  test('upload and rebuild need a clerk (an approver may upload too); a council member can do neither', async () => {
    await withSynthesis();
    await account('hoidong', 'Lê Thị Hội', ['council']);
    const council = await loggedIn('hoidong');
    const body = (await council.browser.get(page)).body;
    expect(body).not.toContain('<form method="post" action="/admin/c/kh-67-test/tong-hop/do/');
    const upload = await council.browser.postMultipart(
      `${page}/do/revise`,
      { csrf: council.csrf },
      { filename: 'a.docx', data: zip('a') },
    );
    expect(upload.status).toBe(403);
    expect(upload.body).toContain('không có vai trò &quot;chuyên viên&quot;');
    expect((await council.browser.postForm(`${page}/do/rebuild`, { csrf: council.csrf, confirm: 'yes' })).status).toBe(
      403,
    );

    await account('lanhdao', 'Trần Văn Lãnh', ['approver']);
    const approver = await loggedIn('lanhdao');
    expect((await approver.browser.get(page)).body).not.toContain('action-rebuild');
    expect(
      (await approver.browser.postForm(`${page}/do/rebuild`, { csrf: approver.csrf, confirm: 'yes' })).status,
    ).toBe(403);
    const revised = await approver.browser.postMultipart(
      `${page}/do/revise`,
      { csrf: approver.csrf },
      { filename: 'a.docx', data: zip('a') },
    );
    expect(revised.status).toBe(303);
    expect(backend.calls.map((c) => c.action)).toEqual(['revise-synthesis']);

    const clerk = await loggedIn();
    expect((await clerk.browser.postForm(`${page}/do/rebuild`, { csrf: clerk.csrf })).status).toBe(400);
    expect((await clerk.browser.postForm(`${page}/do/rebuild`, { csrf: clerk.csrf, confirm: 'yes' })).status).toBe(303);
    expect(backend.calls[1]).toMatchObject({ action: 'rebuild-synthesis', req: { actor: { login: 'thuongtruc' } } });
    expect((await clerk.browser.postForm(`${page}/do/delete`, { csrf: clerk.csrf })).status).toBe(404);
    expect((await clerk.browser.get(`${page}/do/rebuild`)).status).toBe(405);
  });
});
