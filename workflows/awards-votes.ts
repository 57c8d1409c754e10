/**
 * The council's vote handlers of the awards workflow: a single vote (`castVote`) and a member's sheet
 * of many votes in one update (`castVoteSheet`, issue 17: the history grows by sheets, not by votes).
 * Both check a vote with the same rules (`voteRefusal`); single votes are capped at run time
 * ({@link MAX_SINGLE_VOTES}) and sheets by their count and bytes. The workflow owns the state; these
 * handlers push to its votes and answer narrowed views (each answer stays in the history).
 */
import { defineUpdate, patched, setHandler } from '@temporalio/workflow';
import type {
  AwardCatalogue,
  AwardNominationView,
  AwardsState,
  AwardsStatusView,
  CastVoteInput,
  CastVoteSheetInput,
  CouncilMember,
  AuthorityLevel,
  Vote,
  VoteSheetLine,
  VoteSheetResult,
} from '../domain/award-types';
import { sheetBytes, sheetRefusal } from '../domain/award-sheet';
import { memberProgress, voteRefusal, type VoteContext } from '../domain/award-vote';
import { MAX_SINGLE_VOTES, sheetHistoryBytes } from '../domain/scale-limits';

/** Answers the view with the nomination voted on only (and the actor's votes on it); the query has them all. */
export const castVote = defineUpdate<AwardsStatusView, [CastVoteInput]>('castVote');
/** A member's votes on many nominations: all recorded, or none (every wrong line named). */
export const castVoteSheet = defineUpdate<VoteSheetResult, [CastVoteSheetInput]>('castVoteSheet');

/** What the vote handlers read and change of the awards workflow's state. */
export interface VoteBook {
  campaignId: string;
  council: CouncilMember[];
  authority: AuthorityLevel;
  /** The workflow's own list: handlers push to it. */
  votes: Vote[];
  nominations(): AwardNominationView[];
  /** Undefined until the nominations are gathered (`assertVoting` refuses before). */
  catalogue(): AwardCatalogue | undefined;
  /** The claim check's threshold recorded with the gathering (issue 17); undefined: today's bounds. */
  claimCheckBytes(): number | undefined;
  state(): AwardsState;
  view(member?: string): AwardsStatusView;
  assertVoting(action: string): void;
  assertPerson(label: string, value: unknown): void;
  touch(): void;
  iso(): string;
}

/** A vote as recorded: the form only with an approval, the reason trimmed, who recorded a written one. */
function recorded(member: string, line: VoteSheetLine, recordedBy: string | undefined, at: string): Vote {
  return {
    member,
    nominationId: line.nominationId,
    choice: line.choice,
    ...(line.choice === 'approve' && line.formCode ? { formCode: line.formCode } : {}),
    ...(line.reason?.trim() ? { reason: line.reason.trim() } : {}),
    ...(recordedBy ? { recordedBy } : {}),
    at,
  };
}

export function setVoteHandlers(book: VoteBook): void {
  // Counted from the accepted updates, so a replay counts the same.
  let singleVotes = 0;
  const sheets = { sheets: 0, bytes: 0 };
  const context = (): VoteContext => ({
    council: book.council,
    catalogue: book.catalogue()!,
    authority: book.authority,
    nominations: book.nominations(),
  });

  setHandler(
    castVote,
    (req) => {
      book.votes.push(recorded(req.member, req, req.recordedBy, book.iso()));
      singleVotes++;
      book.touch();
      // Only the nomination voted on: each update's answer stays in the history, and the whole list
      // in every vote's answer made it grow with (members × nominations) × nominations (issue 17).
      const v = book.view(req.member);
      return {
        ...v,
        nominations: v.nominations.filter((n) => n.id === req.nominationId),
        ...(v.votes ? { votes: v.votes.filter((x) => x.nominationId === req.nominationId) } : {}),
      };
    },
    {
      validator: (req) => {
        book.assertVoting('bỏ phiếu');
        if (singleVotes >= MAX_SINGLE_VOTES) {
          throw new Error(
            `Hội đồng đã ghi ${singleVotes} phiếu biểu quyết từng hồ sơ, tối đa ${MAX_SINGLE_VOTES} trong một lần xét; ` +
              'hãy gửi các phiếu còn lại bằng phiếu tổng hợp (nhiều hồ sơ một lần gửi): biểu mẫu phiếu tổng hợp ' +
              'trên trang khen thưởng, hoặc lệnh thidua awards vote-sheet.',
          );
        }
        const refusal = voteRefusal(context(), req);
        if (refusal) throw new Error(refusal);
        if (req.recordedBy !== undefined) book.assertPerson('người ghi nhận phiếu', req.recordedBy);
      },
    },
  );

  setHandler(
    castVoteSheet,
    (req) => {
      const at = book.iso();
      for (const line of req.votes) book.votes.push(recorded(req.member, line, req.recordedBy, at));
      sheets.sheets++;
      sheets.bytes += sheetHistoryBytes(sheetBytes(req), book.claimCheckBytes());
      book.touch();
      const i = book.council.findIndex((m) => m.account === req.member);
      const progress = memberProgress([book.council[i]], book.nominations(), book.votes)[0];
      const answer = {
        campaignId: book.campaignId,
        state: book.state(),
        member: { account: req.member, name: book.council[i].name, voted: progress.voted, toVote: progress.toVote },
      };
      // The count, not the ids: the answer stays in the history inline, and a sheet of 5,000 lines'
      // ids were ~85 KB each (issue 17).
      return patched('awards-sheet-answers-count')
        ? { ...answer, lines: req.votes.length }
        : { ...answer, nominations: req.votes.map((l) => l.nominationId) };
    },
    {
      validator: (req) => {
        book.assertVoting('bỏ phiếu');
        if (req.recordedBy !== undefined) book.assertPerson('người ghi nhận phiếu', req.recordedBy);
        const refusal = sheetRefusal(context(), req, sheets, book.claimCheckBytes());
        if (refusal) throw new Error(refusal);
      },
    },
  );
}
