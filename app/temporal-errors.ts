/**
 * What went wrong, once for every surface: a Temporal failure is classified here into a code
 * ({@link classifyTemporalFailure}), and every use case fails with an {@link AppError} carrying that
 * code and the facts a message needs (the validator's own words, the task queue, the deadline). The
 * CLI, the unit portal and the dashboard each turn the code into words with their own table; nothing
 * here is shown to a person as is.
 */

/** How a call to Temporal failed. */
export type TemporalFailure =
  /** No worker polls the workflow's task queue: nothing was sent, or the server refused to take it. */
  | 'no-worker'
  /** A workflow's update validator refused; its words are in `refusal`. Nothing was recorded. */
  | 'refused'
  /** No such workflow (campaign or unit). */
  | 'not-found'
  /** Sent, but no worker answered within the deadline: a query changed nothing; an update may still apply. */
  | 'timed-out'
  /** The Temporal server could not be reached. */
  | 'unavailable'
  /** The workflow has already completed (the campaign is over): it takes no more updates. */
  | 'already-completed';

/** Every code a use case fails with: a Temporal failure, or input refused before anything was sent. */
/** `forbidden`: the staff member lacks the role the action needs (`facts.role`); nothing was sent. */
export type AppErrorCode = TemporalFailure | 'invalid' | 'locked' | 'forbidden';

/** What was being done: messages name it ("while cancelling the campaign"). */
export type Operation =
  | 'read-campaign'
  | 'read-unit'
  | 'extend'
  | 'cancel'
  | 'remind'
  | 'submit-file'
  | 'submit-nominations'
  | 'link'
  | 'account'
  | 'read-synthesis'
  | 'approve-synthesis'
  | 'return-synthesis'
  | 'revise-synthesis'
  | 'rebuild-synthesis'
  | 'read-conference'
  | 'reply-conference'
  | 'set-conference-date'
  | 'change-conference-venue'
  | 'cancel-conference'
  | 'record-conference-outcome'
  | 'start-campaign'
  | 'edit-draft'
  | 'read-awards'
  | 'cast-vote'
  | 'close-vote'
  | 'issue-decision';

/** Input refused before anything was sent, each with its own message on every surface. */
export type InvalidInput =
  | 'unit-filter'
  | 'no-self-review-deadline'
  /** An extension names a deadline phase the campaign does not have. */
  | 'deadline-phase'
  | 'extension-days'
  | 'extension-needs-deadline'
  | 'rehearsal-extends-by-days'
  | 'new-deadline'
  | 'new-lock'
  | 'no-self-review-phase'
  | 'extension-needs-reason'
  | 'cancel-needs-reason'
  | 'file-kind'
  | 'account'
  /** A revised synthesis draft that is not a Word document by its content; `value` is the file's name. */
  | 'synthesis-docx'
  /** A campaign draft whose text is not a YAML mapping, so its units cannot be replaced. */
  | 'campaign-draft'
  /** A copy's shift in years outside the range; `value` is the range, e.g. `-5..10`. */
  | 'copy-years'
  /** Conference input refused before sending (a date that does not read, no exact day yet); `value` says why, in Vietnamese. */
  | 'conference'
  /** A decision number already given to another campaign's award decision; `value` is `number|campaignId`. */
  | 'decision-number'
  /** A sub-campaign's start refused (its parent, unit, deadlines or clock); worded in `sub-campaign-refusals.ts`. */
  | SubCampaignInput;

/** Why a sub-campaign was not started; `value` holds the facts, `|`-separated (see `sub-campaign-refusals.ts`). */
export type SubCampaignInput =
  | 'parent-not-found'
  | 'parent-ended'
  | 'parent-unit-unknown'
  | 'parent-phase-unknown'
  | 'parent-unit-locked'
  | 'deadlines-do-not-nest'
  | 'parent-rehearsed'
  | 'parent-not-rehearsed'
  | 'rehearsal-factor';

export interface AppErrorFacts {
  operation?: Operation;
  /** A validator's own words (Vietnamese, from the domain's rules). */
  refusal?: string;
  /** For `invalid`: which input, and the value or the domain's explanation. */
  input?: InvalidInput;
  value?: string;
  /** For an `account` input the store refused: the rule broken (the store's `AccountProblem`), and the login. */
  accountProblem?: 'login' | 'name' | 'password-length' | 'password-contains-login';
  login?: string;
  campaignId?: string;
  unitId?: string;
  taskQueue?: string;
  /** The deadline a worker had to answer, in seconds. */
  seconds?: number;
  /** Whether the call was an update (a change), as opposed to a read. */
  update?: boolean;
  /**
   * For an update: false when it was refused before being sent (the worker check); otherwise it was
   * sent, and only the workflow's own answer (refused, not found, already completed) says it did not apply.
   */
  sent?: boolean;
  /** For `forbidden`: the role the action needs. */
  role?: 'clerk' | 'approver' | 'council';
  /** For `locked`: when the unit's files became read-only. */
  lockedAt?: string;
}

