/**
 * The dashboard's campaign drafts (issue 18) without Temporal: the CLI's loader checks them, the
 * preview composes messages as the mail activity does, and the start hands the compiled request to
 * the start function it is given (the CLI's `startCampaign`, bound, in production).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { unitMessageContext } from '../../../activities';
import type { StartOutcome, StartRequest } from '../../../app/campaigns';
import {
  checkDraft,
  copyCampaign,
  copyDraft,
  createDraftFromSample,
  createDraftFromUpload,
  previewDraft,
  PREVIEW_LINK,
  replaceUnits,
  saveDraft,
  startDraft,
  type DraftDeps,
} from '../../../app/campaign-drafts';
import type { StaffActor } from '../../../app/roles';
import { AppError } from '../../../app/temporal-errors';
import { loadCampaign } from '../../../config/campaign-files';
import { loadWorkingCalendar } from '../../../config/holidays';
import type { UnitInput } from '../../../domain/campaign-schema';
import { composeMessage } from '../../../domain/messages';
import { compileCampaign } from '../../../domain/timeline';
import { campaignTimeline } from '../../../domain/timeline-rows';
import { FileCampaignDrafts } from '../../../stores/campaign-drafts';

const SAMPLES = path.resolve(__dirname, '../../../config/campaigns');
const SAMPLE = 'vinh-phuc-67-kh-tu-2009.yaml';
/** Before the sample's dates: a start is not refused for a past deadline. */
const NOW = '2009-09-25T01:00:00.000Z';
const calendar = loadWorkingCalendar();

const clerk: StaffActor = { login: 'vanthu', name: 'Lê Thị Văn Thư', roles: ['clerk'] };
const approver: StaffActor = { login: 'lanhdao', name: 'Trần Văn Lãnh Đạo', roles: ['approver'] };

let dir: string;
let started: StartRequest[];
let running: boolean;
let deps: DraftDeps;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drafts-'));
  started = [];
  running = false;
  deps = {
    drafts: new FileCampaignDrafts(path.join(dir, 'drafts')),
    samplesDir: SAMPLES,
    calendar: () => calendar,
    now: () => NOW,
    start: async (req): Promise<StartOutcome> => {
      started.push(req);
      return {
        started: !running,
        campaignId: req.definition.campaign.id,
        workflowId: `campaign/${req.definition.campaign.id}`,
        unitCount: 35,
      };
    },
  };
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const sampleBytes = () => fs.readFileSync(path.join(SAMPLES, SAMPLE));

test('a good upload becomes a draft with no error, recorded as who made it', async () => {
  const { draft, problems } = await createDraftFromUpload(deps, clerk, { name: SAMPLE, bytes: sampleBytes() });
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(draft?.yaml).toBe(sampleBytes().toString('utf8'));
  expect(draft?.history).toEqual([
    expect.objectContaining({ by: 'Lê Thị Văn Thư (vanthu)', what: expect.stringContaining(SAMPLE) }),
  ]);
});

test('a file that is not UTF-8 makes no draft, and its problem names the encoding and the line', async () => {
  // "Ban Thi đua - Khen thưởng" in TCVN3 (ABC) on line 3: đ 0xAE, ư 0xAD, ở 0xEB.
  const bytes = Buffer.concat([
    Buffer.from('campaign:\n  id: x\n  title: Ban Thi '),
    Buffer.from([0xae, ...Buffer.from('ua - Khen th'), 0xad, 0xeb, ...Buffer.from('ng\n')]),
  ]);
  const { draft, problems } = await createDraftFromUpload(deps, clerk, { name: 'cu.yaml', bytes });
  expect(draft).toBeUndefined();
  expect(problems).toHaveLength(1);
  expect(problems[0].line).toBe(3);
  expect(problems[0].message).toMatch(/UTF-8/);
  expect(problems[0].message).toMatch(/TCVN3/);
  expect(await deps.drafts.list()).toEqual([]);
});

