/**
 * A later phase's child that fails is shown to the secretariat (issue 17), on the time-skipping
 * server: the awards child refused by the real scale check (more vote sheets than one council vote carries),
 * the conference child refused by the real invitee check (more invitees than a conference carries),
 * and the synthesis child whose draft cannot be built. The campaign records the child's own Vietnamese
 * message in its status and memo, mails the secretariat once through the real mail activity (a retried
 * attempt does not send again), goes on with its next phase and closes; the list of campaigns (the
 * real `listCampaigns`, from visibility) carries the failure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { Transporter } from 'nodemailer';
import { createActivities } from '../../activities';
import { listCampaigns } from '../../app/campaigns';
import type { Settings } from '../../config/settings';
import { awardsWorkflowId, type CouncilMember } from '../../domain/award-types';
import { conferenceWorkflowId } from '../../domain/conference-types';
import { FailedPhasesKey } from '../../domain/search-attributes';
import { synthesisWorkflowId } from '../../domain/synthesis-types';
import type { CampaignInput } from '../../domain/workflow-types';
import { DAY, campaignInputFrom, scheduleFrom } from '../../scripts/schedules';
import { FileSentLog } from '../../stores/sent-log';
import { campaignWorkflow, getCampaignStatus } from '../../workflows/campaign';
import { saveHistory } from '../helpers/histories';
import { campaignInvitingAll, unitsNominatingOne } from '../helpers/many-units-campaign';
import {
  campaignActivities,
  runWithWorker,
  useTimeSkippingEnv,
  type Activities,
} from '../helpers/phase-workflow-harness';

const testEnv = useTimeSkippingEnv();

/**
 * A council of 40 (the chair and 39 members): with 480 nominations in vote its vote sheets, with a
 * round of corrections kept in reserve, pass what one vote carries (2 × 40 × 480 lines of ~110 B > 4 MiB).
 */
const council: CouncilMember[] = [
  { account: 'chu', name: 'Nguyễn Văn Chủ', email: 'chu@example.vn', chair: true },
  ...Array.from({ length: 39 }, (_, i) => ({
    account: `tv${i + 1}`,
    name: `Thành viên ${i + 1}`,
    email: `thanhvien${i + 1}@example.vn`,
  })),
];

