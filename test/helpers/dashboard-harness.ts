/**
 * The dashboard's unit tests' set-up, shared by `test/unit/portal/dashboard-*.test.ts`: real accounts
 * (scrypt) and report store in a temporary folder, and an in-memory stand-in for Temporal that records
 * what was asked of it. `useDashboard()` registers the hooks that build them afresh for each test;
 * the state is exported as live bindings, so the tests read the current test's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CampaignUnits, ExtensionRequest, UnitFilter } from '../../app/campaigns';
import { actorLabel, type StaffActor } from '../../app/roles';
import type { CampaignTree } from '../../app/sub-campaigns';
import { AppError } from '../../app/temporal-errors';
import type { SynthesisStatusView } from '../../domain/synthesis-types';
import type { UnitWorkflows } from '../../app/units';
import { FileReportStore } from '../../stores/report-store';
import { FileUnitLinks } from '../../stores/unit-links';
import type { CampaignStatusView, NominationVersion, PhaseFailure, UnitStatusView } from '../../domain/workflow-types';
import { FileAccountStore } from '../../stores/accounts';
import type { SecretariatBackend } from '../../portal/dashboard/backend';
import { createPortal, type Portal } from '../../portal/server';
import { csrfOf, PortalBrowser } from './portal-client';
import { FakeDrafts } from './fake-drafts';
import { openUnitView } from './unit-views';
import type { FollowOutcome } from '../../app/sub-campaign-follow';

export const ZONE = 'Asia/Ho_Chi_Minh';
export const CAMPAIGN = 'kh-67-test';
export const DAY = 24 * 3600_000;
export const PASSWORD = 'mat-khau-rat-dai-2026';
export const FAST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };

export const deadline = new Date(Date.now() + 5 * DAY).toISOString();
export const lock = new Date(Date.now() + 7 * DAY).toISOString();

export const unitView = (unitId: string, unitName: string, status: UnitStatusView['status']): UnitStatusView => ({
  ...openUnitView({ campaignId: CAMPAIGN, unitId, unitName, status, timeZone: ZONE, deadline, lockAt: lock }),
  remindersSent: 1,
});

/** Temporal as the dashboard sees it; every action is recorded, refusals come as AppError. */
export class FakeSecretariat extends FakeDrafts implements SecretariatBackend {
  readonly units = new Map<string, UnitStatusView>();
  /** Every version of each unit's nominations in full, as `getNominationVersion` answers. */
  readonly nominationHistory = new Map<string, NominationVersion[]>();
  readonly calls: Array<{ action: string; campaignId: string; req: unknown }> = [];
  cancelled = false;
  workerDown = false;
  /** The campaign's phase when it is neither self-review nor cancelled. */
  phase?: CampaignStatusView['phase'];
  /** How a reminder fails when the worker is gone: refused before sending, or sent and not answered. */
  remindFails?: AppError;
  /** The campaign's deadline phases, when it has several (the first is open). */
  deadlinePhases?: CampaignStatusView['deadlinePhases'];
  /** The campaign's synthesis, once it has one. */
  synthesis?: SynthesisStatusView;
  /** Later phases whose child failed: in the memo (units' read) and in the status query. */
  phaseFailures?: PhaseFailure[];
  /** The plan's phases after self-review (a synthesis by default; a test may plan none). */
  laterPhases: Array<'synthesis'> = ['synthesis'];
  /** The campaign tree (issue 15): none by default; a test sets a parent or sub-campaigns. */
  tree: CampaignTree & { resultUnread?: boolean } = { subCampaigns: [] };
  /** The plan's tag as the memo carries it: its number, or its kind and date when it has none. */
  planNumber = '67-KH/TU';
  readonly filesAsked: string[] = [];

  async listSchedules() {
    return [];
  }

  async listCampaigns() {
    return [
      {
        campaignId: CAMPAIGN,
        planNumber: '67-KH/TU',
        title: 'Tổng kết 5 năm Chỉ thị 39-CT/TW',
        phase: 'self-review',
        workflowStatus: 'RUNNING',
        deadline,
        startTime: new Date().toISOString(),
      },
    ];
  }

  async campaignUnits(campaignId: string, opts: { filter?: UnitFilter; limit?: number }): Promise<CampaignUnits> {
    if (campaignId !== CAMPAIGN) throw new AppError('not-found', { campaignId });
    const all = [...this.units.values()];
    const pass = all.filter((u) =>
      !opts.filter ? true : opts.filter === 'locked' ? u.locked : u.status === opts.filter,
    );
    const count = (s: UnitStatusView['status']) => all.filter((u) => u.status === s).length;
    return {
      campaignId,
      planNumber: this.planNumber,
      title: 'Tổng kết 5 năm Chỉ thị 39-CT/TW',
      phase: this.cancelled ? 'cancelled' : 'self-review',
      workflowStatus: 'RUNNING',
      total: all.length,
      locked: all.filter((u) => u.locked).length,
      counts: {
        pending: count('pending'),
        submitted: count('submitted'),
        late: count('late'),
        missing: count('missing'),
        cancelled: count('cancelled'),
      },
      units: pass.slice(0, opts.limit).map((u) => ({
        unitId: u.unitId,
        unitName: u.unitName,
        status: u.status,
        locked: u.locked,
        deadline: u.deadline,
        remindersSent: u.remindersSent,
      })),
      matching: pass.length,
      ...(this.phaseFailures ? { phaseFailures: structuredClone(this.phaseFailures) } : {}),
    };
  }

