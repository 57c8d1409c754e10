/**
 * Starting a sub-campaign (`startCampaign` with a file that names a parent): the parent must run,
 * the unit be one of its units with its phase still open, the deadlines nest (this campaign's
 * synthesis approval deadline before the parent unit's deadline, its extensions included), and a
 * rehearsal run on the parent's rehearsal clock. Refusals say why in Vietnamese (and in English with
 * --lang en), and nothing is stored or started; an accepted start carries the parent link, the
 * search attributes and the Temporal UI links. The parent is a fake {@link ParentReader}.
 */
import type { Client } from '@temporalio/client';
import type { AppContext } from '../../../app/context';
import { startCampaign } from '../../../app/campaigns';
import { checkSubCampaignStart, resultMoment, type ParentReader } from '../../../app/sub-campaign-start';
import { AppError } from '../../../app/temporal-errors';
import { cliMessage } from '../../../client/messages';
import { loadCampaign } from '../../../config/campaign-files';
import { loadWorkingCalendar } from '../../../config/holidays';
import type { CampaignDefinition } from '../../../domain/campaign-schema';
import { ParentCampaignKey, ParentUnitKey } from '../../../domain/search-attributes';
import { compileCampaign, rehearsalInstant, rehearse } from '../../../domain/timeline';
import type { CompiledCampaign } from '../../../domain/timeline-types';
import type { CampaignStatusView, UnitStatusView } from '../../../domain/workflow-types';
import type { DefinitionStore } from '../../../stores/definition-store';
import type { ReportStore } from '../../../stores/report-store';

const FILE = 'test/fixtures/sub-campaigns/vnpt-2014-2015.yaml';
const loaded = loadCampaign(FILE, { mode: 'rehearse' });
if (!loaded.ok) throw new Error('the fixture must be valid');
const definition: CampaignDefinition = loaded.campaign;
const calendar = loadWorkingCalendar();
const plan = compileCampaign(definition, calendar);
const PARENT = 'bo-2014-2015-dai-hoi';
/** The parent unit's ket-qua deadline, "trước quý II/2015": 17:00 on 31/3/2015. */
const KET_QUA = '2015-03-31T10:00:00.000Z';

const schedule = (utc: string) => ({
  deadline: { utc, local: utc, written: '', reading: '' },
  lock: { utc, local: utc, written: '', reading: '' },
  reminders: [],
  escalations: [],
});

function parentStatus(over: Partial<CampaignStatusView> = {}): CampaignStatusView {
  return {
    campaignId: PARENT,
    definitionRef: 'parent-ref',
    planNumber: '1205/KH-BTTTT',
    title: 'Đại hội Thi đua Bộ TT&TT',
    phase: 'self-review',
    unitCount: 2,
    batches: 1,
    batchesLocked: 0,
    counts: { pending: 2, submitted: 0, late: 0, missing: 0, cancelled: 0 },
    extensions: [],
    deadlinePhase: 'ke-hoach',
    deadlinePhases: [
      { id: 'ke-hoach', name: 'Gửi kế hoạch', schedule: schedule('2014-07-31T10:00:00.000Z'), batchesLocked: 1 },
      { id: 'ket-qua', name: 'Báo cáo kết quả', schedule: schedule(KET_QUA), batchesLocked: 0 },
    ],
    ...over,
  };
}

function unitView(ketQua: string, over: Partial<UnitStatusView> = {}): UnitStatusView {
  const line = (id: string, state: 'done' | 'current', deadline: string) => ({
    id,
    name: id === 'ket-qua' ? 'Báo cáo kết quả' : 'Gửi kế hoạch',
    state,
    status: 'pending' as const,
    deadline,
    deadlineLocal: deadline,
    lockAt: deadline,
    lockLocal: '10/04/2015 17:00',
    windowStart: deadline,
    due: { summaryReport: 'none' as const, presentationPaper: 'none' as const },
    files: [],
  });
  return {
    campaignId: PARENT,
    unitId: 'vnpt',
    deadlines: [line('ke-hoach', 'done', '2014-07-31T10:00:00.000Z'), line('ket-qua', 'current', ketQua)],
    cancelled: undefined,
    locked: false,
    ...over,
  } as UnitStatusView;
}

