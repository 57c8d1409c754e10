/**
 * The awards phase as the dashboard and the portal see it (issue 14), in memory, keeping the use
 * cases' contract (`app/awards.ts`): roles checked, a member sees only their own votes until the vote
 * closes, a recused member's vote or a vote after the close refused in the workflow's words, a
 * decision number used once. Every change is recorded in `calls`.
 */
import type { AwardsViewPart } from '../../app/awards';
import { isNarrowed, narrowView } from '../../domain/award-view';
import type { YearAwardStatistics } from '../../app/award-statistics';
import { actorLabel, type StaffActor } from '../../app/roles';
import { AppError } from '../../app/temporal-errors';
import type {
  AwardCatalogue,
  AwardNominationView,
  AwardsStatusView,
  CastVoteInput,
  CouncilMember,
  Vote,
  VoteSheetLine,
  VoteSheetResult,
} from '../../domain/award-types';
import type { StaffRole } from '../../domain/synthesis-types';
import { DEFAULT_CLAIM_CHECK_THRESHOLD } from '../../domain/scale-limits';
import type { AwardFileKind, AwardsBackend, UnitAwardResult } from '../../portal/dashboard/awards-backend';

const rule = (
  conferredBy: 'unit-head' | 'ministry-province' | 'prime-minister',
  from = '2025-07-01',
  until?: string,
) => ({
  from,
  until,
  conferredBy,
  criteria: [],
  vote: { quorum: 2 / 3, threshold: 0.5, of: 'all-members' as const, ballot: 'secret' as const },
  basis: [{ document: 'Nghị định 152/2025/NĐ-CP', from: '2025-07-01', confirmed: true }],
});

export const FAKE_CATALOGUE: AwardCatalogue = {
  forms: [
    {
      code: 'lao-dong-tien-tien',
      name: 'Lao động tiên tiến',
      category: 'emulation-title',
      nominee: 'individual',
      rules: [rule('unit-head')],
    },
    {
      code: 'cstdcs',
      name: 'Chiến sĩ thi đua cơ sở',
      category: 'emulation-title',
      nominee: 'individual',
      rules: [rule('unit-head')],
    },
    {
      code: 'bang-khen-tinh-cn',
      name: 'Bằng khen của Chủ tịch UBND tỉnh (cá nhân)',
      category: 'commendation',
      nominee: 'individual',
      rules: [rule('ministry-province')],
    },
    {
      code: 'cstd-toan-quoc',
      name: 'Chiến sĩ thi đua toàn quốc',
      category: 'emulation-title',
      nominee: 'individual',
      rules: [rule('prime-minister')],
    },
    {
      code: 'giay-khen',
      name: 'Giấy khen',
      category: 'commendation',
      nominee: 'collective',
      rules: [rule('unit-head')],
    },
    {
      code: 'bang-khen-tinh-tt',
      name: 'Bằng khen của Chủ tịch UBND tỉnh (tập thể)',
      category: 'commendation',
      nominee: 'collective',
      rules: [rule('ministry-province')],
    },
    // Replaced before the dossiers were received: never offered.
    {
      code: 'tap-the-cu',
      name: 'Danh hiệu đã bãi bỏ',
      category: 'emulation-title',
      nominee: 'collective',
      rules: [rule('unit-head', '2020-01-01', '2025-07-01')],
    },
  ],
};

export const COUNCIL: CouncilMember[] = [
  { account: 'tv-chu-tich', name: 'Lê Văn Chủ', email: 'chu@example.vn', chair: true },
  { account: 'tv-y-te', name: 'Phạm Thị Y', email: 'y@example.vn', unitId: 'so-y-te' },
  { account: 'tv-vang', name: 'Hoàng Văn Vắng', email: 'vang@example.vn' },
];

const nominations = (): AwardNominationView[] => [
  {
    id: 'so-noi-vu/0',
    unitId: 'so-noi-vu',
    unitName: 'Sở Nội vụ',
    type: 'individual',
    name: 'Nguyễn Văn An',
    position: 'Trưởng phòng',
    proposedForm: 'Chiến sĩ thi đua cơ sở',
    reasons: 'Hoàn thành xuất sắc nhiệm vụ; sáng kiến số hóa hồ sơ',
    receivedAt: '2026-10-20T03:00:00.000Z',
    check: {
      formCode: 'cstdcs',
      ruleFrom: '2025-07-01',
      route: 'council',
      unmet: ['chưa đủ 2 năm liên tục Lao động tiên tiến'],
      judged: ['Có sáng kiến được cơ sở công nhận'],
    },
    state: 'in-vote',
    recused: [],
  },
  {
    id: 'so-y-te/0',
    unitId: 'so-y-te',
    unitName: 'Sở Y tế',
    type: 'collective',
    name: 'Phòng Nghiệp vụ Y',
    proposedForm: 'Bằng khen của UBND tỉnh',
    reasons: 'Dẫn đầu phong trào thi đua',
    receivedAt: '2026-10-21T03:00:00.000Z',
    check: { formCode: 'bang-khen-tinh-tt', ruleFrom: '2025-07-01', route: 'council', unmet: [], judged: [] },
    state: 'in-vote',
    recused: ['tv-y-te'],
  },
  {
    id: 'so-tu-phap/0',
    unitId: 'so-tu-phap',
    unitName: 'Sở Tư pháp',
    type: 'individual',
    name: 'Trần Thị Bình',
    proposedForm: 'Chiến sĩ thi đua toàn quốc',
    reasons: 'Ba lần Chiến sĩ thi đua cấp tỉnh',
    receivedAt: '2026-10-22T03:00:00.000Z',
    check: { formCode: 'cstd-toan-quoc', ruleFrom: '2025-07-01', route: 'higher-level', unmet: [], judged: [] },
    state: 'higher-level',
    recused: [],
  },
];

