/**
 * One submit path (app/units.ts `submitUnitFile`) for the portal's upload and `thidua unit submit`:
 * checked, stored, recorded by the workflow's `submitFile` update; a refusal by the update leaves no
 * upload record in the report store's index. Temporal is a stand-in here; the store is the real one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../app/temporal-errors';
import * as units from '../../../app/units';
import type { UnitWorkflows } from '../../../app/units';
import { submitCommand } from '../../../client/commands/unit-submit';
import { CliError } from '../../../client/connect';
import type { Settings } from '../../../config/settings';
import type { SubmissionReceipt, SubmitFileInput } from '../../../domain/submission-types';
import type { UnitStatusView } from '../../../domain/workflow-types';
import { createPortal } from '../../../portal/server';
import { FileReportStore } from '../../../stores/report-store';
import { FileUnitLinks } from '../../../stores/unit-links';
import { csrfOf, linkPath, pdfBytes, PortalBrowser } from '../../helpers/portal-client';
import { openUnitView } from '../../helpers/unit-views';

const ZONE = 'Asia/Ho_Chi_Minh';
const CAMPAIGN = 'kh-67-test';
const UNIT = 'so-noi-vu';
const REFUSAL = 'Đơn vị đã nộp đủ 20 phiên bản báo cáo tổng kết; không thể nộp thêm.';

/** The unit's workflow as submitting sees it: it refuses, accepts, or never answers, as told. */
class StandInWorkflows implements UnitWorkflows {
  answer: 'accept' | 'refuse' | 'no-worker' | 'unanswered' = 'accept';
  readonly submitted: SubmitFileInput[] = [];
  view: UnitStatusView = openUnitView({ campaignId: CAMPAIGN, unitId: UNIT, unitName: 'Sở Nội vụ', timeZone: ZONE });
  async unitStatus(): Promise<UnitStatusView> {
    return structuredClone(this.view);
  }
  async campaignInfo() {
    return { title: 'Tổng kết', timeZone: ZONE };
  }
  async campaignEndedAt() {
    return undefined;
  }
  async submitFile(_c: string, _u: string, input: SubmitFileInput): Promise<SubmissionReceipt> {
    if (this.answer === 'refuse') throw new AppError('refused', { operation: 'submit-file', refusal: REFUSAL });
    if (this.answer === 'no-worker')
      throw new AppError('no-worker', { operation: 'submit-file', update: true, sent: false });
    if (this.answer === 'unanswered') throw new AppError('timed-out', { operation: 'submit-file', update: true });
    this.submitted.push(input);
    return {
      kind: input.kind,
      version: this.submitted.length,
      receivedAt: new Date().toISOString(),
      late: false,
      status: 'submitted',
    };
  }
  async submitNominations(): Promise<SubmissionReceipt> {
    throw new Error('not used');
  }
}

// Both surfaces are watched going through the one use case; the CLI's Temporal access is the stand-in.
let standIn: StandInWorkflows;
const submitSpy = jest.fn();
jest.mock('../../../app/units', () => {
  const actual = jest.requireActual<typeof units>('../../../app/units');
  return {
    ...actual,
    submitUnitFile: (...args: Parameters<typeof actual.submitUnitFile>) => {
      submitSpy(...args);
      return actual.submitUnitFile(...args);
    },
    TemporalUnitWorkflows: jest.fn(() => standIn),
  };
});
let dataDir: string;
jest.mock('../../../client/connect', () => {
  const actual = jest.requireActual('../../../client/connect');
  return {
    ...actual,
    connect: async () => ({
      client: {},
      settings: { dataDir, timeZone: ZONE, taskQueue: 'thidua' } as Settings,
      address: 'stand-in',
      close: async () => undefined,
    }),
  };
});