  async campaignStatus(campaignId: string): Promise<CampaignStatusView> {
    if (this.workerDown)
      throw new AppError('timed-out', { operation: 'read-campaign', seconds: 10, taskQueue: 'thidua' });
    const at = (ms: number) => ({ utc: new Date(Date.now() + ms).toISOString(), local: '' });
    return {
      campaignId,
      definitionRef: 'x',
      planNumber: '67-KH/TU',
      title: 'Tổng kết 5 năm Chỉ thị 39-CT/TW',
      phase: this.cancelled ? 'cancelled' : (this.phase ?? 'self-review'),
      unitCount: this.units.size,
      batches: 1,
      batchesLocked: 0,
      counts: { pending: 0, submitted: 0, late: 0, missing: 0, cancelled: 0 },
      extensions: [],
      timeZone: ZONE,
      selfReview: {
        deadline: { ...at(5 * DAY), written: '', reading: '' },
        lock: { ...at(7 * DAY), written: '', reading: '' },
        reminders: [{ id: 'r-3d', offset: '3d', kind: 'reminder', at: at(2 * DAY) }],
        escalations: [{ step: 1, after: '1d', at: at(6 * DAY), notify: ['head'], cc: [] }],
      },
      ...(this.deadlinePhases ? { deadlinePhases: this.deadlinePhases, deadlinePhase: this.deadlinePhases[0].id } : {}),
      ...(this.phaseFailures ? { phaseFailures: structuredClone(this.phaseFailures) } : {}),
      phases: [
        { kind: 'plan-issue', name: 'Ban hành kế hoạch', start: at(-10 * DAY).utc, end: at(-9 * DAY).utc },
        { kind: 'self-review', name: 'Tổng kết tại các sở, ban, ngành', start: at(-9 * DAY).utc, end: at(7 * DAY).utc },
        ...this.laterPhases.map((kind) => ({ kind, name: 'Tổng hợp', start: at(7 * DAY).utc, end: at(9 * DAY).utc })),
      ],
    };
  }

  async campaignTree(campaignId: string): Promise<CampaignTree & { resultUnread?: boolean }> {
    if (campaignId !== CAMPAIGN) throw new AppError('not-found', { campaignId });
    return structuredClone(this.tree);
  }

  async unitStatus(campaignId: string, unitId: string): Promise<UnitStatusView> {
    const view = this.units.get(unitId);
    if (!view || campaignId !== CAMPAIGN) throw new AppError('not-found', { campaignId, unitId });
    return structuredClone(view);
  }

  async nominationVersions(view: UnitStatusView): Promise<NominationVersion[]> {
    return structuredClone(this.nominationHistory.get(view.unitId) ?? []);
  }

  /** What the sub-campaigns did after an extension or a cancellation, as the use case would tell. */
  followed?: FollowOutcome[];

  async extend(campaignId: string, req: ExtensionRequest) {
    if (this.cancelled) throw new AppError('refused', { refusal: 'Đợt tổng kết đã bị hủy; không thể gia hạn.' });
    this.calls.push({ action: 'extend', campaignId, req });
    // The deadline as the real backend gives it: the schedule's `local`.
    return { deadline: '04/12/2026 17:00', ...(this.followed ? { subCampaigns: this.followed } : {}) };
  }

  async cancel(campaignId: string, req: { reason: string; cancelledBy: string }) {
    this.calls.push({ action: 'cancel', campaignId, req });
    this.cancelled = true;
    return this.followed ? { subCampaigns: this.followed } : {};
  }

  async remind(campaignId: string, unitId: string, requestedBy: string): Promise<void> {
    if (this.remindFails) throw this.remindFails;
    if (this.units.get(unitId)?.status === 'submitted') {
      throw new AppError('refused', { refusal: 'Đơn vị đã nộp báo cáo: không cần nhắc.' });
    }
    this.calls.push({ action: 'remind', campaignId, req: { unitId, requestedBy } });
  }

  async reissueLink(campaignId: string, unitId: string): Promise<string> {
    if (!this.units.has(unitId)) throw new AppError('not-found', { campaignId, unitId });
    return links.reissue(campaignId, unitId);
  }

  async revokeLink(campaignId: string, unitId: string): Promise<boolean> {
    if (!this.units.has(unitId)) throw new AppError('not-found', { campaignId, unitId });
    return links.revoke(campaignId, unitId);
  }

  temporalUiUrl(workflowId: string): string {
    return `http://temporal-ui.example/namespaces/default/workflows/${encodeURIComponent(workflowId)}`;
  }

  async synthesisStatus(campaignId: string): Promise<SynthesisStatusView> {
    if (!this.synthesis || campaignId !== CAMPAIGN) throw new AppError('not-found', { campaignId });
    return structuredClone(this.synthesis);
  }

