/**
 * Issue 14, end to end on the real stack: the Temporal dev server, the real worker, maildev, the
 * portal with the dashboard, and Chromium. A rehearsed two-unit campaign with nominations runs through
 * self-review and its conference to the awards: two council members vote on the dashboard in
 * Chromium, each sending their choices as one vote sheet (one is recused from his own unit's nomination
 * and has no choice for it), the approver
 * closes the vote, the clerk enters the decision's number and date, the statistics `.xlsx` counts the
 * awarded form, and a unit's portal page shows its result with the decision.
 *
 * Written against the contract (`domain/award-types.ts`, `app/awards.ts`) before award-core's vote
 * workflow is here; the campaign file's `awards` block follows the brief's shape and is fixed at merge.
 */
import { DateTime } from 'luxon';
import { conferenceStatus, recordConferenceOutcome } from '../../app/conference';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { awardsStatus } from '../../app/awards';
import type { AppError } from '../../app/temporal-errors';
import { cliMessage } from '../../client/messages';
import { startCommand } from '../../client/commands/campaign-start';
import type { AwardsStatusView } from '../../domain/award-types';
import { campaignWorkflowId, type CampaignStatusView } from '../../domain/workflow-types';
import { startPortal } from '../../portal';
import { freePort, waitFor } from '../../scripts/processes';
import { FileAccountStore } from '../../stores/accounts';
import { FileUnitLinks } from '../../stores/unit-links';
import { captureIo } from '../helpers/capture-io';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium } from '../helpers/chromium';
import { startE2eStack } from '../helpers/e2e-stack';
import { readInbox } from '../helpers/inbox';
import { csrfOf, linkPath, PortalBrowser } from '../helpers/portal-client';

const CAMPAIGN_ID = 'e2e-khen-thuong-67-kh-tu';
const ZONE = 'Asia/Ho_Chi_Minh';
const FORM = 'Bằng khen của Chủ tịch UBND tỉnh';
const NOI_VU = { id: 'so-noi-vu', name: 'Sở Nội vụ', email: 'thidua.so-noi-vu@vinhphuc.example.vn' };
const Y_TE = { id: 'so-y-te', name: 'Sở Y tế', email: 'thidua.so-y-te@vinhphuc.example.vn' };
const PASSWORDS = {
  chair: 'mat-khau-chu-tich-2026',
  member: 'mat-khau-uy-vien-2026',
  clerk: 'mat-khau-chuyen-vien-2026',
  approver: 'mat-khau-lanh-dao-2026',
};
/** 1 campaign day = 3 s: the awards open ~50 s after the start; the vote's deadline is far enough for the browser. */
const REHEARSAL = '1d=3s';

const unit = (u: typeof NOI_VU, kind: string) => `  - id: ${u.id}
    name: ${u.name}
    kind: ${kind}
    cluster: Khối các sở, ban, ngành
    focal: { name: Đầu mối ${u.name}, email: ${u.email} }
    head: { name: Thủ trưởng ${u.name}, email: lanhdao.${u.id}@vinhphuc.example.vn }`;

const CAMPAIGN_YAML = `campaign:
  id: ${CAMPAIGN_ID}
  plan: { kind: ke-hoach, number: 67-KH/TU, date: 5/10/2009, system: party }
  title: Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW của Bộ Chính trị
  directive: Chỉ thị 39-CT/TW ngày 21/5/2004 của Bộ Chính trị (khóa IX)
  issuingBody: Ban Thường vụ Tỉnh ủy Vĩnh Phúc
  secretariat:
    name: Ban Thi đua - Khen thưởng tỉnh Vĩnh Phúc
    contacts:
      - { name: Nguyễn Văn T, title: Chuyên viên, phone: 0211 3862 000, email: thiduakhenthuong@vinhphuc.example.vn }
  timeZone: ${ZONE}
units:
${unit(NOI_VU, 'department')}
${unit(Y_TE, 'department')}
phases:
  - kind: plan-issue
    name: Ban hành Kế hoạch tổng kết
    window: { start: 5/10/2009, end: 7/10/2009 }
  - kind: self-review
    name: Tổng kết tại các đơn vị
    window: { start: 8/10/2009, end: 16/10/2009 }
    deadline: trước ngày 15/10/2009
    lock: 16/10/2009
    due:
      summaryReport: optional
      presentationPaper: none
      nominations:
        required: true
        quota: { total: 1 }
        forms: [${FORM}]
        description: 01 tập thể hoặc 01 cá nhân
  - kind: conference
    name: Hội nghị tổng kết cấp tỉnh
    window: { start: 19/10/2009, end: 20/10/2009 }
    date: 20/10/2009
    venue: Hội trường Tỉnh ủy
    invitees: [all]
    invitations: { sendBefore: 1wd, replyBy: 1wd, reminders: [], escalation: [] }
  - kind: awards
    name: Khen thưởng
    window: { start: 21/10/2009, end: 31/12/2009 }
    awardingBody: Ủy ban nhân dân tỉnh Vĩnh Phúc
    forms: [${FORM}]
    authority: ministry-province
    council:
      members:
        - { account: tv-chu-tich, name: Lê Văn Chủ, email: chutich.hd@vinhphuc.example.vn, chair: true }
        - { account: tv-y-te, name: Phạm Văn Y, email: uyvien.yte@vinhphuc.example.vn, unitId: ${Y_TE.id} }
      vote:
        deadline: 30/11/2009 17:00
        reminders: [3d, 1d]
        escalation: [{ after: 1d }]
    decision:
      style: state
      issuingBody: ỦY BAN NHÂN DÂN TỈNH VĨNH PHÚC
      place: Vĩnh Phúc
      signature: { capacity: TM. ỦY BAN NHÂN DÂN, title: CHỦ TỊCH }
`;

