/**
 * The vote's pure rules: a vote for a form not in the catalogue, not in force on the day the dossier
 * was received, for the other kind of nominee or above the campaign's authority is refused with the
 * reason in Vietnamese; the tally counts the last vote of each eligible member and applies a form's
 * share cap in nomination order.
 */
import fc from 'fast-check';
import { voteOutcome } from '../../../domain/award-catalogue';
import { tallyNominations } from '../../../domain/award-tally';
import type { AwardCatalogue, AwardNominationView, CouncilMember, Vote } from '../../../domain/award-types';
import { missingVoters, unitResultOf, voteRefusal } from '../../../domain/award-vote';
import { resultWords } from '../../../documents/award-docs-parts';
import { resultText } from '../../../portal/award-results';

const vote = { quorum: 0.5, threshold: 0.5, of: 'voting-members' as const, ballot: 'open' as const };
const catalogue: AwardCatalogue = {
  forms: [
    {
      code: 'giay-khen',
      name: 'Giấy khen',
      category: 'commendation',
      nominee: 'collective',
      rules: [
        { from: '2024-01-01', until: '2026-10-01', conferredBy: 'unit-head', criteria: [], vote, basis: [] },
        {
          from: '2026-10-01',
          conferredBy: 'unit-head',
          criteria: [{ kind: 'share-cap', percent: 50, of: 'collective', text: 'Không quá 50% tập thể' }],
          vote,
          basis: [],
        },
      ],
    },
    {
      code: 'moi-2027',
      name: 'Hình thức mới',
      category: 'commendation',
      nominee: 'collective',
      rules: [{ from: '2027-01-01', conferredBy: 'unit-head', criteria: [], vote, basis: [] }],
    },
    {
      code: 'bk-ttg',
      name: 'Bằng khen của Thủ tướng Chính phủ',
      category: 'commendation',
      nominee: 'collective',
      rules: [{ from: '2024-01-01', conferredBy: 'prime-minister', criteria: [], vote, basis: [] }],
    },
  ],
};
const council: CouncilMember[] = [
  { account: 'a', name: 'A', email: 'a@x.vn', chair: true },
  { account: 'b', name: 'B', email: 'b@x.vn', unitId: 'u1' },
];
const nom = (id: string): AwardNominationView => ({
  id,
  unitId: id.split('/')[0],
  unitName: `Đơn vị ${id.split('/')[0]}`,
  type: 'collective',
  name: `Tập thể ${id}`,
  proposedForm: 'Giấy khen',
  reasons: '…',
  receivedAt: '2026-11-02T03:00:00.000Z',
  check: { formCode: 'giay-khen', route: 'council', unmet: [], judged: [] },
  state: 'in-vote',
  recused: council.filter((m) => m.unitId === id.split('/')[0]).map((m) => m.account),
});
const ctx = {
  council,
  catalogue,
  authority: 'ministry-province' as const,
  nominations: [nom('u1/1'), nom('u2/1'), nom('u3/1')],
};

test('votes for forms the catalogue does not allow on that day, or above the authority, are refused', () => {
  const refuse = (formCode: string) =>
    voteRefusal(ctx, { member: 'a', nominationId: 'u2/1', choice: 'approve', formCode });
  expect(refuse('moi-2027')).toBe(
    'Hình thức "Hình thức mới" không có quy định còn hiệu lực vào ngày nhận hồ sơ 02/11/2026.',
  );
  expect(refuse('bk-ttg')).toMatch(
    /do Thủ tướng Chính phủ quyết định, vượt thẩm quyền Bộ trưởng, Chủ tịch UBND cấp tỉnh/,
  );
  expect(refuse('giay-khen')).toBeUndefined();
  expect(voteRefusal(ctx, { member: 'b', nominationId: 'u1/1', choice: 'reject' })).toMatch(
    /^B thuộc đơn vị Đơn vị u1/,
  );
  expect(voteRefusal(ctx, { member: 'a', nominationId: 'u1/1', choice: 'maybe' as never })).toMatch(
    /approve \(đồng ý\)/,
  );
});