/**
 * A use case that did not happen (or, for `timed-out` updates, may happen later). `message` is a
 * plain English line for logs; each surface words the code itself.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly facts: AppErrorFacts = {},
    options?: { cause?: unknown },
  ) {
    super(
      `${code}${facts.operation ? ` (${facts.operation})` : ''}${facts.refusal ? `: ${facts.refusal}` : ''}` +
        `${facts.value ? `: ${facts.value}` : ''}`,
      options,
    );
    this.name = 'AppError';
  }

  /**
   * Whether nothing was (or will be) changed. An update that was sent and not answered (timed out,
   * the server said no poller, the connection dropped) may still apply when a worker takes it.
   */
  get nothingChanged(): boolean {
    if (!this.facts.update || this.facts.sent === false) return true;
    return DEFINITE.includes(this.code);
  }
}

/** Answers that say for sure an update did not apply. */
const DEFINITE: AppErrorCode[] = ['refused', 'not-found', 'already-completed', 'invalid', 'locked', 'forbidden'];

interface GrpcLike {
  code?: number;
  message?: string;
  name?: string;
  details?: string;
  cause?: { code?: number; message?: string; name?: string; details?: string };
}

/** gRPC status codes the classification reads. */
const GRPC = { DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, FAILED_PRECONDITION: 9, UNAVAILABLE: 14 } as const;

/**
 * The one classification of a failed Temporal call, or undefined for anything else (a programming
 * error, shown as is). `timing` lets a bare gRPC failure that came only after the whole deadline
 * count as timed out (see {@link noWorkerAnswered}).
 */
export function classifyTemporalFailure(
  err: unknown,
  timing?: { startedAt: number; deadlineMs: number },
): TemporalFailure | undefined {
  const e = (err ?? {}) as GrpcLike;
  const text = `${e.message ?? ''} ${e.details ?? ''} ${e.cause?.message ?? ''} ${e.cause?.details ?? ''}`;
  const code = e.code ?? e.cause?.code;
  if (e.name === 'WorkflowUpdateFailedError') return 'refused';
  if (/already completed/i.test(text)) return 'already-completed';
  if (e.name === 'WorkflowNotFoundError') return 'not-found';
  // The server refuses an update when no worker has polled the task queue for a while.
  if (code === GRPC.FAILED_PRECONDITION && /no poller/i.test(text)) return 'no-worker';
  if (e.name === 'WorkflowUpdateRPCTimeoutOrCancelledError') return 'timed-out';
  if (code === GRPC.UNAVAILABLE) return 'unavailable';
  if (code === GRPC.NOT_FOUND) return 'not-found';
  if (timing ? noWorkerAnswered(err, timing.startedAt, timing.deadlineMs) : code === GRPC.DEADLINE_EXCEEDED) {
    return 'timed-out';
  }
  return undefined;
}

/**
 * Whether a query or update failed because no worker answered within its deadline. The usual shape is
 * gRPC DEADLINE_EXCEEDED (on the error or its cause), but a busy server or the client's own retries can
 * end the call with another status once the time is up (seen as a bare ServiceError when the whole
 * test suite loaded the machine); a call that failed only after its full deadline counts too.
 */
export function noWorkerAnswered(err: unknown, startedAt: number, deadlineMs: number): boolean {
  const e = err as { code?: number; message?: string; name?: string; cause?: { code?: number; message?: string } };
  if (e?.name === 'WorkflowUpdateFailedError' || e?.name === 'WorkflowNotFoundError') return false;
  const code = e?.code ?? e?.cause?.code;
  if (code === 4 /* DEADLINE_EXCEEDED */ || /deadline/i.test(`${e?.message ?? ''} ${e?.cause?.message ?? ''}`)) {
    return true;
  }
  const grpcFailure = e?.name === 'ServiceError' || typeof code === 'number';
  return grpcFailure && Date.now() - startedAt >= deadlineMs - 50;
}

/** The {@link AppError} of a failed Temporal call, or the error itself when it is not one Temporal gave. */
export function asAppError(
  err: unknown,
  facts: AppErrorFacts,
  timing?: { startedAt: number; deadlineMs: number },
): unknown {
  if (err instanceof AppError) return err;
  const code = classifyTemporalFailure(err, timing);
  if (!code) return err;
  const refusal =
    code === 'refused' ? ((err as { cause?: Error }).cause?.message ?? (err as Error).message) : undefined;
  return new AppError(code, { ...facts, ...(refusal !== undefined ? { refusal } : {}) }, { cause: err });
}