let reports: FileReportStore;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-submit-'));
  reports = new FileReportStore(path.join(dataDir, 'reports'));
  standIn = new StandInWorkflows();
  submitSpy.mockClear();
});
afterEach(() => {
  reports.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const submit = (content: Buffer, name = 'bao-cao.pdf') =>
  units.submitUnitFile(
    { units: standIn, reports },
    {
      campaignId: CAMPAIGN,
      unitId: UNIT,
      kind: 'summary-report',
      name,
      contentType: 'application/pdf',
      content,
      submittedBy: 'Văn thư',
    },
  );
const uploads = () => reports.uploadsOf(CAMPAIGN, UNIT);

describe('submitUnitFile', () => {
  test('accepted: stored, indexed, recorded by the workflow', async () => {
    const { ref, receipt } = await submit(pdfBytes('v1'));
    expect(receipt.version).toBe(1);
    expect(standIn.submitted[0].file).toEqual(ref);
    expect((await uploads()).map((u) => u.sha256)).toEqual([ref.sha256]);
  });

  test.each(['refuse', 'no-worker'] as const)(
    '%s by the update: no upload record is left in the index',
    async (answer) => {
      standIn.answer = answer;
      await expect(submit(pdfBytes('bị từ chối'))).rejects.toBeInstanceOf(AppError);
      expect(await uploads()).toEqual([]);
      expect(await reports.bytesOf(CAMPAIGN, UNIT)).toBe(0);
    },
  );

  test('an update sent and not answered may still apply: its upload stays', async () => {
    standIn.answer = 'unanswered';
    await expect(submit(pdfBytes('chờ'))).rejects.toMatchObject({ code: 'timed-out' });
    expect(await uploads()).toHaveLength(1);
  });

  test('refusing the same file again does not remove the record of its earlier, accepted upload', async () => {
    await submit(pdfBytes('v1'));
    standIn.answer = 'refuse';
    await expect(submit(pdfBytes('v1'))).rejects.toMatchObject({ code: 'refused' });
    expect(await uploads()).toHaveLength(1);
  });

  test('a closed phase or a file against the rules is refused before anything is stored', async () => {
    await expect(submit(Buffer.alloc(0))).rejects.toMatchObject({ code: 'refused' });
    standIn.view = { ...standIn.view, locked: true };
    await expect(submit(pdfBytes('muộn'))).rejects.toMatchObject({ code: 'refused' });
    expect(await uploads()).toEqual([]);
    expect(standIn.submitted).toEqual([]);
  });
});

test('the portal’s upload goes through it: a refusal by the workflow is shown in Vietnamese, nothing recorded', async () => {
  const links = new FileUnitLinks(path.join(dataDir, 'links'), 'http://portal.example.vn');
  const portal = createPortal({ backend: standIn, links, reports, timeZone: ZONE });
  const base = `http://127.0.0.1:${await portal.listen(0, '127.0.0.1')}`;
  try {
    const browser = new PortalBrowser(base);
    const csrf = csrfOf((await browser.open(linkPath(await links.linkFor(CAMPAIGN, UNIT)))).body);
    standIn.answer = 'refuse';
    const res = await browser.postMultipart(
      '/unit/upload',
      { csrf, kind: 'summary-report' },
      { filename: 'bao-cao.pdf', data: pdfBytes('portal') },
    );
    expect(submitSpy).toHaveBeenCalledTimes(1);
    expect(res.status).toBe(409);
    expect(res.body).toContain(REFUSAL);
    expect(res.body).toContain('Không có gì được ghi nhận.');
    expect(await uploads()).toEqual([]);
  } finally {
    await portal.close();
  }
});

test('`thidua unit submit` goes through it: refused in Vietnamese by default, in English with --lang en, nothing recorded', async () => {
  const file = path.join(dataDir, 'bao-cao.pdf');
  fs.writeFileSync(file, pdfBytes('cli'));
  const io = { stdout: { write: () => true }, stderr: { write: () => true } };
  standIn.answer = 'refuse';

  const vi = await submitCommand([CAMPAIGN, UNIT, file], io).catch((e: unknown) => e);
  expect(vi).toBeInstanceOf(CliError);
  expect((vi as Error).message).toBe(`bị từ chối: ${REFUSAL}`);
  const en = await submitCommand([CAMPAIGN, UNIT, file, '--lang', 'en'], io).catch((e: unknown) => e);
  expect((en as Error).message).toBe(`refused: ${REFUSAL}`);

  expect(submitSpy).toHaveBeenCalledTimes(2);
  expect(await uploads()).toEqual([]);

  standIn.answer = 'accept';
  const out: string[] = [];
  const capture = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: () => true } };
  expect(await submitCommand([CAMPAIGN, UNIT, file], capture)).toBe(0);
  expect(out.join('')).toMatch(
    /^Đã nhận báo cáo tổng kết của Sở Nội vụ: "bao-cao\.pdf", phiên bản 1, mã SHA-256 [0-9a-f]{64}\.\n$/,
  );
  expect(await uploads()).toHaveLength(1);

  out.length = 0;
  expect(await submitCommand([CAMPAIGN, UNIT, file, '--kind', 'summary-report', '--lang', 'en'], capture)).toBe(0);
  expect(out.join('')).toMatch(
    /^Received the summary report of Sở Nội vụ: "bao-cao\.pdf", version \d, sha256 [0-9a-f]{64}\.\n$/,
  );
});

