/** STUB award-rules: naive stand-ins of the catalogue's functions, replaced at merge. */
// eslint-disable-next-line no-restricted-imports
import fs from 'node:fs';
// eslint-disable-next-line no-restricted-imports
import path from 'node:path';
import { parse } from 'yaml';
import {
  AUTHORITY_LEVELS,
  type AuthorityLevel,
  type AwardCatalogue,
  type AwardForm,
  type AwardRule,
  type NominationCheck,
  type VoteRule,
} from './award-types';
import type { NomineeType } from './workflow-types';

export function parseAwardCatalogue(text: string): AwardCatalogue {
  return parse(text) as AwardCatalogue;
}

export function loadAwardCatalogue(file?: string): AwardCatalogue {
  const root = path.resolve(__dirname, '..');
  const real = path.join(root, 'config', 'award-forms.yaml');
  const chosen = file ?? (fs.existsSync(real) ? real : path.join(root, 'test', 'fixtures', 'award-forms-stub.yaml'));
  return parseAwardCatalogue(fs.readFileSync(chosen, 'utf8'));
}

export function ruleInForce(form: AwardForm, receivedOn: string): AwardRule | undefined {
  const day = receivedOn.slice(0, 10);
  return form.rules.find((r) => r.from <= day && (!r.until || day < r.until));
}

const norm = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

export function matchForm(catalogue: AwardCatalogue, wording: string): AwardForm | undefined {
  const w = norm(wording);
  return catalogue.forms.find((f) => f.code === w || norm(f.name) === w);
}

export function checkNomination(
  catalogue: AwardCatalogue,
  nomination: {
    type: NomineeType;
    proposedForm: string;
    receivedAt: string;
    priorTitles?: Array<{ form: string; year: number }>;
  },
  authority: AuthorityLevel,
  _campaign: { collectives: number; individuals: number; alreadyApproved: Record<string, number> },
): NominationCheck {
  const form = matchForm(catalogue, nomination.proposedForm);
  if (!form) return { route: 'unknown-form', unmet: [], judged: [] };
  const rule = ruleInForce(form, nomination.receivedAt);
  if (!rule) return { formCode: form.code, route: 'unknown-form', unmet: [], judged: [] };
  const higher = AUTHORITY_LEVELS.indexOf(rule.conferredBy) > AUTHORITY_LEVELS.indexOf(authority);
  return {
    formCode: form.code,
    ruleFrom: rule.from,
    route: higher ? 'higher-level' : 'council',
    unmet: form.nominee === nomination.type ? [] : ['loại đối tượng không đúng'],
    judged: rule.criteria.filter((c) => c.kind === 'judged').map((c) => c.text),
  };
}

export function voteOutcome(
  rule: VoteRule,
  tally: { approve: number; reject: number; abstain: number; notVoted: number; eligible: number; members: number },
): 'approved' | 'rejected' | 'no-quorum' {
  const voting = tally.approve + tally.reject + tally.abstain;
  if (tally.eligible === 0 || voting / tally.eligible < rule.quorum) return 'no-quorum';
  const base = rule.of === 'all-members' ? tally.members : voting;
  return base > 0 && tally.approve / base >= rule.threshold ? 'approved' : 'rejected';
}

export function shareCapReached(percent: number, base: number, approved: number): boolean {
  return approved >= Math.floor((base * percent) / 100);
}
