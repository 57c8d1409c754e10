/**
 * Properties of the council's thresholds, the share caps and the rule periods, each checked against
 * an independent integer oracle over many random cases (fast-check).
 */
import fc from 'fast-check';
import { loadAwardCatalogue, ruleInForce, shareCapReached, voteOutcome } from '../../../domain/award-catalogue';
import type { VoteRule } from '../../../domain/award-types';

const catalogue = loadAwardCatalogue();
const voteOf = (code: string): VoteRule => catalogue.forms.find((f) => f.code === code)!.rules[0].vote;
const BALLOT_90 = voteOf('cstd-bo-tinh');
const MAJORITY = voteOf('bang-khen-tinh');

/** A tally over a council of `members`, `recused` of them recused from this nomination. */
const tallyArb = fc
  .record({
    members: fc.integer({ min: 1, max: 40 }),
    recusedShare: fc.nat(3),
    split: fc.array(fc.nat(3), { maxLength: 40 }),
  })
  .map(({ members, recusedShare, split }) => {
    const eligible = Math.max(1, members - Math.min(recusedShare, members - 1));
    const t = { approve: 0, reject: 0, abstain: 0, notVoted: 0, eligible, members };
    for (let i = 0; i < eligible; i++) {
      const k = split[i] ?? 3;
      if (k === 0) t.approve++;
      else if (k === 1) t.reject++;
      else if (k === 2) t.abstain++;
      else t.notVoted++;
    }
    return t;
  });

const ruleArb: fc.Arbitrary<VoteRule> = fc.record({
  quorum: fc.constantFrom(0, 0.5, 2 / 3, 0.6667, 0.75, 1),
  threshold: fc.constantFrom(0.5, 0.6, 2 / 3, 0.9, 1),
  of: fc.constantFrom('all-members' as const, 'voting-members' as const),
  ballot: fc.constantFrom('secret' as const, 'open' as const),
  strict: fc.boolean(),
});

