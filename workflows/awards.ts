/**
 * The awards phase of a campaign (a child of the campaign workflow): gather the units' nominations
 * checked against the catalogue, open the council's vote with reminders to members who have not voted
 * before the deadline and escalation to the chair after it, close at the lock (or earlier by the
 * chair once everyone voted, or after the deadline), tally each nomination by the catalogue's rule,
 * build the minutes (and the proposal upwards), then wait for the clerk's decision number: the decision
 * and the statistics are built, each unit is told its results, and the workflow ends.
 *
 * Updates answer at once (the state changes, the effect is queued): documents and messages run in the
 * main loop, never inside an update a person is waiting for. The votes' handlers (one vote, or a
 * member's sheet of many in one update: issue 17) live in `awards-votes.ts`; the status view and the
 * mails' counts in `awards-status.ts`.
 */
import {
  CancellationScope,
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  isCancellation,
  log,
  patched,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type {
  AwardNominationView,
  AwardsState,
  AwardsStatusQuery,
  AwardsStatusView,
  AwardsWorkflowInput,
  CloseVoteInput,
  IssueDecisionInput,
  Vote,
} from '../domain/award-types';
import { inVote, latestVotes, missingVoters, talliedVote, unitResultOf } from '../domain/award-vote';
import { AWARDS_STATE_LABELS } from '../domain/award-view';
import { awardsCounts, awardsStatusView } from './awards-status';
import { setVoteHandlers } from './awards-votes';
import type { GatheredAwards } from '../domain/award-workflow-types';
import { builder, letterPages, letters, mail, type Outbox } from './awards-effects';
import { CampaignIdKey, DeadlineKey, LockedKey, PhaseKey } from '../domain/search-attributes';
import { MAX_PERSON_CHARS, assertText } from '../domain/submission-rules';
import { OPERATOR_CANCEL, type CancelCampaignInput } from '../domain/workflow-types';
import { stepDue } from './timed-steps';
import { awardMailSummary } from './mail-summaries';

export { castVote, castVoteSheet } from './awards-votes';
export const closeVote = defineUpdate<AwardsStatusView, [CloseVoteInput]>('closeVote');
export const issueDecision = defineUpdate<AwardsStatusView, [IssueDecisionInput]>('issueDecision');
/** From the campaign: it was cancelled; the vote ends cancelled and refuses every change. */
export const cancelAwards = defineSignal<[CancelCampaignInput]>('cancelAwards');
/**
 * The full view; before the close, votes only of `member` when given (the use cases ask for the actor's
 * own). With a page, a unit or `toVoteBy` (issue 17), a page of the nominations and the counts of all.
 */
export const getAwardsStatus = defineQuery<AwardsStatusView, [AwardsStatusQuery?]>('getAwardsStatus');

/** Nominations in the close's and the decision's answers (the first page; the query has the others). */
const ANSWER_PAGE_SIZE = 10;

export async function awardsWorkflow(input: AwardsWorkflowInput): Promise<AwardsStatusView> {
  const { campaignId, council } = input;
  const schedule = input.vote;
  const chair = council.find((m) => m.chair) ?? council[0];
  let state = 'voting' as AwardsState;
  let gathered: GatheredAwards | undefined;
  let nominations: AwardNominationView[] = [];
  const votes: Vote[] = [];
  let closed: AwardsStatusView['closed'];
  let closeAsked: string | undefined;
  let minutes: AwardsStatusView['minutes'];
  let proposal: AwardsStatusView['proposal'];
  let statistics: AwardsStatusView['statistics'];
  let decision: AwardsStatusView['decision'];
  let decisionAsked: IssueDecisionInput | undefined;
  let cancelled: { reason: string; by: string; at: string } | undefined;
  let remindersSent = 0;
  let escalationsSent = 0;
  const handled: string[] = [];
  const outbox: Outbox[] = [];
  let changes = 0;
  const touch = () => void changes++;
  const now = () => Date.now();
  const iso = (ms = now()) => new Date(ms).toISOString();
  const deadlineMs = schedule ? Date.parse(schedule.deadline.utc) : undefined;
  const lockMs = schedule ? Date.parse(schedule.lock.utc) : undefined;

  const view = (member?: string, q: AwardsStatusQuery = {}): AwardsStatusView =>
    awardsStatusView(
      { campaignId, authority: input.authority, council, schedule, state, nominations, votes },
      { minutes, decision, proposal, statistics, closed, remindersSent, escalationsSent },
      member,
      q,
    );

  // The decision's answer and the result without the votes (the query has them): with sheets the votes
  // are many (3,600 were 730 KB, over the 512 KiB payload warning), and these stay in the history.
  const answered = (v: AwardsStatusView): AwardsStatusView =>
    patched('awards-answers-without-votes') ? { ...v, votes: undefined } : v;
  // The close's and the decision's answers: the counts and a first page, not every nomination (10,000
  // were 5.5 MB in the history and in the answer the person waits for; the query has them by pages).
  const answerPage = (): AwardsStatusView | undefined =>
    patched('awards-answers-a-page')
      ? view(undefined, { page: 1, pageSize: ANSWER_PAGE_SIZE, withVotes: false })
      : undefined;

  const publish = () => {
    upsertSearchAttributes([
      { key: CampaignIdKey, value: campaignId },
      { key: PhaseKey, value: state === 'cancelled' ? 'cancelled' : state === 'decided' ? 'awards-decided' : 'awards' },
      { key: LockedKey, value: state !== 'voting' },
      ...(schedule ? [{ key: DeadlineKey, value: new Date(schedule.deadline.utc) }] : []),
    ]);
    setCurrentDetails(
      `**${input.planNumber}** — ${input.phaseName}: ${AWARDS_STATE_LABELS[state]}` +
        (schedule && state === 'voting' ? `; hạn bỏ phiếu ${schedule.deadline.local}` : '') +
        (decision ? `; Quyết định số ${decision.number}` : ''),
    );
  };

  // ---- refusals (Vietnamese: the validator's words reach the person) ------------------------------

  const assertVoting = (action: string) => {
    if (cancelled) throw new Error(`Đợt đã bị hủy lúc ${cancelled.at} (${cancelled.reason}); không thể ${action}.`);
    if (state !== 'voting' || closeAsked) {
      throw new Error(`Hội đồng đã kết thúc bỏ phiếu lúc ${closed?.at ?? iso()}; không thể ${action}.`);
    }
    if (lockMs !== undefined && now() >= lockMs) {
      throw new Error(`Đã quá thời điểm khóa bỏ phiếu (${schedule!.lock.local}); không thể ${action}.`);
    }
    if (!gathered) throw new Error('Hồ sơ đề nghị đang được tập hợp; xin bỏ phiếu sau ít phút.');
  };
  const assertPerson = (label: string, value: unknown) => {
    if (typeof value !== 'string' || !value.trim()) throw new Error(`Cần ghi ${label}.`);
    assertText(label, value, MAX_PERSON_CHARS);
  };

  // ---- handlers ---------------------------------------------------------------------------------

  setHandler(getAwardsStatus, (q) => view(q?.member, q ?? {}));

  setVoteHandlers({
    campaignId,
    council,
    authority: input.authority,
    votes,
    nominations: () => nominations,
    catalogue: () => gathered?.catalogue,
    claimCheckBytes: () => gathered?.claimCheckBytes,
    state: () => state,
    view,
    assertVoting,
    assertPerson,
    touch,
    iso: () => iso(),
  });

  setHandler(
    closeVote,
    (req) => {
      closeAsked = req.by;
      touch();
      return answerPage() ?? view();
    },
    {
      validator: (req) => {
        assertVoting('kết thúc bỏ phiếu');
        assertPerson('người kết thúc bỏ phiếu', req.by);
        const missing = missingVoters(council, nominations, votes);
        if (missing.length > 0 && deadlineMs !== undefined && now() < deadlineMs) {
          throw new Error(
            `Còn ${missing.length} thành viên chưa bỏ phiếu đủ (${missing.map((m) => m.name).join(', ')}); ` +
              `chỉ kết thúc sớm khi mọi thành viên đã bỏ phiếu, hoặc sau hạn ${schedule!.deadline.local}.`,
          );
        }
      },
    },
  );

  setHandler(
    issueDecision,
    (req) => {
      decisionAsked = { number: req.number.trim(), date: req.date, by: req.by };
      touch();
      return answerPage() ?? answered(view());
    },
    {
      validator: (req) => {
        if (cancelled) throw new Error(`Đợt đã bị hủy lúc ${cancelled.at}; không thể ban hành quyết định.`);
        if (decision || decisionAsked) {
          const d = decision ?? decisionAsked!;
          throw new Error(`Đã có Quyết định số ${d.number} ngày ${d.date}; không ban hành lại.`);
        }
        if (state !== 'closed' || !minutes) {
          throw new Error(
            'Hội đồng chưa kết thúc bỏ phiếu (chưa có biên bản kiểm phiếu); chưa thể ban hành quyết định.',
          );
        }
        // The decision lists the awardees: with none, there is nothing to decide (the minutes say why).
        if (!nominations.some((n) => n.state === 'approved' && n.check.route !== 'higher-level')) {
          throw new Error(
            'Không có tập thể, cá nhân nào được Hội đồng thông qua trong thẩm quyền của đợt; không ban hành quyết định khen thưởng (biên bản kiểm phiếu đã ghi kết quả).',
          );
        }
        assertPerson('số quyết định', req.number);
        if (
          typeof req.date !== 'string' ||
          !/^\d{4}-\d{2}-\d{2}$/.test(req.date) ||
          Number.isNaN(Date.parse(req.date))
        ) {
          throw new Error(
            `Ngày quyết định "${String(req.date)}" không hợp lệ; ghi dạng năm-tháng-ngày, ví dụ 2009-11-25.`,
          );
        }
        assertPerson('người ban hành', req.by);
      },
    },
  );

  const applyCancel = (req: CancelCampaignInput) => {
    if (cancelled || decision) return;
    cancelled = { reason: req.reason, by: req.cancelledBy, at: iso() };
    state = 'cancelled';
    touch();
    publish();
  };
  setHandler(cancelAwards, applyCancel);

  // ---- effects ----------------------------------------------------------------------------------

  const key = (k: string) => `${campaignId}/awards/${k}`;
  const people = (list: typeof council) => list.map((m) => ({ name: m.name, email: m.email }));
  const counts = () => awardsCounts(nominations);
  /** Sends one message; true when it went out (now or before a retry). A failure for good is logged only. */
  const deliver = async (item: Outbox): Promise<boolean> => {
    try {
      const base = { campaignId, definitionRef: input.definitionRef };
      const decided = () => ({ number: decision!.number, date: decision!.date });
      const resultsOf = (unitId: string) => nominations.filter((n) => n.unitId === unitId).map(unitResultOf);
      if (item.activity === 'notifyAwardUnitsPage') {
        const p = await letters.notifyAwardUnitsPage.executeWithOptions(
          { summary: `Báo kết quả → ${item.unitIds.length} đơn vị (trang ${item.page})` },
          [
            {
              ...base,
              keyPrefix: key('unit/'),
              decision: decided(),
              units: item.unitIds.map((unitId) => ({ unitId, results: resultsOf(unitId) })),
            },
          ],
        );
        return p.notSent.length === 0;
      }
      const r =
        item.activity === 'mailAwards'
          ? await mail.mailAwards.executeWithOptions({ summary: awardMailSummary(item.input.kind, item.input.key) }, [
              { ...base, ...item.input },
            ])
          : await mail.notifyAwardUnit.executeWithOptions({ summary: `Báo kết quả → ${item.unitId}` }, [
              {
                ...base,
                key: key(`unit/${item.unitId}`),
                unitId: item.unitId,
                decision: decided(),
                results: resultsOf(item.unitId),
              },
            ]);
      return r.sent || r.reason === 'already-sent';
    } catch (err) {
      if (isCancellation(err)) throw err;
      log.warn('awards message not sent', { err });
      return false;
    }
  };
  const flush = async () => {
    while (outbox.length > 0) {
      await deliver(outbox[0]);
      outbox.shift();
    }
  };

  const docsRequest = () => ({
    campaignId,
    definitionRef: input.definitionRef,
    header: input.header,
    council,
    nominations,
    catalogue: gathered!.catalogue,
    at: iso(),
  });

  const close = async (by: string) => {
    closed = { at: iso(), by };
    nominations = await builder.tallyAwardVotes.executeWithOptions({ summary: 'Kiểm phiếu' }, [
      {
        nominations,
        // Each member's last vote, without reason or instant: the tally reads no more, and with sheets the
        // votes are many (issue 17: 3,600 votes were ~500 KB of this payload).
        votes: patched('awards-tally-latest-votes') ? latestVotes(votes).map(talliedVote) : votes,
        council,
        catalogue: gathered!.catalogue,
        base: { collectives: gathered!.collectives, individuals: gathered!.individuals },
      },
    ]);
    state = 'closed';
    publish();
    const docs = await builder.buildAwardMinutes.executeWithOptions({ summary: 'Lập biên bản kiểm phiếu' }, [
      docsRequest(),
    ]);
    minutes = docs.minutes;
    if (docs.proposal) proposal = docs.proposal;
    outbox.push({
      activity: 'mailAwards',
      input: {
        key: key('closed'),
        kind: 'vote-closed',
        to: people(council),
        counts: counts(),
        files: [docs.minutes, ...(docs.proposal ? [docs.proposal] : [])],
      },
    });
    touch();
  };

  const decide = async (req: IssueDecisionInput) => {
    const docs = await builder.buildAwardDecision.executeWithOptions({ summary: `Quyết định số ${req.number}` }, [
      { ...docsRequest(), decision: { number: req.number, date: req.date } },
    ]);
    decision = { number: req.number, date: req.date, file: docs.decision, by: req.by, at: iso() };
    statistics = docs.statistics;
    state = 'decided';
    publish();
    outbox.push({
      activity: 'mailAwards',
      input: {
        key: key('decision'),
        kind: 'decision-issued',
        to: people(council),
        counts: counts(),
        decision: { number: req.number, date: req.date },
        files: [docs.decision, docs.statistics],
      },
    });
    // One message per unit that nominated: its results (idempotent by unit). In pages of units, one
    // activity each: one activity per unit made the history grow by three events a unit (issue 17).
    const units = [...new Set(nominations.map((n) => n.unitId))];
    if (patched('awards-unit-letters-in-pages')) outbox.push(...letterPages(units));
    else for (const unitId of units) outbox.push({ activity: 'notifyAwardUnit', unitId });
  };

  type Step = { at: number; id: string; label: string; run: () => Promise<void> };
  const nextStep = (): Step | undefined => {
    if (!schedule || state !== 'voting' || closeAsked || cancelled) return undefined;
    const steps: Step[] = [];
    for (const r of schedule.reminders) {
      if (handled.includes(r.id)) continue;
      steps.push({
        at: Date.parse(r.at.utc),
        id: r.id,
        label: `Nhắc bỏ phiếu ${r.offset} — ${r.at.local}`,
        run: async () => {
          const missing = missingVoters(council, nominations, votes);
          if (missing.length === 0 || now() >= deadlineMs!) return;
          const sent = await deliver({
            activity: 'mailAwards',
            input: {
              key: key(`remind/${r.id}`),
              kind: 'vote-reminder',
              to: people(missing),
              deadline: schedule.deadline.utc,
            },
          });
          if (sent) remindersSent++;
        },
      });
    }
    for (const e of schedule.escalations) {
      const id = `esc${e.step}`;
      if (handled.includes(id) || Date.parse(e.at.utc) >= lockMs!) continue;
      steps.push({
        at: Date.parse(e.at.utc),
        id,
        label: `Báo Chủ tịch Hội đồng: còn thành viên chưa bỏ phiếu, bước ${e.step} — ${e.at.local}`,
        run: async () => {
          const missing = missingVoters(council, nominations, votes);
          if (missing.length === 0) return;
          const sent = await deliver({
            activity: 'mailAwards',
            input: {
              key: key(id),
              kind: 'vote-escalation',
              to: people([chair]),
              deadline: schedule.deadline.utc,
              missing: missing.map((m) => m.name),
              step: e.step,
              after: e.after,
            },
          });
          if (sent) escalationsSent++;
        },
      });
    }
    steps.push({
      at: lockMs!,
      id: 'lock',
      label: `Khóa bỏ phiếu — ${schedule.lock.local}`,
      run: async () => close('thidua'),
    });
    return steps.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))[0];
  };

  const finish = async (): Promise<AwardsStatusView> => {
    await flush();
    await condition(allHandlersFinished);
    publish();
    return answered(view());
  };

  // ---- main loop --------------------------------------------------------------------------------

  publish();
  try {
    gathered = await builder.gatherAwardNominations.executeWithOptions(
      { summary: 'Tập hợp hồ sơ đề nghị khen thưởng' },
      [{ campaignId, definitionRef: input.definitionRef, authority: input.authority, council }],
    );
    nominations = gathered.nominations;
    if (!cancelled) {
      outbox.push({
        activity: 'mailAwards',
        input: {
          key: key('open'),
          kind: 'vote-open',
          to: people(council),
          counts: counts(),
          ...(schedule ? { deadline: schedule.deadline.utc } : {}),
        },
      });
    }
    touch();
    publish();
    for (;;) {
      await flush();
      if (cancelled || decision) break;
      if (state === 'voting' && closeAsked) {
        await close(closeAsked);
        continue;
      }
      // Nothing to vote on: the vote closes at once (minutes list the nominations proposed upwards).
      if (state === 'voting' && !nominations.some(inVote)) {
        await close('thidua');
        continue;
      }
      if (state === 'closed' && decisionAsked) {
        await decide(decisionAsked);
        continue;
      }
      const step = nextStep();
      const seen = changes;
      if (!(await stepDue(step, () => changes !== seen)) || !step) continue;
      handled.push(step.id);
      await step.run();
    }
    return await finish();
  } catch (err) {
    if (!isCancellation(err)) throw err;
    return await CancellationScope.nonCancellable(async () => {
      applyCancel(OPERATOR_CANCEL);
      outbox.length = 0;
      return finish();
    });
  }
}