test('a bad file is kept as typed, with every problem by line and field, as the CLI reports them', async () => {
  const text = sampleBytes()
    .toString('utf8')
    .replace('timeZone: Asia/Ho_Chi_Minh', 'timeZone: Asia/Hanoi_Nowhere')
    .replace('id: thanh-uy-vinh-yen', 'id: Thanh Uy');
  const { draft, problems } = await createDraftFromUpload(deps, clerk, { name: 'sai.yaml', bytes: Buffer.from(text) });
  expect(draft?.yaml).toBe(text);
  const errors = problems.filter((p) => p.severity === 'error');
  expect(errors.length).toBeGreaterThanOrEqual(2);
  for (const p of errors) expect(p.line).toEqual(expect.any(Number));
  expect(errors.map((p) => p.path)).toEqual(expect.arrayContaining(['campaign.timeZone']));
  // The same messages as `thidua campaign validate` gives for the same text.
  const file = path.join(dir, 'sai.yaml');
  fs.writeFileSync(file, text);
  const cli = loadCampaign(file, { mode: 'validate', calendar, now: NOW });
  expect(cli.ok).toBe(false);
  if (!cli.ok)
    expect(errors.map((p) => [p.line, p.path, p.message])).toEqual(
      cli.problems.filter((p) => p.severity === 'error').map((p) => [p.line, p.path, p.message]),
    );
});

test('the preview is the plan table and the messages composed as the mail activity composes them', async () => {
  const draft = await createDraftFromSample(deps, clerk, SAMPLE);
  const preview = await previewDraft(deps, draft.id);
  if (!preview.ok) throw new Error(JSON.stringify(preview.problems));
  const def = preview.definition;
  expect(preview.rows).toEqual(campaignTimeline(compileCampaign(def, calendar), def));
  expect(preview.unitCount).toBe(35);
  expect(preview.readings.length).toBeGreaterThan(3);
  const [plan, reminder] = preview.messages;
  const selfReview = preview.compiled.phases.find((p) => p.kind === 'self-review')!;
  const first = def.units[0];
  const expected = composeMessage(
    unitMessageContext(def, first, {
      kind: 'plan-issued',
      phaseName: selfReview.name,
      deadline: selfReview.deadline!.deadline.utc,
      lockAt: selfReview.deadline!.lock.utc,
      link: PREVIEW_LINK,
      addresseeRole: 'focal',
      documents: [
        { title: 'Kế hoạch số 67-KH/TU ngày 21/9/2009 của Ban Thường vụ Tỉnh ủy', attached: true },
        { title: 'Đề cương báo cáo tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW', attached: false },
      ],
    }),
  );
  expect(plan.message).toEqual(expected);
  expect(plan.message.subject).toBe(`[67-KH/TU] Triển khai ${def.campaign.title}`);
  expect(reminder.message.subject).toMatch(/67-KH\/TU/);
  expect(reminder.label).toMatch(/^Nhắc hạn/);
});

test('a start needs the approver role: a clerk is refused and nothing is started', async () => {
  const draft = await createDraftFromSample(deps, clerk, SAMPLE);
  await expect(startDraft(deps, clerk, draft.id)).rejects.toMatchObject({
    code: 'forbidden',
    facts: { role: 'approver' },
  });
  expect(started).toEqual([]);
});

test('an approver starts the draft with the compiled request, as the CLI would', async () => {
  const draft = await createDraftFromSample(deps, clerk, SAMPLE);
  const result = await startDraft(deps, approver, draft.id);
  expect(result).toMatchObject({ ok: true, outcome: { started: true, campaignId: 'vinh-phuc-67-kh-tu-2009' } });
  expect(started).toHaveLength(1);
  const req = started[0];
  const file = path.join(SAMPLES, SAMPLE);
  const cli = loadCampaign(file, { mode: 'start', calendar, now: NOW });
  if (!cli.ok) throw new Error('sample invalid');
  expect(req.definition).toEqual(cli.campaign);
  expect(req.compiled).toEqual(compileCampaign(cli.campaign, calendar));
  expect(req.rehearsal).toBeUndefined();
  // Attachments are read beside the samples.
  expect(path.dirname(req.file)).toBe(SAMPLES);
  const history = (await deps.drafts.get(draft.id))!.history;
  expect(history.at(-1)).toMatchObject({
    by: 'Trần Văn Lãnh Đạo (lanhdao)',
    what: expect.stringMatching(/^bắt đầu đợt/),
  });
});