function reader(over: Partial<ParentReader> & { unit?: UnitStatusView } = {}): ParentReader {
  return {
    // The parent runs; the sub-campaign itself has not started yet.
    execution: async (id: string) => (id === PARENT ? 'running' : undefined),
    status: async () => parentStatus(),
    definition: async () =>
      ({ campaign: {}, units: [{ id: 'vnpt' }, { id: 'vu-buu-chinh', subUnits: [{ id: 'cuc-buu-dien' }] }] }) as never,
    unitStatus: async () => over.unit ?? unitView(KET_QUA),
    rehearsal: async () => undefined,
    ...over,
  };
}

const recompile: Parameters<typeof checkSubCampaignStart>[1]['recompile'] = (mapping, spec) =>
  rehearse(plan, spec, mapping.anchor, { mapping });

async function refusal(r: ParentReader, compiled: CompiledCampaign = plan): Promise<AppError> {
  const err = await checkSubCampaignStart(r, { definition, compiled, recompile }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}
const vi = (e: AppError) => cliMessage(e, 'vi');

test('a sub-campaign whose approval comes before the parent unit deadline starts with its parent link', async () => {
  const sub = await checkSubCampaignStart(reader(), { definition, compiled: plan, recompile });
  expect(sub?.parent).toEqual({
    campaignId: PARENT,
    unitId: 'vnpt',
    phaseId: 'ket-qua',
    // The parent's name of that phase, for the letters and pages the sub-campaign's clerks read.
    phaseName: 'Báo cáo kết quả',
    onParentExtension: 'follow',
    onParentCancel: 'cancel',
  });
  expect(sub?.compiled).toBe(plan);
  // The approval deadline 13/3/2015 17:00 is the moment the result goes up at the latest.
  expect(resultMoment(plan)).toBe('2015-03-13T10:00:00.000Z');
});

test('a campaign without a parent is not checked', async () => {
  const own = { ...definition, campaign: { ...definition.campaign, parent: undefined } };
  expect(await checkSubCampaignStart(reader(), { definition: own, compiled: plan, recompile })).toBeUndefined();
});

test('a parent that does not exist, or has ended, is refused by name', async () => {
  const missing = await refusal(reader({ execution: async () => undefined }));
  expect(missing.facts.input).toBe('parent-not-found');
  expect(vi(missing)).toMatch(/không có đợt cấp trên "bo-2014-2015-dai-hoi".*đợt con chưa được bắt đầu/);
  expect(cliMessage(missing, 'en')).toMatch(/there is no parent campaign "bo-2014-2015-dai-hoi"/);
  const closed = await refusal(reader({ execution: async () => 'closed' }));
  expect(vi(closed)).toMatch(/đợt cấp trên "bo-2014-2015-dai-hoi" đã kết thúc/);
  const cancelled = await refusal(
    reader({ status: async () => parentStatus({ cancelled: { reason: 'x', by: 'y', at: 'z' } }) }),
  );
  expect(cancelled.facts.input).toBe('parent-ended');
});

test('a unit that is not one of the parent units is refused, listing them', async () => {
  const other = {
    ...definition,
    campaign: { ...definition.campaign, parent: { ...definition.campaign.parent!, unit: 'vtc' } },
  };
  const err = await checkSubCampaignStart(reader(), { definition: other, compiled: plan, recompile }).catch((e) => e);
  expect(vi(err)).toMatch(
    /"vtc" không phải là đơn vị của đợt cấp trên "bo-2014-2015-dai-hoi".*vnpt, vu-buu-chinh, cuc-buu-dien/,
  );
});

test('deadlines that do not nest are refused naming both; an extension the parent gave the unit counts', async () => {
  const early = await refusal(reader({ unit: unitView('2015-03-10T10:00:00.000Z') }));
  expect(early.facts.input).toBe('deadlines-do-not-nest');
  expect(vi(early)).toMatch(
    /hạn phê duyệt báo cáo tổng hợp của đợt này \(17:00 .*13\/03\/2015\) sau hạn nộp của đơn vị "vnpt".*\(17:00 .*10\/03\/2015, Báo cáo kết quả\)/,
  );
  // The same unit, its ket-qua deadline extended by the parent to 20/3: it nests.
  const extended = await checkSubCampaignStart(reader({ unit: unitView('2015-03-20T10:00:00.000Z') }), {
    definition,
    compiled: plan,
    recompile,
  });
  expect(extended?.parent.unitId).toBe('vnpt');
});

test('an unknown parent phase, or a unit already locked in it, is refused', async () => {
  const wrong = {
    ...definition,
    campaign: { ...definition.campaign, parent: { ...definition.campaign.parent!, phase: 'bao-cao' } },
  };
  const err = await checkSubCampaignStart(reader(), { definition: wrong, compiled: plan, recompile }).catch((e) => e);
  expect(vi(err)).toMatch(/không có giai đoạn nộp hồ sơ "bao-cao".*ke-hoach, ket-qua/);
  const view = unitView(KET_QUA);
  view.deadlines![1].state = 'done';
  expect(vi(await refusal(reader({ unit: view })))).toMatch(
    /đơn vị "vnpt" .* đã khóa nhận hồ sơ từ 10\/04\/2015 17:00/,
  );
});

test('a rehearsed parent: the sub-campaign must be rehearsed too, and runs on the parent clock', async () => {
  const parentPlan = { origin: '2014-06-01T00:00:00.000Z', anchor: '2026-11-30T08:00:00.000Z', factor: 20 / 86400 };
  const rehearsed = reader({
    status: async () => parentStatus({ rehearsalFactor: parentPlan.factor }),
    rehearsal: async () => ({ spec: '1d=20s', ...parentPlan }),
    // The parent's ket-qua deadline on its own rehearsal clock.
    unit: unitView(rehearsalInstant(parentPlan, KET_QUA)),
  });
  const plain = await refusal(rehearsed);
  expect(vi(plain)).toMatch(
    /đợt cấp trên "bo-2014-2015-dai-hoi" đang chạy diễn tập \(1d=20s\): hãy bắt đầu đợt con này cũng với --rehearse 1d=20s/,
  );
  const otherScale = await refusal(rehearsed, rehearse(plan, '1d=10s', '2026-11-30T09:00:00.000Z'));
  expect(vi(otherScale)).toMatch(/diễn tập với tỉ lệ 1d=20s, không phải 1d=10s/);

  // Started an hour after the parent with its own anchor: moved onto the parent's mapping.
  const own = rehearse(plan, '1d=20s', '2026-11-30T09:00:00.000Z');
  const sub = await checkSubCampaignStart(rehearsed, { definition, compiled: own, recompile });
  expect(sub?.compiled.rehearsal).toMatchObject({ origin: parentPlan.origin, anchor: parentPlan.anchor });
  expect(resultMoment(sub!.compiled)).toBe(rehearsalInstant(parentPlan, '2015-03-13T10:00:00.000Z'));
});

test('a sub-campaign of a parent on the real calendar cannot be a rehearsal', async () => {
  const err = await refusal(reader(), rehearse(plan, '1d=20s', '2026-11-30T09:00:00.000Z'));
  expect(err.facts.input).toBe('parent-not-rehearsed');
  expect(vi(err)).toMatch(/chạy theo lịch thật: đợt con của nó không thể chạy diễn tập/);
});

describe('startCampaign', () => {
  function fakes() {
    const start = jest.fn(async () => ({}));
    const client = { options: { namespace: 'thi-dua' }, workflow: { start } } as unknown as Client;
    const ctx = { client, settings: { taskQueue: 'thidua' } } as unknown as AppContext;
    const save = jest.fn(async () => 'def-ref');
    const stores = {
      reports: {} as ReportStore,
      definitions: { save, load: jest.fn() } as unknown as DefinitionStore,
    };
    return { ctx, start, save, stores };
  }

  test('refused: nothing is stored, nothing is started', async () => {
    const f = fakes();
    const err = await startCampaign(
      f.ctx,
      { ...f.stores, parents: reader({ execution: async () => undefined }) },
      { definition, file: FILE, compiled: plan },
    ).catch((e: unknown) => e);
    expect((err as AppError).facts.input).toBe('parent-not-found');
    expect(f.save).not.toHaveBeenCalled();
    expect(f.start).not.toHaveBeenCalled();
  });

  test('already running: says so first, even when its parent has moved on since; nothing stored or started', async () => {
    const f = fakes();
    const out = await startCampaign(
      f.ctx,
      {
        ...f.stores,
        // The sub-campaign runs; its parent has ended since (which would refuse a first start).
        parents: reader({ execution: async (id: string) => (id === PARENT ? 'closed' : 'running') }),
      },
      { definition, file: FILE, compiled: plan },
    );
    expect(out).toMatchObject({ started: false, campaignId: definition.campaign.id });
    expect(f.save).not.toHaveBeenCalled();
    expect(f.start).not.toHaveBeenCalled();
  });

  test('accepted: the parent link in the input, the search attributes and the Temporal UI links', async () => {
    const f = fakes();
    await startCampaign(f.ctx, { ...f.stores, parents: reader() }, { definition, file: FILE, compiled: plan });
    const options = (f.start.mock.calls[0] as unknown[])[1] as {
      args: Array<{ parent?: unknown }>;
      staticDetails: string;
      typedSearchAttributes: Array<{ key: { name: string }; value: unknown }>;
    };
    expect(options.args[0].parent).toMatchObject({ campaignId: PARENT, unitId: 'vnpt', phaseId: 'ket-qua' });
    const attrs = Object.fromEntries(options.typedSearchAttributes.map((a) => [a.key.name, a.value]));
    expect(attrs[ParentCampaignKey.name]).toBe(PARENT);
    expect(attrs[ParentUnitKey.name]).toBe('vnpt');
    expect(options.staticDetails).toContain(
      '[bo-2014-2015-dai-hoi](/namespaces/thi-dua/workflows/campaign%2Fbo-2014-2015-dai-hoi)',
    );
    expect(options.staticDetails).toContain(
      '[vnpt](/namespaces/thi-dua/workflows/campaign%2Fbo-2014-2015-dai-hoi%2Funit%2Fvnpt)',
    );
  });
});

describe('three levels: a sub-campaign of a sub-campaign', () => {
  const GRAND = 'test/fixtures/sub-campaigns/vnpt-ha-noi-2014-2015.yaml';
  const grand = loadCampaign(GRAND, { mode: 'rehearse' });
  if (!grand.ok) throw new Error('the fixture must be valid');
  const grandPlan = compileCampaign(grand.campaign, calendar);
  const VNPT = definition.campaign.id;
  /** VNPT's unit vnpt-ha-noi: due with VNPT's units (15/1/2015 17:00) unless extended. */
  const VNPT_DUE = '2015-01-15T10:00:00.000Z';

  /** VNPT as the parent: itself a sub-campaign of the ministry, one deadline phase; every id it is asked for is noted. */
  function vnptReader(unitDeadline: string) {
    const asked: string[] = [];
    const r: ParentReader = {
      execution: async (id) => (asked.push(id), id === VNPT ? 'running' : undefined),
      status: async (id) => (
        asked.push(id),
        {
          ...parentStatus({ campaignId: VNPT, deadlinePhase: undefined, deadlinePhases: undefined }),
          selfReview: schedule(VNPT_DUE),
          parent: { campaignId: PARENT, unitId: 'vnpt', onParentExtension: 'follow', onParentCancel: 'cancel' },
        }
      ),
      definition: async () => definition,
      unitStatus: async (id, unitId) => (
        asked.push(`${id}/${unitId}`),
        {
          campaignId: VNPT,
          unitId,
          deadline: unitDeadline,
          phase: { kind: 'self-review', name: 'Tự kiểm điểm' },
          locked: false,
        } as unknown as UnitStatusView
      ),
      rehearsal: async () => undefined,
    };
    return { r, asked };
  }
  const check = (r: ParentReader) =>
    checkSubCampaignStart(r, { definition: grand.campaign, compiled: grandPlan, recompile });

  test("the grandchild's approval (6/1/2015) nests in VNPT's unit deadline; checked against VNPT, not the ministry", async () => {
    const { r, asked } = vnptReader(VNPT_DUE);
    const sub = await check(r);
    expect(sub?.parent).toMatchObject({ campaignId: VNPT, unitId: 'vnpt-ha-noi' });
    expect(resultMoment(grandPlan)).toBe('2015-01-06T10:00:00.000Z');
    expect(asked).not.toContain(PARENT);
    expect(asked).toContain(`${VNPT}/vnpt-ha-noi`);
  });

  test("VNPT's unit due before the grandchild's approval: refused, naming the unit and VNPT", async () => {
    const { r } = vnptReader('2015-01-05T10:00:00.000Z');
    const err = (await check(r).catch((e: unknown) => e)) as AppError;
    expect(err.facts.input).toBe('deadlines-do-not-nest');
    expect(vi(err)).toMatch(/06\/01\/2015.*sau hạn nộp của đơn vị "vnpt-ha-noi".*05\/01\/2015/);
    expect(vi(err)).toContain(VNPT);
  });
});
