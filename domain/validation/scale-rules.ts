/**
 * The awards phase's size against what the council's vote carries (issue 17, `domain/scale-limits.ts`).
 * The nominations are known only when gathered; the file gives their upper bound: the units times
 * the largest nominations quota of the deadline phases. Over the maximum it is a warning (units
 * seldom fill their quota); the gathering refuses for good what is really over it.
 */
import { MAX_AWARD_NOMINATIONS, MAX_AWARD_VOTES } from '../scale-limits';
import type { PathSegment } from '../yaml-source';
import type { Report } from './problems';
import { asArr, asNum, isObj, valueAt, type Obj } from './raw-data';

export function checkAwardsSize(report: Report, data: unknown, council: Obj, path: PathSegment[], units: number): void {
  const quotas = asArr(valueAt(data, ['phases'])).map((p) =>
    isObj(p) ? (asNum(valueAt(p, ['due', 'nominations', 'quota', 'total'])) ?? 0) : 0,
  );
  const nominations = units * Math.max(0, ...quotas);
  const members = asArr(council.members).length;
  if (nominations <= MAX_AWARD_NOMINATIONS && nominations * members <= MAX_AWARD_VOTES) return;
  report.add('warning', path, 'awardsMayBeTooLarge', {
    units,
    nominations,
    members,
    votes: nominations * members,
    maxNominations: MAX_AWARD_NOMINATIONS,
    maxVotes: MAX_AWARD_VOTES,
  });
}

interface Sizes {
  units: number;
  nominations: number;
  members: number;
  votes: number;
  maxNominations: number;
  maxVotes: number;
}

export const scaleEn = {
  awardsMayBeTooLarge: (p: Sizes) =>
    `${p.units} units may send up to ${p.nominations} nominations (their quota), ${p.votes} votes for ${p.members} council members; one council vote carries at most ${p.maxNominations} nominations and ${p.maxVotes} votes, more is refused when the nominations are gathered — split the awards into sub-campaigns by block of units, or lower the quota`,
};

export const scaleVi: typeof scaleEn = {
  awardsMayBeTooLarge: (p) =>
    `${p.units} đơn vị có thể gửi tới ${p.nominations} hồ sơ đề nghị khen thưởng (theo chỉ tiêu), ${p.votes} phiếu cho ${p.members} thành viên Hội đồng; một lần xét của Hội đồng hỗ trợ tối đa ${p.maxNominations} hồ sơ và ${p.maxVotes} phiếu, vượt quá sẽ bị từ chối khi tập hợp hồ sơ — hãy chia việc xét khen thưởng thành các đợt con theo khối đơn vị, hoặc giảm chỉ tiêu`,
};