  async approveSynthesis(campaignId: string, actor: StaffActor, version?: number): Promise<SynthesisStatusView> {
    this.calls.push({ action: 'approve-synthesis', campaignId, req: { actor, version } });
    const s = this.synthesis!;
    s.state = 'approved';
    s.approved = { version: version ?? s.versions.length, by: actorLabel(actor), at: new Date().toISOString() };
    return structuredClone(s);
  }

  async returnSynthesis(campaignId: string, actor: StaffActor, remarks: string): Promise<SynthesisStatusView> {
    this.calls.push({ action: 'return-synthesis', campaignId, req: { actor, remarks } });
    const s = this.synthesis!;
    s.state = 'returned';
    s.returns.push({ version: s.versions.length, by: actorLabel(actor), at: new Date().toISOString(), remarks });
    return structuredClone(s);
  }

  async reviseSynthesis(
    campaignId: string,
    actor: StaffActor,
    file: { name: string; bytes: Buffer },
    note?: string,
  ): Promise<SynthesisStatusView> {
    // As the use case: checked by content, not by name.
    if (!file.bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
      throw new AppError('refused', {
        operation: 'revise-synthesis',
        refusal: 'Tệp tải lên không phải văn bản Word (.docx); bản sửa không được ghi nhận.',
      });
    }
    this.calls.push({
      action: 'revise-synthesis',
      campaignId,
      req: { actor, name: file.name, bytes: file.bytes, note },
    });
    return structuredClone(this.synthesis!);
  }

  async rebuildSynthesis(campaignId: string, actor: StaffActor): Promise<SynthesisStatusView> {
    this.calls.push({ action: 'rebuild-synthesis', campaignId, req: { actor } });
    return structuredClone(this.synthesis!);
  }

  async synthesisFile(status: SynthesisStatusView, sha256: string) {
    this.filesAsked.push(sha256);
    const ref = status.versions
      .flatMap((v) => [v.docx, v.pack.docx, v.pack.xlsx, v.pack.timelineSvg, v.pack.submissionsSvg])
      .find((f) => f.sha256 === sha256);
    if (!ref) throw new AppError('not-found', { campaignId: status.campaignId });
    return { ref, bytes: await reports.get(sha256) };
  }
}

const noUnits: UnitWorkflows = {
  unitStatus: () => Promise.reject(new Error('not used')),
  campaignInfo: async () => undefined,
  submitFile: () => Promise.reject(new Error('not used')),
  submitNominations: () => Promise.reject(new Error('not used')),
  campaignEndedAt: async () => undefined,
};

export let dir: string;
export let accounts: FileAccountStore;
export let reports: FileReportStore;
export let backend: FakeSecretariat;
export let links: FileUnitLinks;
export let portal: Portal;
export let base: string;
export let logLines: string[];

/** Starts (or, after `portal.close()`, restarts) the portal over the current test's stores. */
async function startPortal(): Promise<void> {
  portal = createPortal({
    backend: noUnits,
    links,
    reports,
    timeZone: ZONE,
    log: (line) => logLines.push(line),
    dashboard: {
      backend,
      accounts,
      reports,
      links,
      loginLimits: { perAddress: 8, perLogin: 4, windowMs: 15 * 60_000 },
      maxSynthesisBytes: 1024 * 1024,
    },
    // The attack suite sends 100 logins at once from 127.0.0.1: the login limit is what it tests.
    maxConnections: { total: 512, perAddress: 200 },
  });
  base = `http://127.0.0.1:${await portal.listen(0, '127.0.0.1')}`;
}

/** Registers the hooks: fresh stores, three units and a running portal for each test, removed after it. */
export function useDashboard(): void {
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-dashboard-'));
    accounts = new FileAccountStore(dir, FAST_SCRYPT);
    await accounts.set('thuongtruc', 'Nguyễn Thị Hạnh', PASSWORD);
    reports = new FileReportStore(path.join(dir, 'reports'));
    links = new FileUnitLinks(path.join(dir, 'links'), 'http://portal.example.vn');
    backend = new FakeSecretariat();
    backend.units.set('so-noi-vu', unitView('so-noi-vu', 'Sở Nội vụ', 'submitted'));
    backend.units.set('so-y-te', unitView('so-y-te', 'Sở Y tế', 'missing'));
    backend.units.set('so-tu-phap', unitView('so-tu-phap', 'Sở Tư pháp', 'late'));
    logLines = [];
    await startPortal();
  });

  afterEach(async () => {
    await portal.close();
    reports.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

export async function logIn(browser: PortalBrowser, login = 'thuongtruc', password = PASSWORD) {
  const page = await browser.get('/admin/login');
  return browser.postForm('/admin/login', { csrf: csrfOf(page.body), login, password });
}

export async function loggedIn(login = 'thuongtruc'): Promise<{ browser: PortalBrowser; csrf: string }> {
  const browser = new PortalBrowser(base);
  const res = await logIn(browser, login);
  expect(res.status).toBe(303);
  const page = await browser.get(`/admin/c/${CAMPAIGN}`);
  return { browser, csrf: csrfOf(page.body) };
}
