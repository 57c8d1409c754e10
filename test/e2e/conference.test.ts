/**
 * Issue 13, end to end on the real stack: the Temporal dev server, the real worker (the conference
 * workflow and its mail activities), maildev, the portal and the dashboard in Chromium. A rehearsed
 * campaign with a conference: when its phase opens the invitations go out (a Vietnamese letter with
 * the iCalendar invitation as its `text/calendar` part); a unit answers through its own link in
 * Chromium (attending, two delegates); the secretariat's conference page shows 1 attending and the
 * delegates; the replies' `.xlsx` downloads and reads back with them.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Client } from '@temporalio/client';
import { startCommand } from '../../client/commands/campaign-start';
import type { Settings } from '../../config/settings';
import { startPortal, type RunningPortal } from '../../portal';
import { freePort, waitFor, type Maildev } from '../../scripts/processes';
import { FileAccountStore } from '../../stores/accounts';
import { inviteeLink } from '../../stores/invitee-links';
import { FileUnitLinks } from '../../stores/unit-links';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack';
import { readInbox, type InboxMessage } from '../helpers/inbox';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium } from '../helpers/chromium';
import { captureIo } from '../helpers/capture-io';

const CAMPAIGN_ID = 'e2e-hoi-nghi-67-kh-tu';
const PLAN = '67-KH/TU';
const ZONE = 'Asia/Ho_Chi_Minh';
const SECRETARIAT_EMAIL = 'thiduakhenthuong@vinhphuc.example.vn';
const UNIT = { id: 'thanh-uy-vinh-yen', name: 'Thành ủy Vĩnh Yên', email: 'thidua.vinh-yen@vinhphuc.example.vn' };
const OTHER = { id: 'so-y-te', name: 'Sở Y tế', email: 'thidua.so-y-te@vinhphuc.example.vn' };
const GUEST = { id: 'ong-a', name: 'Ông Nguyễn Văn A', email: 'nguyenvana@vinhphuc.example.vn' };
/**
 * 1 campaign day = 3 s: the conference phase (and its invitations) opens on 17/10, ~36 s after the
 * start; replies are open until 28/10 (~33 s more), the conference is on 30/10.
 */
const REHEARSAL = '1d=3s';

const CAMPAIGN_YAML = `campaign:
  id: ${CAMPAIGN_ID}
  plan: { kind: ke-hoach, number: ${PLAN}, date: 5/10/2009, system: party }
  title: Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW của Bộ Chính trị
  directive: Chỉ thị 39-CT/TW ngày 21/5/2004 của Bộ Chính trị (khóa IX)
  issuingBody: Ban Thường vụ Tỉnh ủy Vĩnh Phúc
  secretariat:
    name: Ban Thi đua - Khen thưởng tỉnh Vĩnh Phúc
    contacts:
      - { name: Nguyễn Văn T, title: Chuyên viên, phone: 0211 3862 000, email: ${SECRETARIAT_EMAIL} }
  timeZone: ${ZONE}
units:
  - id: ${UNIT.id}
    name: ${UNIT.name}
    kind: district-committee
    focal: { name: Nguyễn Văn A, email: ${UNIT.email} }
    head: { name: Trần Thị B, email: lanhdao.vinh-yen@vinhphuc.example.vn }
  - id: ${OTHER.id}
    name: ${OTHER.name}
    kind: department
    focal: { name: Hoàng Văn N, email: ${OTHER.email} }
    head: { name: Vũ Thị P, email: lanhdao.so-y-te@vinhphuc.example.vn }
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
      summaryReport: required
  - kind: conference
    name: Hội nghị tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW cấp tỉnh
    window: { start: 17/10/2009, end: 31/10/2009 }
    date: 30/10/2009
    startTime: '08:00'
    endTime: '11:30'
    venue: Hội trường Tỉnh ủy Vĩnh Phúc
    organizer: Ban cán sự Đảng UBND tỉnh
    agenda:
      - Khai mạc hội nghị
      - Báo cáo tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW
      - Tham luận của các điển hình tiên tiến
      - Khen thưởng
      - Bế mạc
    invitees: [all]
    guests:
      - { id: ${GUEST.id}, name: ${GUEST.name}, email: ${GUEST.email}, position: nguyên Chủ tịch UBND tỉnh }
    invitations:
      sendBefore: 13d
      replyBy: 2d
      reminders: [3d]
      escalation: [2d]
      attendeeReminder: 1d
`;

let stack: E2eStack | undefined;
let client: Client;
let maildev: Maildev;
let dataDir: string;
let settings: Settings;
let portal: RunningPortal | undefined;

async function waitForMail(what: string, found: (m: InboxMessage) => boolean, timeoutMs: number) {
  let hit: InboxMessage | undefined;
  await waitFor(
    what,
    async () => {
      hit = (await readInbox(maildev.webPort)).find(found);
      return !!hit;
    },
    timeoutMs,
  );
  return hit!;
}