describe('voteOutcome', () => {
  test('monotone: one more approval (from a reject, an abstention or a missing vote) never undoes an approval', () => {
    fc.assert(
      fc.property(
        ruleArb,
        tallyArb,
        fc.constantFrom('reject', 'abstain', 'notVoted') as fc.Arbitrary<'reject' | 'abstain' | 'notVoted'>,
        (rule, t, from) => {
          fc.pre(t[from] > 0);
          const before = voteOutcome(rule, t);
          const after = voteOutcome(rule, { ...t, [from]: t[from] - 1, approve: t.approve + 1 });
          if (before === 'approved') expect(after).toBe('approved');
          if (from === 'notVoted' && before !== 'no-quorum') expect(after).not.toBe('no-quorum');
        },
      ),
      { numRuns: 3000 },
    );
  });

  test('quorum respected: decided exactly when at least one and the quorum share of the eligible voted', () => {
    fc.assert(
      fc.property(ruleArb, tallyArb, (rule, t) => {
        const voted = t.approve + t.reject + t.abstain;
        // Oracle in integers: quorum written to 4 decimals means the fraction it rounds.
        const q = Math.round(rule.quorum * 10000);
        const decided = voted > 0 && voted * 10000 >= q * t.eligible - t.eligible / 2;
        expect(voteOutcome(rule, t) !== 'no-quorum').toBe(decided);
      }),
      { numRuns: 3000 },
    );
  });

  test('the 90% ballot of all members against an integer oracle (10 × approvals ≥ 9 × eligible)', () => {
    fc.assert(
      fc.property(tallyArb, (t) => {
        const voted = t.approve + t.reject + t.abstain;
        const outcome = voteOutcome(BALLOT_90, t);
        if (outcome === 'no-quorum') return;
        expect(outcome === 'approved').toBe(10 * t.approve >= 9 * t.eligible);
        expect(voted).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  test('the simple majority against an integer oracle (2 × approvals > those voting)', () => {
    fc.assert(
      fc.property(tallyArb, (t) => {
        const voted = t.approve + t.reject + t.abstain;
        const outcome = voteOutcome(MAJORITY, t);
        if (outcome === 'no-quorum') return;
        expect(outcome === 'approved').toBe(2 * t.approve > voted);
      }),
      { numRuns: 3000 },
    );
  });

  const full = (eligible: number, approve: number) => ({
    approve,
    reject: eligible - approve,
    abstain: 0,
    notVoted: 0,
    eligible,
    members: eligible,
  });

  test.each([
    // 90% of 7 is 6.3: six approvals are not enough, all seven are needed.
    [7, 7, 'approved'],
    [7, 6, 'rejected'],
    [10, 9, 'approved'],
    [10, 8, 'rejected'],
    [20, 18, 'approved'],
    [20, 17, 'rejected'],
  ])('90%% of %i members: %i approvals → %s', (eligible, approve, outcome) => {
    expect(voteOutcome(BALLOT_90, full(eligible, approve))).toBe(outcome);
  });

  test('90% counts the members who may vote: one recused of 8 leaves 7, who must all approve', () => {
    const t = { approve: 7, reject: 0, abstain: 0, notVoted: 0, eligible: 7, members: 8 };
    expect(voteOutcome(BALLOT_90, t)).toBe('approved');
    expect(voteOutcome(BALLOT_90, { ...t, approve: 6, notVoted: 1 })).toBe('rejected');
  });

  test('a missing vote counts against the 90% rule (it is a share of all members, not of those voting)', () => {
    expect(voteOutcome(BALLOT_90, { approve: 6, reject: 0, abstain: 0, notVoted: 1, eligible: 7, members: 7 })).toBe(
      'rejected',
    );
  });

  test('majority boundaries: half is not more than half; quorum of 2/3 of 6 is 4', () => {
    expect(voteOutcome(MAJORITY, { approve: 3, reject: 3, abstain: 0, notVoted: 0, eligible: 6, members: 6 })).toBe(
      'rejected',
    );
    expect(voteOutcome(MAJORITY, { approve: 4, reject: 2, abstain: 0, notVoted: 0, eligible: 6, members: 6 })).toBe(
      'approved',
    );
    expect(voteOutcome(MAJORITY, { approve: 3, reject: 1, abstain: 0, notVoted: 2, eligible: 6, members: 6 })).toBe(
      'approved',
    );
    expect(voteOutcome(MAJORITY, { approve: 3, reject: 0, abstain: 0, notVoted: 3, eligible: 6, members: 6 })).toBe(
      'no-quorum',
    );
    expect(voteOutcome(MAJORITY, { approve: 0, reject: 0, abstain: 0, notVoted: 6, eligible: 6, members: 6 })).toBe(
      'no-quorum',
    );
  });

  test('refuses an impossible tally', () => {
    expect(() =>
      voteOutcome(MAJORITY, { approve: 5, reject: 3, abstain: 0, notVoted: 0, eligible: 6, members: 6 }),
    ).toThrow(/nhiều hơn số thành viên/);
    expect(() =>
      voteOutcome(MAJORITY, { approve: -1, reject: 0, abstain: 0, notVoted: 0, eligible: 6, members: 6 }),
    ).toThrow(/không hợp lệ/);
  });
});

describe('shareCapReached ("at most p %", rounded down)', () => {
  /** Percent with one decimal, as tenths: the oracle stays in integers. */
  const capOracle = (tenths: number, total: number): number => Math.floor((tenths * total) / 1000);

  test('the cap never exceeds p % of the total and is the largest count that does not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.nat(6000),
        (tenths, total, approved) => {
          const percent = tenths / 10;
          const cap = capOracle(tenths, total);
          expect(shareCapReached(percent, total, approved)).toBe(approved >= cap);
          // Reaching the cap means one more would go over p %.
          if (shareCapReached(percent, total, approved) && approved === cap)
            expect((approved + 1) * 1000).toBeGreaterThan(tenths * total);
        },
      ),
      { numRuns: 5000 },
    );
  });

  test('monotone: once reached, more approvals keep it reached; a larger base never lowers the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.nat(2000),
        fc.nat(500),
        fc.nat(50),
        (percent, total, approved, more) => {
          if (shareCapReached(percent, total, approved))
            expect(shareCapReached(percent, total, approved + more)).toBe(true);
          if (shareCapReached(percent, total + more, approved))
            expect(shareCapReached(percent, total, approved)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  test.each([
    [15, 40, 5, false],
    [15, 40, 6, true],
    [15, 20, 2, false],
    [15, 20, 3, true],
    [15, 6, 0, true],
    [15, 7, 0, false],
  ])('%i%% of %i with %i approved → reached %s', (percent, total, approved, reached) => {
    expect(shareCapReached(percent, total, approved)).toBe(reached);
  });
});

describe('ruleInForce across the periods', () => {
  const day = fc
    .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  test('from 01/01/2024 on, every form has exactly one rule in force on any day', () => {
    fc.assert(
      fc.property(fc.constantFrom(...catalogue.forms), day, (form, d) => {
        const holding = form.rules.filter((r) => r.from <= d && (r.until === undefined || d < r.until));
        expect(holding).toHaveLength(1);
        expect(ruleInForce(form, d)).toBe(holding[0]);
      }),
      { numRuns: 2000 },
    );
  });

  test.each([
    ['2025-06-30', '2024-01-01'],
    ['2025-07-01', '2025-07-01'],
    ['2026-09-30', '2025-07-01'],
    ['2026-10-01', '2026-10-01'],
  ])('received %s → the rule from %s, for every form', (received, from) => {
    for (const form of catalogue.forms)
      expect([form.code, ruleInForce(form, received)?.from]).toEqual([form.code, from]);
  });
});