test('the last vote of each eligible member counts; the share cap rejects approvals beyond it in order', () => {
  const v = (member: string, nominationId: string, choice: Vote['choice']): Vote => ({
    member,
    nominationId,
    choice,
    at: '2026-11-03T00:00:00.000Z',
  });
  const votes = [
    v('a', 'u1/1', 'approve'),
    v('a', 'u2/1', 'reject'),
    v('a', 'u2/1', 'approve'), // changed before the close
    v('b', 'u2/1', 'approve'),
    v('a', 'u3/1', 'approve'),
    v('b', 'u3/1', 'approve'),
  ];
  // Three units in the campaign: 50% allows one Giấy khen.
  const out = tallyNominations(ctx.nominations, votes, council, catalogue, { collectives: 3, individuals: 0 });
  expect(out.map((n) => [n.id, n.state, n.tally?.approve, n.tally?.eligible])).toEqual([
    ['u1/1', 'approved', 1, 1],
    ['u2/1', 'rejected', 2, 2],
    ['u3/1', 'rejected', 2, 2],
  ]);
  // The two the council approved beyond the cap say why, wherever the result is read.
  const hit = { percent: 50, of: 'collective', base: 3, cap: 1 };
  expect(out.map((n) => n.capped)).toEqual([undefined, hit, hit]);
  expect(unitResultOf(out[1])).toMatchObject({ state: 'rejected', capped: hit });
  expect(resultWords(out[1])).toBe('Không đạt (100%) — vượt tỷ lệ 50% của 3 tập thể, tối đa 1');
  expect(resultText(unitResultOf(out[2]))).toBe('Không được đề nghị (vượt tỷ lệ 50% của 3 tập thể, tối đa 1)');
  expect(resultWords(out[0])).toBe('Đạt (100%)');
  expect(missingVoters(council, ctx.nominations, votes.slice(0, 1)).map((m) => m.account)).toEqual(['a', 'b']);
  expect(missingVoters(council, ctx.nominations, votes).map((m) => m.account)).toEqual([]);
});

test('property: the counts add up to the eligible members, recused members never count, the rule decides on those counts', () => {
  const members = ['a', 'b', 'c', 'd', 'e'];
  const choice = fc.constantFrom<Vote['choice']>('approve', 'reject', 'abstain');
  fc.assert(
    fc.property(
      fc.array(fc.record({ member: fc.constantFrom(...members), choice }), { maxLength: 20 }),
      fc.subarray(members),
      (cast, fromUnit) => {
        const c: CouncilMember[] = members.map((m, i) => ({
          account: m,
          name: m.toUpperCase(),
          email: `${m}@x.vn`,
          ...(i === 0 ? { chair: true } : {}),
          ...(fromUnit.includes(m) ? { unitId: 'u9' } : {}),
        }));
        const n = { ...nom('u9/1'), recused: fromUnit };
        const votes = cast.map((x) => ({ ...x, nominationId: 'u9/1', at: '2026-11-03T00:00:00.000Z' }));
        const [out] = tallyNominations([n], votes, c, catalogue, { collectives: 100, individuals: 0 });
        const t = out.tally!;
        expect(t.eligible).toBe(members.length - fromUnit.length);
        expect(t.approve + t.reject + t.abstain + t.notVoted).toBe(t.eligible);
        // The last vote of each eligible member, and only theirs.
        const last = new Map(cast.filter((x) => !fromUnit.includes(x.member)).map((x) => [x.member, x.choice]));
        expect(t.approve).toBe([...last.values()].filter((x) => x === 'approve').length);
        // The outcome is the catalogue's rule applied to these counts (the rule itself is tested with the catalogue).
        expect(out.state).toBe(voteOutcome(vote, { ...t, members: members.length }));
      },
    ),
  );
});