test('a rehearsal is compressed; a campaign already running is reported and recorded', async () => {
  const draft = await createDraftFromSample(deps, clerk, SAMPLE);
  const rehearsal = await startDraft(deps, approver, draft.id, { rehearse: '1d=20s' });
  expect(rehearsal.ok).toBe(true);
  expect(started[0].rehearsal).toBe('1d=20s');
  expect(started[0].compiled.rehearsal?.spec).toBe('1d=20s');
  running = true;
  const again = await startDraft(deps, approver, draft.id);
  expect(again).toMatchObject({ ok: true, outcome: { started: false } });
  expect((await deps.drafts.get(draft.id))!.history.at(-1)?.what).toMatch(/đã đang chạy/);
});

test('an id already used by a campaign that has ended is refused with its line; nothing starts', async () => {
  const draft = await createDraftFromSample(deps, clerk, SAMPLE);
  const asked: string[] = [];
  const withEarlier: DraftDeps = {
    ...deps,
    campaignStatusOf: async (id) => (asked.push(id), 'COMPLETED'),
  };
  const result = await startDraft(withEarlier, approver, draft.id);
  expect(asked).toEqual(['vinh-phuc-67-kh-tu-2009']);
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.problems).toEqual([
      expect.objectContaining({ path: 'campaign.id', line: 19, message: expect.stringContaining('đã kết thúc') }),
    ]);
  }
  expect(started).toEqual([]);
  // A running one is the start's to report (as the CLI does).
  const running = await startDraft({ ...deps, campaignStatusOf: async () => 'RUNNING' }, approver, draft.id);
  expect(running.ok).toBe(true);
});

test('a draft with errors is not started: its problems come back', async () => {
  const draft = await createDraftFromSample(deps, clerk, SAMPLE);
  await saveDraft(deps, clerk, draft.id, draft.yaml.replace("reminderTime: '08:00'", "reminderTime: '8 giờ'"));
  const result = await startDraft(deps, approver, draft.id);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.problems.some((p) => p.path === 'campaign.calendar.reminderTime')).toBe(true);
  expect(started).toEqual([]);
});

test('an attachment outside config/campaigns/ is refused with its line', async () => {
  const draft = await createDraftFromSample(deps, clerk, SAMPLE);
  await saveDraft(
    deps,
    clerk,
    draft.id,
    draft.yaml.replace('file: documents/67-KH-TU', 'file: ../../documents/67-KH-TU'),
  );
  const check = await checkDraft(deps, draft.id);
  expect(check.ok).toBe(false);
  expect(check.problems.some((p) => p.line !== undefined && /phases\[\d+\]\.attachments\[0\]\.file/.test(p.path))).toBe(
    true,
  );
});

test('edits, copies and unit replacements are in the history: who, when, what', async () => {
  const draft = await createDraftFromSample(deps, clerk, SAMPLE);
  await saveDraft(deps, clerk, draft.id, `${draft.yaml}\n# ghi chú\n`);
  await saveDraft(deps, clerk, draft.id, `${draft.yaml}\n# ghi chú\n`); // unchanged: no line
  const copy = await copyDraft(deps, { ...clerk, login: 'vt2', name: 'Người Khác' }, draft.id);
  const history = (await deps.drafts.get(draft.id))!.history;
  expect(history.map((h) => h.what)).toEqual([`tạo từ mẫu "${SAMPLE}"`, 'sửa nội dung']);
  expect(copy.history[0]).toMatchObject({ by: 'Người Khác (vt2)', what: `sao chép từ bản nháp ${draft.id}` });
  expect(copy.yaml).toBe(`${draft.yaml}\n# ghi chú\n`);
  await expect(saveDraft(deps, { ...clerk, roles: [] }, draft.id, 'x')).rejects.toBeInstanceOf(AppError);
});

