/**
 * Many units' nominations for the awards tests at scale (issue 17): one collective nomination per
 * unit, worded as a real dossier is, in vote for the province's certificate of merit.
 */
import type { AwardNominationView } from '../../domain/award-types';

export const scaleUnitId = (i: number): string => `don-vi-${String(i + 1).padStart(5, '0')}`;

export const scaleNominations = (n: number): AwardNominationView[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${scaleUnitId(i)}/1`,
    unitId: scaleUnitId(i),
    unitName: `Ủy ban nhân dân xã Tam Dương số ${i + 1}`,
    type: 'collective' as const,
    name: `Ủy ban nhân dân xã Tam Dương số ${i + 1}`,
    proposedForm: 'Bằng khen của Chủ tịch UBND tỉnh',
    reasons: 'Hoàn thành xuất sắc nhiệm vụ năm 2025, dẫn đầu phong trào thi đua xây dựng nông thôn mới nâng cao',
    receivedAt: '2026-10-15T03:00:00.000Z',
    check: { formCode: 'bang-khen-tinh', ruleFrom: '2023-01-01', route: 'council' as const, unmet: [], judged: [] },
    state: 'in-vote' as const,
    recused: [],
  }));