const ref = (name: string) => ({ sha256: name.padEnd(64, '0').slice(0, 64), name, size: 10, contentType: 'x' });

export class FakeAwards implements AwardsBackend {
  /** The portal's setting (`THIDUA_CLAIM_CHECK_BYTES`); a test sets another to see the form's bounds change. */
  claimCheckBytes = DEFAULT_CLAIM_CHECK_THRESHOLD;
  view: AwardsStatusView = {
    campaignId: '',
    state: 'voting',
    authority: 'ministry-province',
    members: [],
    nominations: nominations(),
    deadline: '2026-12-04T10:00:00.000Z',
    deadlineLocal: '04/12/2026 17:00', // as the workflow writes it (a schedule's `local`)
    proposal: ref('to-trinh.docx'),
    remindersSent: 2,
    escalationsSent: 1,
  };
  /** Every vote, whoever cast it (the views give members only their own until the close). */
  readonly votes: Vote[] = [];
  readonly calls: Array<{ action: string; by: string; input?: unknown }> = [];
  readonly usedNumbers = new Set<string>(['01/QĐ-UBND']);
  workerDown = false;
  /** What `yearStatistics` answers per year (a test sets it; an unset year has nothing decided). */
  readonly years = new Map<number, YearAwardStatistics>();
  readonly yearsAsked: number[] = [];

  constructor(readonly campaignId: string) {
    this.view.campaignId = campaignId;
  }

  private need(actor: StaffActor, role: StaffRole): void {
    if (!actor.roles.includes(role)) throw new AppError('forbidden', { role, login: actor.login });
  }

  private found(campaignId: string): void {
    if (this.workerDown) throw new AppError('timed-out', { seconds: 10, taskQueue: 'thidua' });
    if (campaignId !== this.campaignId) throw new AppError('not-found', { campaignId });
  }

  async status(campaignId: string, actor?: StaffActor, part?: AwardsViewPart): Promise<AwardsStatusView> {
    this.found(campaignId);
    const members = COUNCIL.map(({ email: _email, ...m }) => {
      const eligible = this.view.nominations.filter(
        (n) => n.state === 'in-vote' && !n.recused.includes(m.account),
      ).length;
      const voted = new Set(this.votes.filter((v) => v.member === m.account).map((v) => v.nominationId)).size;
      return { ...m, voted, toVote: eligible };
    });
    const open = this.view.state === 'voting';
    const votes = open ? this.votes.filter((v) => v.member === actor?.login) : this.votes;
    const whole = structuredClone({ ...this.view, members, votes });
    // As the workflow answers a narrowed query (issue 17): the page, and the counts of all.
    return isNarrowed(part)
      ? narrowView(whole, { ...part, ...(actor ? { member: actor.login } : {}) }, this.votes)
      : whole;
  }

  async catalogue(): Promise<AwardCatalogue> {
    return FAKE_CATALOGUE;
  }

  private record(vote: Omit<CastVoteInput, 'recordedBy'>, recordedBy?: string): void {
    const n = this.view.nominations.find((x) => x.id === vote.nominationId);
    if (this.view.state !== 'voting')
      throw new AppError('refused', { refusal: 'Biểu quyết đã kết thúc; không nhận phiếu nữa.' });
    if (!n) throw new AppError('refused', { refusal: `Không có đề nghị "${vote.nominationId}".` });
    if (n.recused.includes(vote.member)) {
      throw new AppError('refused', {
        refusal: `Thành viên "${vote.member}" cùng đơn vị ${n.unitName}: không tham gia biểu quyết đề nghị này.`,
      });
    }
    const at = new Date().toISOString();
    const kept = this.votes.filter((v) => !(v.member === vote.member && v.nominationId === vote.nominationId));
    this.votes.splice(0, this.votes.length, ...kept, { ...vote, recordedBy, at });
  }

  async castVote(campaignId: string, actor: StaffActor, vote: Omit<CastVoteInput, 'member' | 'recordedBy'>) {
    this.found(campaignId);
    this.need(actor, 'council');
    this.record({ ...vote, member: actor.login });
    this.calls.push({ action: 'vote', by: actor.login, input: vote });
    return this.status(campaignId, actor);
  }

  async recordWrittenVote(campaignId: string, actor: StaffActor, vote: Omit<CastVoteInput, 'recordedBy'>) {
    this.found(campaignId);
    this.need(actor, 'clerk');
    this.record(vote, actorLabel(actor));
    this.calls.push({ action: 'written-vote', by: actor.login, input: vote });
    return this.status(campaignId, actor);
  }