interface Mail {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

/**
 * Runs `fn` with the campaign's activities, the real gathering, invitee loading and failure mail (over
 * a recording transport and a real sent log). `fault` breaks the failure mail's first attempt;
 * `overrides` replaces activities (a fault injected where no real one fails for good).
 */
async function run<T>(
  unitCount: number,
  fault: 'lost-after-send' | 'smtp-busy' | 'none',
  fn: (taskQueue: string, start: number) => Promise<T>,
  overrides: Partial<Activities> = {},
): Promise<{ result: T; mails: Mail[]; attempts: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-phase-failure-'));
  const mails: Mail[] = [];
  let smtpCalls = 0;
  const transport = {
    sendMail: async (m: Mail) => {
      smtpCalls++;
      if (fault === 'smtp-busy' && smtpCalls === 1) {
        throw Object.assign(new Error('421 Service busy'), { responseCode: 421 });
      }
      mails.push({ to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
      return { response: '250 OK', rejected: [] };
    },
  } as unknown as Transporter;
  const real = createActivities({
    transport,
    sentLog: new FileSentLog(dir),
    definitions: { load: async () => campaignInvitingAll(unitCount), save: async () => 'x' },
    reports: {} as never,
    links: {} as never,
    from: '"thidua" <thidua@vinhphuc.example.vn>',
    client: unitsNominatingOne,
    awardCatalogueFile: path.resolve(__dirname, '../fixtures/award-forms-vote-test.yaml'),
  });
  let attempts = 0;
  const activities = {
    ...campaignActivities(testEnv()),
    async awardsSetup() {
      return {
        authority: 'ministry-province' as const,
        council,
        header: { style: 'state' as const, issuingBody: 'UBND TỈNH VĨNH PHÚC', number: '…', place: 'Vĩnh Phúc' },
      };
    },
    gatherAwardNominations: real.gatherAwardNominations,
    loadConferenceInvitees: real.loadConferenceInvitees,
    async mailPhaseFailure(input: Parameters<Activities['mailPhaseFailure']>[0]) {
      attempts++;
      const outcome = await real.mailPhaseFailure(input);
      // The worker is lost after the message went out, before the activity completed: retried.
      if (fault === 'lost-after-send' && attempts === 1) throw new Error('worker lost after sending');
      return outcome;
    },
    ...overrides,
  } as unknown as Activities;
  try {
    const result = await runWithWorker(testEnv(), 'phase-failure', activities, (taskQueue) =>
      testEnv()
        .currentTimeMs()
        .then((start) => fn(taskQueue, start)),
    );
    return { result, mails, attempts };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const at = (ms: number) => ({ utc: new Date(ms).toISOString(), local: '', written: '', reading: 'test' });

/** A two-unit campaign (deadline day 3, lock day 4) whose later phase opens on day 5. */
const campaignWith = (id: string, start: number, later: CampaignInput['compiled']['phases'][number]): CampaignInput => {
  const base = campaignInputFrom(start, {
    campaignId: id,
    planNumber: '67-KH/TU',
    title: 'Tổng kết 10 năm Chỉ thị 39-CT/TW',
    contact: 'Ban Thi đua - Khen thưởng tỉnh',
    unitCount: 2,
    unitsPerBatch: 2,
    deadlineDays: 3,
    lockDays: 4,
  });
  const phases = base.compiled.phases.filter((p) => p.kind !== 'synthesis');
  phases.push(later);
  return { ...base, compiled: { ...base.compiled, phases } };
};

/**
 * The campaign's row in the list of campaigns, by the real `listCampaigns` over what the server holds.
 * The time-skipping server implements no visibility list (ListWorkflowExecutions), so the list's
 * entries are the server's descriptions of the campaign's workflow: the same execution info (memo and
 * search attributes, decoded by the same client) that a list answers with.
 */
const listed = async (campaignId: string) => {
  const client = testEnv().client;
  const described = await client.workflow.getHandle(`campaign/${campaignId}`).describe();
  const visibility = {
    workflow: {
      list: async function* ({ query }: { query: string }) {
        if (query === "WorkflowType = 'campaignWorkflow'" && described.type === 'campaignWorkflow') yield described;
      },
    },
  };
  const rows = await listCampaigns({
    client: visibility as unknown as typeof client,
    settings: { taskQueue: 'none', timeZone: 'Asia/Ho_Chi_Minh' } as Settings,
  });
  return rows.find((r) => r.campaignId === campaignId);
};

/** The operators' filter in the Temporal UI: the campaign's `FailedPhases` search attribute. */
const failedPhasesOf = async (workflowId: string) =>
  (await testEnv().client.workflow.getHandle(workflowId).describe()).typedSearchAttributes.get(FailedPhasesKey);

/** What the secretariat reads without a worker: the campaign's memo. */
const memoOf = async (workflowId: string) =>
  ((await testEnv().client.workflow.getHandle(workflowId).describe()).memo ?? {}) as Record<string, unknown>;

test('an awards child refused for its size: the campaign shows the refusal, mails the secretariat once though retried, and closes', async () => {
  const id = `camp-awards-too-large-${Date.now()}`;
  // 480 units × 1 nomination in vote × 40 members: more sheets' lines than one vote carries.
  const { result, mails, attempts } = await run(480, 'lost-after-send', async (taskQueue, start) => {
    const handle = await testEnv().client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: `campaign/${id}`,
      args: [
        campaignWith(id, start, {
          kind: 'awards',
          name: 'Xét khen thưởng',
          windowStart: at(start + 5 * DAY),
          windowEnd: at(start + 20 * DAY),
          vote: scheduleFrom(start, { deadlineDays: 10, lockDays: 12, reminders: [], escalations: [] }),
        }),
      ],
    });
    const view = await handle.result();
    await saveHistory(testEnv(), 'campaign-awards-failed', `campaign/${id}`); // for test/replay
    return { start, view, queried: await handle.query(getCampaignStatus), memo: await memoOf(`campaign/${id}`) };
  });
  const { view, queried, memo, start } = result;
  expect(view.phase).toBe('closed');
  expect(view.cancelled).toBeUndefined();
  expect(view.phaseFailures).toEqual([
    {
      phase: 'awards',
      name: 'Xét khen thưởng',
      workflowId: awardsWorkflowId(id),
      message: expect.stringMatching(
        /^Các đơn vị gửi 480 hồ sơ đề nghị khen thưởng, 480 hồ sơ cần Hội đồng biểu quyết \(40 thành viên: 40 phiếu tổng hợp, mỗi phiếu tối đa 1000 hồ sơ\); hệ thống hỗ trợ tối đa \d+ hồ sơ.*chia việc xét khen thưởng thành các đợt con/,
      ),
      at: expect.any(String),
    },
  ]);
  // Failed as the awards phase opened (day 5), in workflow time.
  const failedAt = Date.parse(view.phaseFailures![0].at);
  expect(failedAt).toBeGreaterThanOrEqual(start + 5 * DAY);
  expect(failedAt).toBeLessThan(start + 5.1 * DAY);
  expect(queried.phaseFailures).toEqual(view.phaseFailures);
  expect(memo.phaseFailures).toEqual(view.phaseFailures);

  // Two attempts of the mail activity, one message: the retry found it in the sent log.
  expect(attempts).toBe(2);
  expect(mails).toHaveLength(1);
  const [mail] = mails;
  expect(mail.to).toEqual(['"Nguyễn Thị Hòa" <hoa.tdkt@vinhphuc.example.vn>']);
  expect(mail.messageId).toBe(`<${id}.phase-failed.awards@vinhphuc.example.vn>`);
  expect(mail.subject).toBe('[67-KH/TU] Giai đoạn "Xét khen thưởng" không thực hiện được — cần xử lý');
  expect(mail.text).toContain('Kính gửi: Ban Thi đua - Khen thưởng tỉnh');
  expect(mail.text).toContain(`Kế hoạch số 67-KH/TU về tổng kết 10 năm thực hiện Chỉ thị 39-CT/TW (mã đợt ${id})`);
  expect(mail.text).toContain(`Lý do: ${view.phaseFailures![0].message}`);
  expect(mail.text).toContain('chưa có biên bản kiểm phiếu và quyết định khen thưởng');
  expect(mail.text).toContain('tổ chức xét khen thưởng trong các đợt con');
  expect(mail.text).not.toContain('Child Workflow');
});

test('a conference child refused for its invitees: the status shows the refusal naming the field, one mail after a busy SMTP, the campaign closes', async () => {
  const id = `camp-conf-too-large-${Date.now()}`;
  const { result, mails, attempts } = await run(1401, 'smtp-busy', async (taskQueue, start) => {
    const open = start + 10 * DAY;
    const handle = await testEnv().client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: `campaign/${id}`,
      args: [
        campaignWith(id, start, {
          kind: 'conference',
          name: 'Hội nghị tổng kết',
          windowStart: at(start + 5 * DAY),
          windowEnd: at(start + 12 * DAY),
          conferenceAt: at(open),
          conference: {
            when: { kind: 'exact', start: new Date(open).toISOString() },
            start: at(open),
            invitationsAt: at(start + 6 * DAY),
            venue: 'Hội trường Tỉnh ủy',
            agenda: ['Khai mạc'],
          },
        }),
      ],
    });
    return {
      view: await handle.result(),
      memo: await memoOf(`campaign/${id}`),
      row: await listed(id),
      failedPhases: await failedPhasesOf(`campaign/${id}`),
    };
  });
  expect(result.view.phase).toBe('closed');
  expect(result.view.phaseFailures).toEqual([
    expect.objectContaining({
      phase: 'conference',
      name: 'Hội nghị tổng kết',
      workflowId: conferenceWorkflowId(id),
      message:
        'Hội nghị mời 1401 khách mời (phases[1].invitees trong tệp đợt); hệ thống hỗ trợ tối đa 1400 khách mời một hội nghị. ' +
        'Hãy liệt kê các đơn vị được mời trong phases[1].invitees thay cho all.',
    }),
  ]);
  expect(result.memo.phaseFailures).toEqual(result.view.phaseFailures);
  // The list of campaigns marks it, from the memo.
  expect(result.row).toMatchObject({ campaignId: id, phase: 'closed', workflowStatus: 'COMPLETED' });
  expect(result.row?.phaseFailures).toEqual(result.view.phaseFailures);
  expect(result.failedPhases).toEqual(['conference']);
  // The first attempt met a busy server and nothing went out; the retry sent the one letter.
  expect(attempts).toBe(2);
  expect(mails).toHaveLength(1);
  expect(mails[0].subject).toBe('[67-KH/TU] Giai đoạn "Hội nghị tổng kết" không thực hiện được — cần xử lý');
  expect(mails[0].text).toContain('Giấy mời hội nghị chưa được gửi');
  expect(mails[0].text).toContain('Lý do: Hội nghị mời 1401 khách mời');
});

test('a synthesis child whose draft cannot be built: the campaign shows it, mails the secretariat once, holds its conference and closes', async () => {
  const id = `camp-synthesis-failed-${Date.now()}`;
  // No build failure is for good today (a gathering or store error is retried): injected, as the
  // document builder would refuse a definition it cannot lay out.
  const refusal =
    'Không lập được dự thảo báo cáo tổng hợp: đề cương báo cáo (phases[2].report.outline trong tệp đợt) có mục thứ 3 để trống. ' +
    'Hãy ghi tên mục rồi lập lại dự thảo.';
  let builds = 0;
  const buildSynthesis = async () => {
    builds++;
    throw ApplicationFailure.nonRetryable(refusal, 'SynthesisNotBuilt');
  };
  // 1,401 invitees: the conference after the synthesis is refused too, which shows it was started.
  const { result, mails, attempts } = await run(
    1401,
    'none',
    async (taskQueue, start) => {
      const open = start + 10 * DAY;
      const input = campaignWith(id, start, {
        kind: 'conference',
        name: 'Hội nghị tổng kết',
        windowStart: at(start + 6 * DAY),
        windowEnd: at(start + 12 * DAY),
        conferenceAt: at(open),
        conference: {
          when: { kind: 'exact', start: new Date(open).toISOString() },
          start: at(open),
          invitationsAt: at(start + 7 * DAY),
          venue: 'Hội trường Tỉnh ủy',
          agenda: ['Khai mạc'],
        },
      });
      // The synthesis between the lock (day 4) and the conference.
      const phases = [...input.compiled.phases];
      phases.splice(phases.length - 1, 0, {
        kind: 'synthesis',
        name: 'Tổng hợp, dự thảo báo cáo',
        windowStart: at(start + 4 * DAY),
        windowEnd: at(start + 6 * DAY),
      });
      const handle = await testEnv().client.workflow.start(campaignWorkflow, {
        taskQueue,
        workflowId: `campaign/${id}`,
        args: [{ ...input, compiled: { ...input.compiled, phases } }],
      });
      const view = await handle.result();
      return {
        start,
        view,
        memo: await memoOf(`campaign/${id}`),
        row: await listed(id),
        failedPhases: await failedPhasesOf(`campaign/${id}`),
      };
    },
    { buildSynthesis } as unknown as Partial<Activities>,
  );
  const { view, memo, row, failedPhases, start } = result;
  expect(builds).toBe(1);
  expect(view.phase).toBe('closed');
  expect(view.cancelled).toBeUndefined();
  expect(view.phaseFailures).toEqual([
    {
      phase: 'synthesis',
      name: 'Tổng hợp, dự thảo báo cáo',
      workflowId: synthesisWorkflowId(id),
      message: refusal,
      at: expect.any(String),
    },
    expect.objectContaining({ phase: 'conference', name: 'Hội nghị tổng kết', workflowId: conferenceWorkflowId(id) }),
  ]);
  // The synthesis failed as it opened (day 4); the conference was started after it, at its own window.
  const [synthesisAt, conferenceAt] = view.phaseFailures!.map((f) => Date.parse(f.at));
  expect(synthesisAt).toBeGreaterThanOrEqual(start + 4 * DAY);
  expect(synthesisAt).toBeLessThan(start + 4.1 * DAY);
  expect(conferenceAt).toBeGreaterThanOrEqual(start + 6 * DAY);
  expect(memo.phaseFailures).toEqual(view.phaseFailures);
  expect(row?.phaseFailures).toEqual(view.phaseFailures);
  expect(failedPhases).toEqual(['synthesis', 'conference']);

  // One letter per failed phase, the synthesis' first, each once.
  expect(attempts).toBe(2);
  expect(mails.map((m) => m.messageId)).toEqual([
    `<${id}.phase-failed.synthesis@vinhphuc.example.vn>`,
    `<${id}.phase-failed.conference@vinhphuc.example.vn>`,
  ]);
  const [mail] = mails;
  expect(mail.to).toEqual(['"Nguyễn Thị Hòa" <hoa.tdkt@vinhphuc.example.vn>']);
  expect(mail.subject).toBe('[67-KH/TU] Giai đoạn "Tổng hợp, dự thảo báo cáo" không thực hiện được — cần xử lý');
  expect(mail.text).toContain(`Lý do: ${refusal}`);
  expect(mail.text).toContain('Dự thảo báo cáo tổng hợp chưa được lập và chưa được gửi phê duyệt.');
  expect(mail.text).not.toContain('Child Workflow');
});