describe('a phase that declares its deliverables (issue 11)', () => {
  const withDeliverables = () => {
    standIn.view = {
      ...standIn.view,
      due: {
        summaryReport: 'none',
        presentationPaper: 'none',
        deliverables: [
          { id: 'ke-hoach', name: 'Kế hoạch tổ chức Đại hội Thi đua', required: true, accept: ['pdf', 'docx'] },
        ],
      },
    };
  };
  const submitAs = (deliverable: string | undefined, name = 'ke-hoach.pdf') =>
    units.submitUnitFile(
      { units: standIn, reports },
      {
        campaignId: CAMPAIGN,
        unitId: UNIT,
        kind: 'summary-report',
        ...(deliverable ? { deliverable } : {}),
        name,
        contentType: 'application/pdf',
        content: pdfBytes('kh'),
        submittedBy: 'Văn thư',
      },
    );

  test('the file names the deliverable; one the phase does not ask for is refused before storing', async () => {
    withDeliverables();
    await expect(submitAs(undefined)).rejects.toMatchObject({
      code: 'refused',
      facts: { refusal: 'Cần ghi tài liệu nộp, một trong: "Kế hoạch tổ chức Đại hội Thi đua" (mã ke-hoach).' },
    });
    await expect(submitAs('bao-cao')).rejects.toMatchObject({ code: 'refused' });
    expect(await uploads()).toEqual([]);
    await submitAs('ke-hoach');
    expect(standIn.submitted.map((s) => s.deliverable)).toEqual(['ke-hoach']);
  });

  test('the portal lists the deliverable as the plan names it and sends its id', async () => {
    withDeliverables();
    const links = new FileUnitLinks(path.join(dataDir, 'links'), 'http://portal.example.vn');
    const portal = createPortal({ backend: standIn, links, reports, timeZone: ZONE });
    const base = `http://127.0.0.1:${await portal.listen(0, '127.0.0.1')}`;
    try {
      const browser = new PortalBrowser(base);
      const page = (await browser.open(linkPath(await links.linkFor(CAMPAIGN, UNIT)))).body;
      expect(page).toContain('<option value="deliverable:ke-hoach">Kế hoạch tổ chức Đại hội Thi đua</option>');
      expect(page).toMatch(/<li>Kế hoạch tổ chức Đại hội Thi đua — hạn [^<]+ \(bắt buộc; tệp PDF, DOCX\)<\/li>/);
      const res = await browser.postMultipart(
        '/unit/upload',
        { csrf: csrfOf(page), kind: 'deliverable:ke-hoach' },
        { filename: 'ke-hoach.pdf', data: pdfBytes('portal') },
      );
      expect(res.status).toBeLessThan(400);
      expect(standIn.submitted.map((s) => s.deliverable)).toEqual(['ke-hoach']);
    } finally {
      await portal.close();
    }
  });
});