test('a rehearsed campaign through to the awards: two members vote in Chromium, the vote closes, the decision, the statistics, a unit’s result', async () => {
  const portalPort = await freePort();
  const publicUrl = `http://127.0.0.1:${portalPort}`;
  const stack = await startE2eStack('awards', {
    THIDUA_PUBLIC_URL: publicUrl,
    THIDUA_PORTAL_PORT: String(portalPort),
    THIDUA_MAIL_FROM: `"Thường trực Hội đồng Thi đua - Khen thưởng" <tdkt-khen-thuong@vinhphuc.example.vn>`,
  });
  const { client, maildev, dataDir, settings } = stack;
  const portal = await startPortal({
    settings,
    client,
    port: portalPort,
    host: '127.0.0.1',
    workerDeadlineMs: 5_000,
    overrides: { log: () => undefined },
  });
  const { chromium } = await import('playwright-core');
  const browser = haveChromium()
    ? await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
    : undefined;
  try {
    expect(browser).toBeDefined(); // the vote is cast in the browser: this test needs Chromium
    const accounts = new FileAccountStore(settings.dataDir);
    await accounts.set('tv-chu-tich', 'Lê Văn Chủ', PASSWORDS.chair, ['council']);
    await accounts.set('tv-y-te', 'Phạm Văn Y', PASSWORDS.member, ['council']);
    await accounts.set('chuyenvien', 'Nguyễn Văn T', PASSWORDS.clerk, ['clerk']);
    await accounts.set('lanhdao', 'Trần Văn Lãnh', PASSWORDS.approver, ['approver']);

    const campaignFile = path.join(dataDir, 'khen-thuong.yaml');
    fs.writeFileSync(campaignFile, CAMPAIGN_YAML);
    expect(await startCommand([campaignFile, '--rehearse', REHEARSAL], captureIo())).toBe(0);
    await waitFor(
      'the plan mails',
      async () => (await readInbox(maildev.webPort)).filter((m) => m.subject.includes('67-KH/TU')).length >= 2,
      30_000,
    );

    // ---- each unit nominates one nominee on its portal page, before the lock ---------------------
    const links = new FileUnitLinks(path.join(settings.dataDir, 'links'), publicUrl);
    const nominate = async (unitId: string, fields: Record<string, string>) => {
      const unitBrowser = new PortalBrowser(portal.url);
      const page = await unitBrowser.open(linkPath(await links.linkFor(CAMPAIGN_ID, unitId)));
      const res = await unitBrowser.postForm('/unit/nominations', { csrf: csrfOf(page.body), ...fields });
      expect(res.status).toBe(303);
      return unitBrowser;
    };
    const noiVu = await nominate(NOI_VU.id, {
      n0_type: 'individual',
      n0_name: 'Nguyễn Văn An',
      n0_position: 'Trưởng phòng Thi đua - Khen thưởng',
      n0_form: FORM,
      n0_reasons: 'Có nhiều đóng góp trong 5 năm thực hiện Chỉ thị 39-CT/TW',
    });
    await nominate(Y_TE.id, {
      n0_type: 'collective',
      n0_name: 'Phòng Nghiệp vụ Y',
      n0_form: FORM,
      n0_reasons: 'Tập thể tiêu biểu trong phong trào thi đua',
    });

    // ---- the conference is held; the clerk records its outcome and the campaign moves on ---------
    const ctx = { client, settings, workerDeadlineMs: 5_000 };
    const clerkActor = { login: 'chuyenvien', name: 'Nguyễn Văn T', roles: ['clerk' as const] };
    // The plan's day (20/10/2009), typed as for `set-date` in a rehearsal, is refused by the workflow's
    // validator in dd/MM/yyyy with the day to write; the rehearsal's two days are added to its words.
    await waitFor(
      'the conference to have its day',
      async () => (await conferenceStatus(ctx, CAMPAIGN_ID)).when.kind === 'exact',
      150_000,
    );
    const early = await recordConferenceOutcome(ctx, CAMPAIGN_ID, clerkActor, {
      heldOn: '2009-10-20',
      attendance: 40,
    }).then(
      () => undefined,
      (e: unknown) => e as AppError,
    );
    expect(early?.code).toBe('refused');
    expect(cliMessage(early!, 'vi')).toMatch(
      /^bị từ chối: Ngày họp 20\/10\/2009 trước ngày khai mạc đã định \((\d\d\/\d\d\/\d{4})\); hãy ghi ngày hội nghị đã diễn ra, từ \1 \(đợt diễn tập 1d=3s: hội nghị ngày 20\/10\/2009 theo kế hoạch đã diễn ra ngày \1\)\.$/,
    );
    // Refused until the conference has begun (20/10, ~45 s into the rehearsal).
    await waitFor(
      'the conference outcome to be recorded',
      async () => {
        // In a rehearsal the day is the compressed one: the outcome says the day the workflow knows.
        const { when } = await conferenceStatus(ctx, CAMPAIGN_ID);
        if (when.kind !== 'exact') return false;
        const heldOn = DateTime.fromISO(when.start, { zone: ZONE }).toISODate()!;
        const held = await recordConferenceOutcome(ctx, CAMPAIGN_ID, clerkActor, { heldOn, attendance: 40 });
        return held.state === 'held';
      },
      150_000,
    );

    // ---- the awards open after the conference: both nominations in the vote ----------------------
    let view: AwardsStatusView | undefined;
    await waitFor(
      'the council vote to open',
      async () => {
        view = await awardsStatus(ctx, CAMPAIGN_ID).catch(() => undefined);
        return view?.state === 'voting' && view.nominations.length === 2;
      },
      150_000,
    );
    const noiVuId = view!.nominations.find((n) => n.unitId === NOI_VU.id)!.id;
    const yTeId = view!.nominations.find((n) => n.unitId === Y_TE.id)!.id;
    expect(view!.nominations.find((n) => n.id === yTeId)!.recused).toEqual(['tv-y-te']);
    // The vote request tells the council where to vote: the campaign's awards page on the dashboard.
    let request: Awaited<ReturnType<typeof readInbox>>[number] | undefined;
    await waitFor(
      'the vote request to the council',
      async () => {
        request = (await readInbox(maildev.webPort)).find((m) => m.subject.includes('Đề nghị Hội đồng bỏ phiếu'));
        return !!request;
      },
      30_000,
    );
    expect(request!.text).toContain(`Trang bỏ phiếu của Hội đồng: ${publicUrl}/admin/c/${CAMPAIGN_ID}/khen-thuong`);

    fs.mkdirSync('test-results', { recursive: true });
    const page = async (login: string, password: string) => {
      const context = await browser!.newContext({ viewport: { width: 1360, height: 900 } });
      const p = await context.newPage();
      await p.goto(`${portal.url}/admin/login`);
      await p.locator('#login').fill(login);
      await p.locator('#password').fill(password);
      await p.getByRole('button', { name: 'Đăng nhập' }).click();
      await p.waitForURL(/\/admin$/);
      await p.goto(`${portal.url}/admin/c/${CAMPAIGN_ID}/khen-thuong`);
      return p;
    };
    /** Chooses "Đồng ý" with a reason for each nomination in the member's sheet, then sends the sheet once. */
    const sendSheet = async (p: Awaited<ReturnType<typeof page>>, reasons: Record<string, string>) => {
      for (const [nominationId, reason] of Object.entries(reasons)) {
        const part = p.locator(`#vote-sheet [id="vote-${nominationId}"]`);
        await part.getByLabel('Đồng ý', { exact: true }).check();
        await part.getByLabel('Lý do').fill(reason);
      }
      await p.locator('#vote-sheet').getByRole('button', { name: 'Gửi phiếu tổng hợp' }).click();
      await p.getByRole('status').waitFor();
      expect(await p.getByRole('status').innerText()).toContain(
        `Đã ghi phiếu tổng hợp của bạn: ${Object.keys(reasons).length} đề nghị`,
      );
    };

    // ---- the member from Sở Y tế: no choice for his own unit's nomination; votes on the other --------
    const member = await page('tv-y-te', PASSWORDS.member);
    expect(await member.locator(`[id="n-${yTeId}"]`).innerText()).toContain('Không tham gia biểu quyết (cùng đơn vị)');
    expect(await member.locator(`[id="vote-${yTeId}"]`).count()).toBe(0);
    await sendSheet(member, { [noiVuId]: 'Thành tích nổi bật, đủ điều kiện' });

    // ---- the chair votes on both in one sheet (one update), and sees only his own choices -----------
    const chair = await page('tv-chu-tich', PASSWORDS.chair);
    expect(await chair.content()).not.toContain('Thành tích nổi bật, đủ điều kiện');
    expect(await chair.locator('#voted-count').innerText()).toBe('1/2');
    await sendSheet(chair, { [noiVuId]: 'Đồng ý theo đề nghị của Sở Nội vụ', [yTeId]: 'Tập thể tiêu biểu' });
    expect(await chair.locator('#voted-count').innerText()).toBe('2/2');
    await chair.screenshot({ path: path.join('test-results', 'dashboard-awards-vote.png'), fullPage: true });

    // ---- the approver closes the vote; the tallies show ----------------------------------------------
    const approver = await page('lanhdao', PASSWORDS.approver);
    await approver.locator('#action-ket-thuc input[name="confirm"]').check();
    await approver.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    await approver.getByRole('status').waitFor();
    await waitFor('the minutes', async () => Boolean((await awardsStatus(ctx, CAMPAIGN_ID)).minutes), 60_000);
    await approver.reload();
    expect(await approver.locator('#awards-state').innerText()).toContain('Đã kết thúc biểu quyết');
    expect(await approver.locator(`[id="n-${noiVuId}"] .tally`).innerText()).toContain('2 đồng ý');
    // The members' progress counted only nominations still in the vote: after the close it read "0/0"
    // (and "0/2" members done) beside tallies of 2 votes; it shows only while voting.
    expect(await approver.locator('#members').innerText()).not.toContain('0/0');
    expect(await approver.locator('#voted-count').count()).toBe(0);

    // ---- the clerk enters the decision -------------------------------------------------------------
    const clerk = await page('chuyenvien', PASSWORDS.clerk);
    await clerk.locator('#decision-number').fill('125/QĐ-UBND');
    await clerk.locator('#decision-date').fill('2009-12-05');
    await clerk.getByRole('button', { name: 'Ghi quyết định' }).click();
    await clerk.getByRole('status').waitFor();
    await waitFor('the decision', async () => (await awardsStatus(ctx, CAMPAIGN_ID)).state === 'decided', 60_000);
    await clerk.reload();
    expect(await clerk.locator('#decision').innerText()).toContain('125/QĐ-UBND ngày 05/12/2009');
    await clerk.screenshot({ path: path.join('test-results', 'dashboard-awards-decided.png'), fullPage: true });

    // ---- the statistics, downloaded with the clerk's session: the awarded form counted ---------------
    const stats = await clerk.request.get(`${portal.url}/admin/c/${CAMPAIGN_ID}/khen-thuong/thong-ke.xlsx`);
    expect(stats.status()).toBe(200);
    expect(stats.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await stats.body()) as unknown as ArrayBuffer);
    const rows: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => rows.push((row.values as unknown[]).map((v) => String(v ?? '')).join(' | '))),
    );
    // One individual and one collective, both conferred the provincial Bằng khen.
    expect(rows.some((r) => r.includes('Bằng khen') && /\|\s*[12]\s*(\||$)/.test(r))).toBe(true);
    const decision = await clerk.request.get(`${portal.url}/admin/c/${CAMPAIGN_ID}/khen-thuong/quyet-dinh.docx`);
    expect(decision.headers()['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );

    // ---- a unit's portal page shows its result with the decision --------------------------------------
    const unitPage = (await noiVu.get('/unit')).body;
    expect(unitPage).toContain('Kết quả khen thưởng');
    expect(unitPage).toContain('Theo Quyết định số 125/QĐ-UBND ngày 05/12/2009');
    expect(unitPage).toMatch(/Nguyễn Văn An<\/td><td>[^<]+<\/td><td>Được khen thưởng: /);

    // ---- the year's statistics count this campaign by its decision's year --------------------------
    const year = await clerk.request.get(`${portal.url}/admin/thong-ke?nam=2009`);
    expect(year.status()).toBe(200);
    const yearPage = await year.text();
    expect(yearPage).toContain(CAMPAIGN_ID);
    expect(yearPage).toContain('125/QĐ-UBND');
    expect(yearPage).toContain('Bằng khen');

    const campaign = (await client.workflow.getHandle(campaignWorkflowId(CAMPAIGN_ID)).result()) as CampaignStatusView;
    expect(campaign.phase).toBe('closed');
  } finally {
    await browser?.close().catch(() => undefined);
    await portal.close();
    await stack.stop();
  }
}, 420_000);
