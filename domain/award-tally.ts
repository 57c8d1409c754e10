/**
 * The tally of the council's vote (run by an activity: the catalogue's `voteOutcome` lives beside its
 * file reading). Each nomination in vote: the counts among eligible members (the last vote of each),
 * the form most approvals name (the proposed one by default) and that form's rule in force on the day
 * the dossier was received; then the share caps, in nomination order.
 */
import { ruleInForce, shareCap, voteOutcome } from './award-catalogue';
import type { AwardCatalogue, AwardNominationView, CouncilMember, ShareCapHit, Vote } from './award-types';
import { inVote, latestVotes } from './award-vote';

export function tallyNominations(
  nominations: AwardNominationView[],
  votes: Vote[],
  council: CouncilMember[],
  catalogue: AwardCatalogue,
  base: { collectives: number; individuals: number },
): AwardNominationView[] {
  // Grouped by nomination once: a search of every vote per nomination was 10,000 × 90,000 (issue 17).
  const byNomination = new Map<string, Vote[]>();
  for (const v of latestVotes(votes)) {
    const list = byNomination.get(v.nominationId);
    if (list) list.push(v);
    else byNomination.set(v.nominationId, [v]);
  }
  const approvedPerForm = new Map<string, number>();
  return nominations.map((n) => {
    if (!inVote(n)) return n;
    const eligible = council.filter((m) => !n.recused.includes(m.account));
    const mine = (byNomination.get(n.id) ?? []).filter((v) => eligible.some((m) => m.account === v.member));
    const count = (c: string) => mine.filter((v) => v.choice === c).length;
    const tally = {
      approve: count('approve'),
      reject: count('reject'),
      abstain: count('abstain'),
      notVoted: eligible.length - mine.length,
      eligible: eligible.length,
    };
    const named = new Map<string, number>();
    for (const v of mine) {
      if (v.choice !== 'approve') continue;
      const code = v.formCode ?? n.check.formCode!;
      named.set(code, (named.get(code) ?? 0) + 1);
    }
    const formCode =
      [...named.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? n.check.formCode!;
    const form = catalogue.forms.find((f) => f.code === formCode);
    const rule = form && ruleInForce(form, n.receivedAt);
    let state: AwardNominationView['state'] = rule
      ? voteOutcome(rule.vote, { ...tally, members: council.length })
      : 'rejected';
    let capped: ShareCapHit | undefined;
    if (state === 'approved' && rule) {
      for (const c of rule.criteria) {
        if (c.kind !== 'share-cap') continue;
        const of = c.of === 'collective' ? base.collectives : base.individuals;
        const cap = shareCap(c.percent, of);
        if ((approvedPerForm.get(formCode) ?? 0) >= cap) {
          state = 'rejected';
          capped = { percent: c.percent, of: c.of, base: of, cap };
        }
      }
    }
    if (state === 'approved') approvedPerForm.set(formCode, (approvedPerForm.get(formCode) ?? 0) + 1);
    return {
      ...n,
      tally,
      state,
      ...(state === 'approved' ? { awardedForm: formCode } : {}),
      ...(capped ? { capped } : {}),
    };
  });
}
