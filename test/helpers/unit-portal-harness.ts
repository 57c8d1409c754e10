/**
 * The unit portal's unit tests' set-up, shared by `test/unit/portal/server-*.test.ts`: the real unit
 * links and report store in a temporary folder, and an in-memory stand-in for Temporal that applies
 * the workflow's own validators. `useUnitPortal()` registers the hooks that build them afresh for
 * each test; the state is exported as live bindings, so the tests read the current test's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileReportStore } from '../../stores/report-store';
import { FileUnitLinks } from '../../stores/unit-links';
import { assertFileRef, assertNominations, assertPhaseOpen } from '../../domain/submission-rules';
import type { SubmissionReceipt, SubmitFileInput, SubmitNominationsInput } from '../../domain/submission-types';
import type { UnitStatusView } from '../../domain/workflow-types';
import { AppError } from '../../app/temporal-errors';
import type { UnitWorkflows } from '../../app/units';
import { createPortal, type Portal } from '../../portal/server';
import { linkPath } from './portal-client';
import { openUnitView } from './unit-views';

export const ZONE = 'Asia/Ho_Chi_Minh';
export const CAMPAIGN = 'kh-67-test';
export const DAY = 24 * 3600_000;

export const unitView = (unitId: string, unitName: string): UnitStatusView =>
  openUnitView({ campaignId: CAMPAIGN, unitId, unitName, timeZone: ZONE });

/** Temporal as the portal sees it: the workflow's validators, versions kept in memory. */
export class FakeBackend implements UnitWorkflows {
  readonly units = new Map<string, UnitStatusView>();
  workerDown = false;
  /** The query is answered, the update is not (the worker stopped in between). */
  updateUnanswered = false;
  /** When the campaign's workflow closed. */
  endedAt?: string;

  async campaignEndedAt(): Promise<string | undefined> {
    return this.endedAt;
  }

  async unitStatus(campaignId: string, unitId: string): Promise<UnitStatusView> {
    if (this.workerDown) throw new AppError('no-worker', { taskQueue: 'thidua' });
    const view = this.units.get(unitId);
    if (!view || view.campaignId !== campaignId) throw new AppError('not-found', { campaignId, unitId });
    return structuredClone(view);
  }

  async campaignInfo() {
    return { title: 'Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW', timeZone: ZONE };
  }

  async submitFile(campaignId: string, unitId: string, req: SubmitFileInput): Promise<SubmissionReceipt> {
    if (this.workerDown) throw new AppError('no-worker', { taskQueue: 'thidua' });
    if (this.updateUnanswered) throw new AppError('timed-out', { update: true, seconds: 10 });
    const view = this.units.get(unitId)!;
    try {
      assertPhaseOpen({ ...view, phaseName: view.phase.name }, Date.now());
      assertFileRef(req.kind, req.file, view.due);
    } catch (err) {
      throw new AppError('refused', { refusal: (err as Error).message });
    }
    const list = req.kind === 'summary-report' ? view.reports : view.papers;
    const receivedAt = new Date().toISOString();
    list.push({ ...req.file, version: list.length + 1, receivedAt, submittedBy: req.submittedBy, late: false });
    view.status = 'submitted';
    return { kind: req.kind, version: list.length, receivedAt, late: false, status: view.status };
  }

  async submitNominations(campaignId: string, unitId: string, req: SubmitNominationsInput): Promise<SubmissionReceipt> {
    if (this.workerDown) throw new AppError('no-worker', { taskQueue: 'thidua' });
    const view = this.units.get(unitId)!;
    try {
      assertPhaseOpen({ ...view, phaseName: view.phase.name }, Date.now());
      assertNominations(req.nominations, view.due);
    } catch (err) {
      throw new AppError('refused', { refusal: (err as Error).message });
    }
    const receivedAt = new Date().toISOString();
    const version = view.nominations.length + 1;
    // As the workflow answers: every version summarised, the latest in full.
    view.nominations.push({
      version,
      receivedAt,
      submittedBy: req.submittedBy,
      late: false,
      count: req.nominations.length,
    });
    view.latestNominations = {
      version,
      receivedAt,
      submittedBy: req.submittedBy,
      late: false,
      nominations: req.nominations,
    };
    return { kind: 'nominations', version, receivedAt, late: false, status: view.status };
  }
}

export const FORM = 'Bằng khen của Chủ tịch UBND tỉnh';

export let dir: string;
export let links: FileUnitLinks;
export let reports: FileReportStore;
export let backend: FakeBackend;
export let portal: Portal;
export let base: string;
export let linkA: string;
export let linkB: string;

/** A portal over the current test's stores, with these options changed; the caller closes it. */
export async function startPortal(extra: Partial<Parameters<typeof createPortal>[0]> = {}): Promise<[Portal, string]> {
  const p = createPortal({ backend, links, reports, timeZone: ZONE, maxFileBytes: 64 * 1024, ...extra });
  const port = await p.listen(0, '127.0.0.1');
  return [p, `http://127.0.0.1:${port}`];
}

/** Replaces the test's running portal by one with these options changed (closed after the test as the first). */
export async function restartPortal(extra: Partial<Parameters<typeof createPortal>[0]>): Promise<void> {
  await portal.close();
  [portal, base] = await startPortal(extra);
}

/** Registers the hooks: fresh stores, two units with their links and a running portal for each test, removed after it. */
export function useUnitPortal(): void {
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-portal-'));
    links = new FileUnitLinks(path.join(dir, 'links'), 'http://portal.example.vn');
    reports = new FileReportStore(path.join(dir, 'reports'));
    backend = new FakeBackend();
    backend.units.set('so-noi-vu', unitView('so-noi-vu', 'Sở Nội vụ'));
    backend.units.set('so-y-te', unitView('so-y-te', 'Sở Y tế'));
    backend.units.get('so-noi-vu')!.due.nominations = {
      required: true,
      quota: { total: 1, collective: 1, individual: 1 },
      forms: [FORM],
      description: '01 tập thể hoặc 01 cá nhân có thành tích tiêu biểu xuất sắc',
    };
    linkA = linkPath(await links.linkFor(CAMPAIGN, 'so-noi-vu'));
    linkB = linkPath(await links.linkFor(CAMPAIGN, 'so-y-te'));
    [portal, base] = await startPortal();
  });

  afterEach(async () => {
    await portal.close();
    reports.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

/** The first unit's upload records in the report store. */
export const uploadsA = () => reports.uploadsOf(CAMPAIGN, 'so-noi-vu');
