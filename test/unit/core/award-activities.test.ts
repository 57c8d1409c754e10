/**
 * The awards activities with real stores: the nominations gathered from the units' workflows and
 * checked against the catalogue (in vote, proposed upwards, unknown form; members of the nominated
 * unit recused); the minutes, proposal, decision and statistics stored as real files; a unit's results
 * mailed once to its focal point (the head in copy), a retry finding it in the sent log.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Client } from '@temporalio/client';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createActivities, type ActivityDeps } from '../../../activities';
import { isDocx } from '../../../documents/docx-check';
import type { CouncilMember } from '../../../domain/award-types';
import type { GatheredAwards } from '../../../domain/award-workflow-types';
import type { CampaignDefinition } from '../../../domain/campaign-schema';
import type { NominationVersion, UnitStatusView } from '../../../domain/workflow-types';
import { FileReportStore } from '../../../stores/report-store';
import { FileSentLog } from '../../../stores/sent-log';
import { ONE_UNIT_CAMPAIGN } from '../../helpers/one-unit-campaign';

const definition: CampaignDefinition = {
  ...ONE_UNIT_CAMPAIGN,
  units: [
    ...ONE_UNIT_CAMPAIGN.units,
    {
      id: 'so-tai-chinh',
      name: 'Sở Tài chính',
      kind: 'department',
      focal: { name: 'Đỗ Văn F', email: 'f@vinhphuc.example.vn' },
      head: { name: 'Ngô Thị H', email: 'h@vinhphuc.example.vn' },
    },
  ],
};
const council: CouncilMember[] = [
  { account: 'chu', name: 'Nguyễn Văn Chủ', email: 'chu@example.vn', chair: true },
  { account: 'an', name: 'Lê Thị An', email: 'an@example.vn', unitId: 'so-noi-vu' },
];
const version = (nominations: NominationVersion['nominations']): NominationVersion => ({
  version: 1,
  receivedAt: '2026-10-15T03:00:00.000Z',
  submittedBy: 'x',
  late: false,
  nominations,
});
const VERSIONS: Record<string, NominationVersion> = {
  'so-noi-vu': version([
    { type: 'individual', name: 'Trần Văn B', awardForm: 'Chiến sĩ thi đua cơ sở', reasons: 'Tiêu biểu' },
    { type: 'collective', name: 'Phòng Tổ chức', awardForm: 'Bằng khen của Thủ tướng Chính phủ', reasons: 'Xuất sắc' },
  ]),
  'so-tai-chinh': version([
    { type: 'individual', name: 'Vũ Văn K', awardForm: 'Huân chương Lao động hạng tư', reasons: '…' },
  ]),
};

let dir: string;
let reports: FileReportStore;
const sent: Array<{ to: string[]; cc: string[]; subject: string; text: string }> = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-awards-act-'));
  reports = new FileReportStore(path.join(dir, 'reports'));
  sent.length = 0;
});
afterEach(() => {
  reports.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function activities() {
  const client = {
    workflow: {
      getHandle: (id: string) => ({
        query: async () => {
          const unitId = id.split('/').pop()!;
          const latest = VERSIONS[unitId];
          return {
            nominations: [{ version: 1, receivedAt: latest.receivedAt, submittedBy: 'x', late: false, count: 1 }],
            latestNominations: latest,
          } as unknown as UnitStatusView;
        },
      }),
    },
  } as unknown as Client;
  return createActivities({
    transport: {
      sendMail: async (m: (typeof sent)[number]) => {
        sent.push(m);
        return { accepted: m.to, rejected: [] };
      },
    } as unknown as ActivityDeps['transport'],
    sentLog: new FileSentLog(path.join(dir, 'sent')),
    definitions: { load: async () => definition, save: async () => 'x' },
    reports,
    links: {} as ActivityDeps['links'],
    from: 'tdkt@vinhphuc.example.vn',
    client,
    awardCatalogueFile: path.resolve(__dirname, '../../fixtures/award-forms-vote-test.yaml'),
  });
}

test('nominations are gathered and routed by the catalogue; members of the nominated unit are recused', async () => {
  const gathered: GatheredAwards = await new MockActivityEnvironment().run(activities().gatherAwardNominations, {
    campaignId: 'c1',
    definitionRef: 'r',
    authority: 'ministry-province' as const,
    council,
  });
  expect(gathered.nominations.map((n) => [n.id, n.state, n.check.formCode ?? '', n.recused.join(',')])).toEqual([
    ['so-noi-vu/1', 'in-vote', 'cstdcs', 'an'],
    ['so-noi-vu/2', 'higher-level', 'bang-khen-ttg', 'an'],
    ['so-tai-chinh/1', 'rejected', '', ''],
  ]);
  expect(gathered.nominations[2].check.route).toBe('unknown-form');
  expect(gathered.catalogue.forms.map((f) => f.code)).toContain('cstdcs');
  expect(gathered).toMatchObject({ collectives: 2, individuals: 2 });
});

test('the documents are stored as Word and Excel files; the proposal only when a nomination goes up', async () => {
  const a = activities();
  const mock = new MockActivityEnvironment();
  // Typed as the activity returns (the mock environment's own result type is unknown).
  const env = {
    run: <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A) => mock.run(fn, ...args) as Promise<R>,
  };
  const gathered: GatheredAwards = await env.run(a.gatherAwardNominations, {
    campaignId: 'c1',
    definitionRef: 'r',
    authority: 'ministry-province' as const,
    council,
  });
  const req = {
    campaignId: 'c1',
    definitionRef: 'r',
    header: { style: 'state' as const, issuingBody: 'UBND TỈNH VĨNH PHÚC', number: '…', place: 'Vĩnh Phúc' },
    council,
    nominations: gathered.nominations,
    catalogue: gathered.catalogue,
    at: '2026-11-20T03:00:00.000Z',
  };
  const minutes = await env.run(a.buildAwardMinutes, req);
  expect(isDocx(await reports.get(minutes.minutes.sha256))).toBe(true);
  expect(minutes.proposal?.name).toBe('c1-to-trinh-cap-tren.docx');
  const withoutUp = await env.run(a.buildAwardMinutes, {
    ...req,
    nominations: gathered.nominations.filter((n) => n.state !== 'higher-level'),
  });
  expect(withoutUp.proposal).toBeUndefined();
  // After the vote: the first nomination in the vote approved for the form it was proposed for.
  const first = gathered.nominations.findIndex((n) => n.state === 'in-vote');
  const decided = gathered.nominations.map((n, i) =>
    i === first ? { ...n, state: 'approved' as const, awardedForm: n.check.formCode } : n,
  );
  const decision = await env.run(a.buildAwardDecision, {
    ...req,
    nominations: decided,
    decision: { number: '125/QĐ-UBND', date: '2026-11-25' },
  });
  expect(isDocx(await reports.get(decision.decision.sha256))).toBe(true);
  // An .xlsx is a zip: its first bytes are "PK".
  expect((await reports.get(decision.statistics.sha256)).subarray(0, 2).toString()).toBe('PK');
});

test("a unit's results go to its focal point, the head in copy, once", async () => {
  const a = activities();
  const input = {
    campaignId: 'c1',
    definitionRef: 'r',
    key: 'c1/awards/unit/so-noi-vu',
    unitId: 'so-noi-vu',
    decision: { number: '125/QĐ-UBND', date: '2026-11-25' },
    results: [
      {
        name: 'Trần Văn B',
        type: 'individual' as const,
        proposedForm: 'Chiến sĩ thi đua cơ sở',
        state: 'approved' as const,
        awardedForm: 'cstdcs',
      },
      {
        name: 'Phòng Tổ chức',
        type: 'collective' as const,
        proposedForm: 'Bằng khen của Thủ tướng Chính phủ',
        state: 'higher-level' as const,
      },
    ],
  };
  const first = (await new MockActivityEnvironment().run(a.notifyAwardUnit, input)) as { sent: boolean };
  const retry = await new MockActivityEnvironment().run(a.notifyAwardUnit, input);
  expect(first.sent).toBe(true);
  expect(retry).toMatchObject({ sent: false, reason: 'already-sent' });
  expect(sent).toHaveLength(1);
  expect(sent[0].to).toEqual(['"Trần Văn Bình" <binh.snv@vinhphuc.example.vn>']);
  expect(sent[0].cc).toEqual(['"Lê Quang Đức" <duc.snv@vinhphuc.example.vn>']);
  expect(sent[0].subject).toBe('[67-KH/TU] Thông báo kết quả xét khen thưởng — Quyết định số 125/QĐ-UBND');
  expect(sent[0].text).toContain(
    '- Cá nhân Trần Văn B (đề nghị: Chiến sĩ thi đua cơ sở): được khen thưởng — Chiến sĩ thi đua cơ sở',
  );
  expect(sent[0].text).toContain(
    '- Tập thể Phòng Tổ chức (đề nghị: Bằng khen của Thủ tướng Chính phủ): đề nghị cấp trên',
  );
  expect(sent[0].text).toContain('Quyết định số 125/QĐ-UBND ngày 25/11/2026');
});

test('a page of letters resumes after its last heartbeat; a letter sent after it is found in the sent log, not sent again', async () => {
  const a = activities();
  const results = (name: string) => [
    { name, type: 'individual' as const, proposedForm: 'Chiến sĩ thi đua cơ sở', state: 'no-quorum' as const },
  ];
  const page = {
    campaignId: 'c1',
    definitionRef: 'r',
    keyPrefix: 'c1/awards/unit/',
    decision: { number: '125/QĐ-UBND', date: '2026-11-25' },
    units: [
      { unitId: 'so-noi-vu', results: results('Trần Văn B') },
      { unitId: 'so-tai-chinh', results: results('Vũ Văn K') },
    ],
  };
  // The first attempt sent the first letter, then died before its heartbeat reached the server.
  await new MockActivityEnvironment().run(a.notifyAwardUnit, {
    ...page,
    key: 'c1/awards/unit/so-noi-vu',
    unitId: 'so-noi-vu',
    results: page.units[0].results,
  });
  const retried = await new MockActivityEnvironment().run(a.notifyAwardUnitsPage, page);
  expect(retried).toEqual({ sent: 1, alreadySent: 1, notSent: [] });
  // A retry that knows of both letters from its heartbeat sends nothing and reports what was done.
  const details = { next: 2, sent: 1, alreadySent: 1, notSent: [] };
  const resumed = await new MockActivityEnvironment({ heartbeatDetails: details }).run(a.notifyAwardUnitsPage, page);
  expect(resumed).toEqual({ sent: 1, alreadySent: 1, notSent: [] });
  expect(sent.map((m) => m.to[0])).toEqual([
    '"Trần Văn Bình" <binh.snv@vinhphuc.example.vn>',
    '"Đỗ Văn F" <f@vinhphuc.example.vn>',
  ]);
});