test('replaceUnits (the sheet import seam) rewrites units: and keeps the rest and its comments', async () => {
  const draft = await createDraftFromSample(deps, clerk, SAMPLE);
  const units: UnitInput[] = [
    {
      id: 'so-noi-vu',
      name: 'Sở Nội vụ',
      kind: 'department',
      focal: { name: 'Nguyễn Văn A', email: 'a@vinhphuc.example.vn' },
      head: { name: 'Trần Văn B', email: 'b@vinhphuc.example.vn' },
    },
    {
      id: 'so-tai-chinh',
      name: 'Sở Tài chính',
      kind: 'department',
      cluster: 'Khối các sở',
      focal: { name: 'Lê Thị C', email: 'c@vinhphuc.example.vn' },
      head: { name: 'Phạm Văn D', email: 'd@vinhphuc.example.vn' },
    },
  ];
  const saved = await replaceUnits(deps, draft.id, units, clerk);
  expect(parseDocument(saved.yaml).toJS().units).toEqual(units);
  expect(saved.yaml).toContain('# yaml-language-server: $schema=./campaign.schema.json');
  expect(saved.yaml).toContain('kind: ke-hoach # "KẾ HOẠCH"');
  expect(saved.yaml).not.toContain('thanh-uy-vinh-yen');
  expect(saved.history.at(-1)).toMatchObject({
    by: 'Lê Thị Văn Thư (vanthu)',
    what: 'thay danh sách đơn vị (2 đơn vị)',
  });
  const check = await checkDraft(deps, draft.id);
  expect(check.problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(check.campaign?.units.map((u) => u.id)).toEqual(['so-noi-vu', 'so-tai-chinh']);
});

test('copyDraft with years moves the dates and says so; 0 copies as it is; out of range is refused', async () => {
  const draft = await createDraftFromSample(deps, clerk, SAMPLE);
  const moved = await copyDraft(deps, clerk, draft.id, { years: -1 });
  expect(moved.yaml).toContain('id: vinh-phuc-67-kh-tu-2008');
  expect(moved.yaml).toContain('lock: 20/10/2008');
  expect(moved.history[0].what).toBe(`sao chép từ bản nháp ${draft.id}, dời ngày -1 năm (15 ngày tháng)`);
  expect((await copyDraft(deps, clerk, draft.id, { years: 0 })).yaml).toBe(draft.yaml);
  for (const years of [11, -6, 1.5, Number.NaN]) {
    await expect(copyDraft(deps, clerk, draft.id, { years })).rejects.toMatchObject({ code: 'invalid' });
  }
});

test('copyCampaign: the definition an earlier campaign started with, its dates a year on, checks clean', async () => {
  const loaded = loadCampaign(path.join(SAMPLES, SAMPLE), { mode: 'validate', calendar, now: NOW });
  if (!loaded.ok) throw new Error('the sample does not load');
  // As the definition store keeps it: with the plan documents copied at the start.
  const stored = {
    ...loaded.campaign,
    documents: [{ title: 'Đề cương', name: 'de-cuong.pdf', sha256: 'a'.repeat(64) }],
  };
  const asked: string[] = [];
  deps.earlierDefinition = async (id) => {
    asked.push(id);
    return id === loaded.campaign.campaign.id ? (stored as typeof loaded.campaign) : undefined;
  };
  const draft = await copyCampaign(deps, clerk, loaded.campaign.campaign.id, { years: 1 });
  expect(asked).toEqual([loaded.campaign.campaign.id]);
  expect(draft.yaml).not.toContain('documents:');
  const copied = parseDocument(draft.yaml).toJS() as typeof loaded.campaign;
  expect(copied.campaign.id).toBe('vinh-phuc-67-kh-tu-2010');
  expect(copied.campaign.plan.date).toBe('21/9/2010');
  const selfReview = copied.phases.find((p) => p.kind === 'self-review');
  expect(selfReview && 'deadline' in selfReview ? selfReview.deadline : '').toMatch(/2010$/);
  expect(draft.history[0].what).toMatch(
    /^sao chép từ đợt thi đua vinh-phuc-67-kh-tu-2009, dời ngày \+1 năm \(\d+ ngày tháng\)/,
  );
  const check = await checkDraft(deps, draft.id);
  expect(check.problems.filter((p) => p.severity === 'error')).toEqual([]);

  await expect(copyCampaign(deps, clerk, 'khong-co-dot', { years: 1 })).rejects.toMatchObject({ code: 'not-found' });
  await expect(copyCampaign(deps, approver, loaded.campaign.campaign.id)).rejects.toMatchObject({ code: 'forbidden' });
});