/** The `text/calendar` part of a message as it went over SMTP (base64 or 7bit), decoded. */
function calendarPart(eml: string): string {
  const part = /Content-Type: text\/calendar;[^]*?\r?\n\r?\n([^]*?)\r?\n--/i.exec(eml);
  if (!part) throw new Error('no text/calendar part in the message');
  const headers = part[0].slice(0, part[0].length - part[1].length);
  return /Content-Transfer-Encoding:\s*base64/i.test(headers)
    ? Buffer.from(part[1].replace(/\s+/g, ''), 'base64').toString('utf8')
    : part[1];
}

describe('the conference end to end', () => {
  beforeAll(async () => {
    const portalPort = await freePort();
    stack = await startE2eStack('conference', {
      THIDUA_PUBLIC_URL: `http://127.0.0.1:${portalPort}`,
      THIDUA_PORTAL_PORT: String(portalPort),
      THIDUA_MAIL_FROM: `"Thường trực Hội đồng Thi đua - Khen thưởng" <tdkt-hoi-nghi@vinhphuc.example.vn>`,
    });
    ({ client, maildev, dataDir, settings } = stack);
    portal = await startPortal({
      settings,
      client,
      port: portalPort,
      host: '127.0.0.1',
      workerDeadlineMs: 5_000,
      overrides: { log: () => undefined },
    });
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
    await stack?.stop();
  }, 60_000);

  test('invitations with their calendar part, a unit replies in Chromium, the dashboard counts it, the .xlsx downloads, the day moved: SEQUENCE 1', async () => {
    expect(haveChromium()).toBe(true);
    const accounts = new FileAccountStore(settings.dataDir);
    await accounts.set('chuyenvien', 'Nguyễn Văn T', 'mat-khau-chuyen-vien-2026', ['clerk']);

    const campaignFile = path.join(dataDir, 'hoi-nghi.yaml');
    fs.writeFileSync(campaignFile, CAMPAIGN_YAML);
    expect(await startCommand([campaignFile, '--rehearse', REHEARSAL], captureIo())).toBe(0);

    // ---- the invitation: a letter with the iCalendar invitation as its text/calendar part ----------
    const invitation = await waitForMail(
      'the invitation to the unit',
      // To the unit's head, its focal person (who prepares the reply) in copy.
      (m) => [...m.to, ...(m.cc ?? [])].some((t) => t.address === UNIT.email) && /giấy mời/i.test(m.subject),
      90_000,
    );
    // The message as it went over SMTP: maildev keeps each one as `<id>.eml` in its mail folder.
    const mailDir = path.join(dataDir, 'mail');
    const eml = fs.readdirSync(mailDir).find((f) => f.startsWith(invitation.id) && f.endsWith('.eml'));
    if (!eml) throw new Error(`no ${invitation.id}.eml in ${mailDir}: ${fs.readdirSync(mailDir).join(', ')}`);
    const source = fs.readFileSync(path.join(mailDir, eml), 'utf8');
    expect(source).toMatch(/Content-Type: text\/calendar;[^\r\n]*method=REQUEST/i);
    // One calendar file for the clerk to save, under its Vietnamese name (not a second `invite.ics`).
    const calendarFiles = [...source.matchAll(/Content-Disposition: attachment;\s*filename=("?)([^"\r\n;]+)\1/gi)]
      .map((m) => m[2])
      .filter((name) => name.endsWith('.ics'));
    expect(calendarFiles).toEqual(['giay-moi.ics']);
    const links = new FileUnitLinks(path.join(settings.dataDir, 'links'), settings.publicBaseUrl);
    const replyUrl = await inviteeLink(links, CAMPAIGN_ID, UNIT.id);
    expect(invitation.text).toContain(replyUrl);
    await waitForMail('the invitation to the guest', (m) => m.to.some((t) => t.address === GUEST.email), 30_000);

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    fs.mkdirSync('test-results', { recursive: true });
    try {
      // ---- the unit replies through its own link: attending, two delegates ------------------------
      const unit = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await unit.goto(replyUrl);
      expect(await unit.locator('#invitee').innerText()).toBe(UNIT.name);
      expect(await unit.locator('#venue').innerText()).toBe('Hội trường Tỉnh ủy Vĩnh Phúc');
      await unit.locator('#answer-attending').check();
      await unit.locator('#d0-name').fill('Trần Thị B');
      await unit.locator('#d0-position').fill('Bí thư Thành ủy');
      await unit.locator('#d1-name').fill('Lê Văn C');
      await unit.locator('#d1-position').fill('Chánh Văn phòng Thành ủy');
      await unit.locator('#seats').fill('2');
      await unit.getByRole('button', { name: 'Gửi trả lời' }).click();
      await unit.locator('#reply-ok').waitFor();
      expect(await unit.locator('#current-reply').innerText()).toContain(
        'Tham dự — 2 đại biểu: Trần Thị B (Bí thư Thành ủy); Lê Văn C',
      );
      await unit.screenshot({ path: path.join('test-results', 'portal-conference-reply.png'), fullPage: true });

      // ---- the secretariat sees it: 1 attending, the delegates; the .xlsx downloads ---------------
      const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
      await page.goto(`${portal!.url}/admin/login`);
      await page.locator('#login').fill('chuyenvien');
      await page.locator('#password').fill('mat-khau-chuyen-vien-2026');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(/\/admin$/);
      await page.goto(`${portal!.url}/admin/c/${CAMPAIGN_ID}`);
      await page.locator('#conference-link').click();
      await page.waitForURL(/\/hoi-nghi$/);
      expect(await page.locator('#count-attending').innerText()).toBe('1');
      expect(await page.locator('#count-invited').innerText()).toBe('3');
      const row = page.locator(`tr[data-invitee="${UNIT.id}"]`);
      expect(await row.locator('.delegates').innerText()).toContain('Trần Thị B (Bí thư Thành ủy)');
      expect(await row.locator('.delegates').innerText()).toContain('Lê Văn C (Chánh Văn phòng Thành ủy)');
      await page.screenshot({ path: path.join('test-results', 'dashboard-conference.png'), fullPage: true });

      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#replies-xlsx').click()]);
      const saved = path.join(dataDir, 'tra-loi.xlsx');
      await download.saveAs(saved);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(saved);
      const rows: string[] = [];
      workbook
        .getWorksheet('Trả lời')!
        .eachRow((r) => rows.push((r.values as unknown[]).map((v) => String(v ?? '')).join(' | ')));
      expect(rows.find((r) => r.includes(UNIT.name))).toMatch(/Tham dự \| Trần Thị B \(Bí thư Thành ủy\); Lê Văn C/);
      expect(rows.find((r) => r.includes(OTHER.name))).toContain('Chưa trả lời');
      const delegates: string[] = [];
      workbook.getWorksheet('Đại biểu')!.eachRow((r) => delegates.push(String(r.getCell(2).value ?? '')));
      expect(delegates).toEqual(expect.arrayContaining(['Trần Thị B', 'Lê Văn C']));

      // ---- the clerk moves the day (a day of the plan, mapped into the rehearsal) ------------------
      expect(calendarPart(source)).toMatch(/^SEQUENCE:0\r?$/m);
      await page.locator('#set-date-start').fill('14:00 30/10/2009');
      await page.locator('#set-date-reason').fill('Trùng lịch họp Ban Thường vụ');
      await page.getByRole('button', { name: 'Lưu ngày, gửi giấy mời cập nhật' }).click();
      const flash = page.getByRole('status');
      await flash.waitFor();
      const moved =
        /Đã lưu ngày hội nghị: 14:00 thứ Sáu, 30\/10\/2009 \(diễn tập 1d=3s: diễn ra lúc (\d\d):(\d\d):(\d\d) [^,()]+, (\d\d)\/(\d\d)\/(\d{4})\); giấy mời cập nhật \(lần 1\)/.exec(
          await flash.innerText(),
        );
      expect(moved).not.toBeNull();
      const updated = await waitForMail(
        'the updated invitation to the unit',
        (m) =>
          [...m.to, ...(m.cc ?? [])].some((t) => t.address === UNIT.email) && /giấy mời \(thay đổi\)/i.test(m.subject),
        30_000,
      );
      const updatedEml = fs.readdirSync(mailDir).find((f) => f.startsWith(updated.id) && f.endsWith('.eml'))!;
      const updatedSource = fs.readFileSync(path.join(mailDir, updatedEml), 'utf8');
      expect(updatedSource).toMatch(/Content-Type: text\/calendar;[^\r\n]*method=REQUEST/i);
      const updatedIcs = calendarPart(updatedSource);
      expect(updatedIcs).toMatch(/^SEQUENCE:1\r?$/m);
      // The updated invitation starts at the instant the dashboard said (local time, to the second).
      const [, hh, mi, ss, dd, mm, yyyy] = moved!;
      expect(updatedIcs).toMatch(new RegExp(`^DTSTART;TZID=${ZONE}:${yyyy}${mm}${dd}T${hh}${mi}${ss}\\r?$`, 'm'));
      const dtstart = (ics: string) => /^DTSTART[^:\r\n]*:(\d{8}T\d{6})/m.exec(ics)?.[1] ?? '';
      expect(dtstart(updatedIcs) >= dtstart(calendarPart(source))).toBe(true);
    } finally {
      await browser.close().catch(() => undefined);
    }
  }, 240_000);
});