  /** A sheet: every line checked first (the workflow refuses the whole sheet), then all recorded. */
  async castVoteSheet(campaignId: string, actor: StaffActor, votes: VoteSheetLine[]) {
    return this.sheet(campaignId, actor, 'council', actor.login, votes);
  }

  async recordWrittenSheet(campaignId: string, actor: StaffActor, member: string, votes: VoteSheetLine[]) {
    return this.sheet(campaignId, actor, 'clerk', member, votes, actorLabel(actor));
  }

  private sheet(
    campaignId: string,
    actor: StaffActor,
    role: StaffRole,
    member: string,
    votes: VoteSheetLine[],
    recordedBy?: string,
  ): VoteSheetResult {
    this.found(campaignId);
    this.need(actor, role);
    const before = [...this.votes];
    try {
      for (const line of votes) this.record({ ...line, member }, recordedBy);
    } catch (err) {
      this.votes.splice(0, this.votes.length, ...before);
      throw err;
    }
    this.calls.push({ action: recordedBy ? 'written-sheet' : 'sheet', by: actor.login, input: { member, votes } });
    const m = COUNCIL.find((c) => c.account === member)!;
    const mine = this.view.nominations.filter((n) => n.state === 'in-vote' && !n.recused.includes(member));
    const voted = mine.filter((n) => this.votes.some((v) => v.member === member && v.nominationId === n.id));
    return {
      campaignId,
      state: this.view.state,
      member: { account: member, name: m?.name ?? member, voted: voted.length, toVote: mine.length },
      nominations: votes.map((l) => l.nominationId),
    };
  }

  async closeVote(campaignId: string, actor: StaffActor) {
    this.found(campaignId);
    this.need(actor, 'approver');
    if (this.view.state !== 'voting') throw new AppError('refused', { refusal: 'Biểu quyết đã kết thúc.' });
    this.calls.push({ action: 'close', by: actor.login });
    this.view.state = 'closed';
    this.view.minutes = ref('bien-ban.docx');
    for (const n of this.view.nominations.filter((x) => x.state === 'in-vote')) {
      const eligible = COUNCIL.filter((m) => !n.recused.includes(m.account)).length;
      const of = (c: Vote['choice']) => this.votes.filter((v) => v.nominationId === n.id && v.choice === c).length;
      const approve = of('approve');
      n.tally = {
        approve,
        reject: of('reject'),
        abstain: of('abstain'),
        notVoted: eligible - approve - of('reject') - of('abstain'),
        eligible,
      };
      n.state = approve * 2 > eligible ? 'approved' : 'rejected';
      if (n.state === 'approved') {
        n.awardedForm = this.votes.find((v) => v.nominationId === n.id && v.choice === 'approve')?.formCode;
      }
    }
    return this.status(campaignId, actor);
  }

  async issueDecision(campaignId: string, actor: StaffActor, decision: { number: string; date: string }) {
    this.found(campaignId);
    this.need(actor, 'clerk');
    if (this.usedNumbers.has(decision.number)) {
      throw new AppError('refused', {
        refusal: `Số quyết định ${decision.number} đã được dùng cho một quyết định khác.`,
      });
    }
    this.calls.push({ action: 'decision', by: actor.login, input: decision });
    this.usedNumbers.add(decision.number);
    this.view.state = 'decided';
    this.view.decision = {
      ...decision,
      file: ref('quyet-dinh.docx'),
      by: actorLabel(actor),
      at: new Date().toISOString(),
    };
    return this.status(campaignId, actor);
  }

  async file(campaignId: string, which: AwardFileKind) {
    this.found(campaignId);
    const name = {
      minutes: 'Biên bản họp Hội đồng.docx',
      decision: 'Quyết định khen thưởng.docx',
      proposal: 'Tờ trình.docx',
      statistics: 'Thống kê khen thưởng.xlsx',
    }[which];
    // The use case's own content type is not trusted by the route: it answers by the file's extension.
    return { name, bytes: Buffer.from(`PK\x03\x04${which}`, 'latin1'), contentType: 'application/octet-stream' };
  }

  async unitResults(campaignId: string, unitId: string) {
    this.found(campaignId);
    if (this.view.state !== 'decided' || !this.view.decision) return undefined;
    const results: UnitAwardResult[] = this.view.nominations
      .filter((n) => n.unitId === unitId)
      .map((n) => ({
        name: n.name,
        type: n.type,
        proposedForm: n.proposedForm,
        state: n.state,
        awardedForm: n.awardedForm,
      }));
    return results.length
      ? { decision: { number: this.view.decision.number, date: this.view.decision.date }, results }
      : undefined;
  }

  async yearStatistics(year: number): Promise<YearAwardStatistics> {
    if (this.workerDown) throw new AppError('timed-out', { seconds: 10, taskQueue: 'thidua' });
    this.yearsAsked.push(year);
    return structuredClone(this.years.get(year) ?? { year, campaigns: [], rows: [], skipped: [] });
  }
}
