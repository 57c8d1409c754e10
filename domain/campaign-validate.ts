/**
 * Checks a campaign file and says everything that is wrong with it at once, each problem with its
 * line and column and in words a secretariat clerk can act on: what is wrong and what would be
 * valid. The schema (`domain/campaign-schema.ts`) checks shapes; the rules here check what the
 * schema cannot: dates that read and follow one another, deadlines inside their windows, unique unit
 * ids, quotas that can be met. Rules run on the raw data, leniently, so that one bad field never
 * hides the problems of another. Pure: the caller passes the calendar and `now`; files are read by
 * `loadCampaign` in `config/campaign-files.ts`.
 */
import { IANAZone } from 'luxon';
import type { z } from 'zod';
import type { WorkingCalendar } from './calendar/types';
import { CampaignFile, PHASE_ORDER, UNIT_ID, TIME_OF_DAY, type CampaignDefinition } from './campaign-schema';
import { formatLocal, localDateOf, readDate, type DateContext, type DateRole } from './date-phrases';
import type { PathSegment, YamlSource } from './yaml-source';

export type ValidationMode = 'validate' | 'start' | 'rehearse';

export interface Problem {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  column?: number;
  /** The field, e.g. `units[3].focal.email`; empty for the file as a whole. */
  path: string;
  /** The unit the field belongs to, when it belongs to one. */
  unitId?: string;
  /** What is wrong and what would be valid. */
  message: string;
}

export interface ValidateOptions {
  calendar: WorkingCalendar;
  /** ISO instant that counts as "now" for the past-deadline rule (the caller reads the clock). */
  now: string;
  /** `start` refuses deadlines already past; `validate` and `rehearse` only warn. */
  mode: ValidationMode;
}

export interface ValidationResult {
  /** The campaign with the schema's defaults applied; only when there is no error. */
  campaign?: CampaignDefinition;
  /** Every problem, sorted by line. */
  problems: Problem[];
}

/** `file:line:column severity path (unit id): message`, the form editors and terminals link. */
export function formatProblem(p: Problem): string {
  const place = p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
  const field = p.path ? ` ${p.path}` : '';
  const unit = p.unitId ? ` (unit ${p.unitId})` : '';
  return `${place} ${p.severity}${field}${unit}: ${p.message}`;
}

/** `['units', 3, 'focal', 'email']` → `units[3].focal.email`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

const DEFAULT_ZONE = 'Asia/Ho_Chi_Minh';
const DEFAULT_HOURS = { start: '08:00', end: '17:00' };
const EXAMPLE_EMAIL = 'van.phong@vinhphuc.gov.vn';
const ORDER_TEXT = PHASE_ORDER.join(' → ');

/** Validates a parsed source: syntax, then schema, then the cross-field rules. Never throws. */
export function validateCampaign(source: YamlSource, options: ValidateOptions): ValidationResult {
  const report = new Report(source);
  for (const s of source.syntax) {
    report.problems.push({
      severity: s.severity,
      file: source.file,
      line: s.line,
      column: s.column,
      path: '',
      message: s.message,
    });
  }
  // After a syntax error the structure yaml recovered is a guess: more problems would mislead.
  if (source.syntax.some((s) => s.severity === 'error')) return { problems: report.sorted() };

  const data = source.data;
  if (data === null || data === undefined) {
    report.add(
      'error',
      [],
      'the file is empty; a campaign file has three sections — campaign, units and phases — ' +
        'start from a sample such as config/campaigns/vinh-phuc-67-kh-tu-2009.yaml',
    );
    return { problems: report.sorted() };
  }

  const parsed = CampaignFile.safeParse(data);
  if (!parsed.success) reportSchemaIssues(report, parsed.error.issues, data);
  try {
    new Rules(report, data, options).run();
  } catch (error) {
    // A rule tripping over data of an unexpected shape must not hide the problems already found.
    report.add('error', [], `internal error while checking the file (please report it): ${(error as Error).message}`);
  }

  const problems = report.sorted();
  const ok = parsed.success && !problems.some((p) => p.severity === 'error');
  return ok ? { campaign: parsed.data, problems } : { problems };
}

// ---------------------------------------------------------------------------------------------------
// Collecting problems

class Report {
  readonly problems: Problem[] = [];

  constructor(readonly source: YamlSource) {}

  add(severity: Problem['severity'], path: readonly PathSegment[], message: string, at: 'key' | 'value' = 'value') {
    const { line, column } = this.source.locate(path, at);
    const unitId = unitIdAt(this.source.data, path);
    this.problems.push({
      severity,
      file: this.source.file,
      line,
      column,
      path: formatPath(path),
      ...(unitId ? { unitId } : {}),
      message,
    });
  }

  /** `units[0].id (line 12)`: a place named inside a message. */
  place(path: readonly PathSegment[]): string {
    return `${formatPath(path)} (line ${this.source.locate(path).line})`;
  }

  sorted(): Problem[] {
    return this.problems
      .map((p, i) => ({ p, i }))
      .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i)
      .map(({ p }) => p);
  }
}

/** The id of the innermost unit `path` goes through, as written in the file. */
function unitIdAt(data: unknown, path: readonly PathSegment[]): string | undefined {
  let node = data;
  let id: string | undefined;
  for (let i = 0; i < path.length; i++) {
    node = childOf(node, path[i]);
    const inUnitList = typeof path[i] === 'number' && (path[i - 1] === 'units' || path[i - 1] === 'subUnits');
    if (inUnitList && isObj(node) && typeof node.id === 'string') id = node.id;
  }
  return id;
}

// ---------------------------------------------------------------------------------------------------
// Raw data helpers: the rules run on data the schema may have rejected

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const asStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asNum = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function childOf(node: unknown, segment: PathSegment): unknown {
  if (Array.isArray(node)) return typeof segment === 'number' ? node[segment] : undefined;
  return isObj(node) ? node[String(segment)] : undefined;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>((node, segment) => childOf(node, segment), data);
}

/** How a value looks to someone reading the file. */
function shown(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (isObj(value)) return 'a block of fields';
  if (typeof value === 'string') return `the text "${value}"`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return typeof value;
}

/** Edit distance with transpositions (optimal string alignment), case- and separator-insensitive. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase().replace(/[-_\s]/g, '');
  const y = b.toLowerCase().replace(/[-_\s]/g, '');
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => [i, ...Array<number>(y.length).fill(0)]);
  for (let j = 1; j <= y.length; j++) d[0][j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[x.length][y.length];
}

/** The closest candidate to `word`, if it is close enough to be the word that was meant. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const distance = editDistance(word, c);
    if (distance < bestDistance) [best, bestDistance] = [c, distance];
  }
  return bestDistance <= limit && best !== word ? best : undefined;
}

/** "Sở Nội vụ" → "so-noi-vu": an id to suggest for a badly written one. */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// ---------------------------------------------------------------------------------------------------
// Schema issues, reworded

/** The few zod internals needed to find the schema of a field (its allowed keys, its description). */
interface SchemaNode {
  description?: string;
  _zod: {
    def: {
      type: string;
      shape?: Record<string, SchemaNode>;
      element?: SchemaNode;
      getter?: () => SchemaNode;
      innerType?: SchemaNode;
      in?: SchemaNode;
      options?: SchemaNode[];
      discriminator?: string;
      values?: unknown[];
    };
  };
}

const WRAPPERS = new Set(['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** Unwraps lazy, optional, default and picks the option of a discriminated union that `value` names. */
function unwrap(schema: SchemaNode | undefined, value: unknown): SchemaNode | undefined {
  let s = schema;
  for (let guard = 0; s && guard < 20; guard++) {
    const def = s._zod.def;
    if (def.type === 'lazy' && def.getter) s = def.getter();
    else if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else if (def.type === 'union' && def.discriminator && def.options) {
      const wanted = childOf(value, def.discriminator);
      const key = def.discriminator;
      s = def.options.find((o) => unwrap(o, undefined)?._zod.def.shape?.[key]?._zod.def.values?.includes(wanted));
    } else return s;
  }
  return s;
}

/** The schema of the field at `path`, read along the raw data (for discriminated unions). */
function schemaAt(path: readonly PathSegment[], data: unknown): SchemaNode | undefined {
  let s: SchemaNode | undefined = CampaignFile as unknown as SchemaNode;
  let value = data;
  for (const segment of path) {
    const u = unwrap(s, value);
    if (!u) return undefined;
    const def = u._zod.def;
    if (def.type === 'object' && def.shape) s = def.shape[String(segment)];
    else if (def.type === 'array') s = def.element;
    else return undefined;
    value = childOf(value, segment);
  }
  return s;
}

/** The description of a field, through its wrappers. */
function describedAs(schema: SchemaNode | undefined): string | undefined {
  let s = schema;
  for (let guard = 0; s && guard < 20; guard++) {
    if (s.description) return s.description;
    const def = s._zod.def;
    s = def.type === 'lazy' && def.getter ? def.getter() : def.innerType;
  }
  return undefined;
}

/** What a field holds and an example of it: the "what would be valid" half of a message. */
interface FieldHint {
  what?: string;
  example?: string;
}

const UNIT_KINDS =
  'department, mass-organization, district-committee, party-committee, ministry-unit, enterprise, province, other';

/**
 * Hints by field pattern (list indexes as `*`, sub-units folded into units), then by field name;
 * fields not listed fall back to the schema's description.
 */
const FIELD_HINTS: Record<string, FieldHint> = {
  campaign: {
    what: 'the campaign header',
    example: 'campaign: followed by id, plan, title, directive, issuingBody, secretariat',
  },
  units: { what: 'the participating units', example: '"- id: so-noi-vu" starting each unit' },
  phases: { what: 'the phases', example: '"- kind: plan-issue" starting each phase' },
  'campaign.id': { example: 'id: vinh-phuc-67-kh-tu-2009' },
  'campaign.plan': { what: 'the plan number and date', example: 'plan: { number: 67-KH/TU, date: 21/9/2009 }' },
  'campaign.plan.number': { example: 'number: 67-KH/TU' },
  'campaign.plan.date': { what: 'the date of the plan', example: 'date: 21/9/2009' },
  'campaign.title': { example: 'title: Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW' },
  'campaign.directive': { what: 'the directive under review', example: 'directive: Chỉ thị 39-CT/TW' },
  'campaign.issuingBody': { what: 'who issues the plan', example: 'issuingBody: Ban Thường vụ Tỉnh ủy Vĩnh Phúc' },
  'campaign.secretariat': {
    what: 'the standing body that runs the campaign',
    example: 'secretariat: with name and contacts',
  },
  'campaign.secretariat.name': { example: 'name: Ban Thi đua - Khen thưởng tỉnh' },
  'campaign.secretariat.contacts': {
    what: 'whom units contact',
    example: `contacts: [{ name: Nguyễn Văn A, email: ${EXAMPLE_EMAIL} }]`,
  },
  'campaign.timeZone': { example: 'timeZone: Asia/Ho_Chi_Minh' },
  'campaign.calendar.workingHours': { example: "workingHours: { start: '08:00', end: '17:00' }" },
  'units.*': { what: 'a unit', example: 'a block with id, name, kind, focal and head' },
  'units.*.id': { example: 'id: so-noi-vu' },
  'units.*.name': { example: 'name: Sở Nội vụ' },
  'units.*.kind': { what: `one of ${UNIT_KINDS}`, example: 'kind: department' },
  'units.*.focal': {
    what: 'the focal person, cán bộ đầu mối, who receives reminders',
    example: `focal: { name: Nguyễn Văn A, email: ${EXAMPLE_EMAIL} }`,
  },
  'units.*.head': {
    what: 'the head of the unit, thủ trưởng',
    example: `head: { name: Trần Văn B, email: ${EXAMPLE_EMAIL} }`,
  },
  'units.*.subUnits': { what: 'the units below this one', example: '"- id: …" starting each unit' },
  name: { example: 'name: Nguyễn Văn A' },
  email: { example: `email: ${EXAMPLE_EMAIL}` },
  'phases.*': { what: 'a phase', example: 'a block with kind and window' },
  'phases.*.kind': { what: `one of ${PHASE_ORDER.join(', ')}` },
  'phases.*.window': { what: 'when the phase runs', example: 'window: { start: 11/10/2009, end: 20/10/2009 }' },
  'phases.*.window.start': { example: 'start: 11/10/2009' },
  'phases.*.window.end': { example: 'end: 20/10/2009' },
  'phases.*.deadline': { what: 'the date units must submit by', example: 'deadline: trước ngày 15/10/2009' },
  'phases.*.lock': { what: 'when submissions become read-only, at or after the deadline', example: 'lock: 20/10/2009' },
  'phases.*.due': { what: 'what units owe', example: 'due: { summaryReport: required, presentationPaper: optional }' },
  'phases.*.date': { what: 'the day of the conference', example: 'date: tháng 11/2009' },
  'phases.*.venue': { what: 'where the conference is held', example: 'venue: Hội trường Tỉnh ủy' },
  'phases.*.reminders': { example: 'reminders: [7d, 3d, 1d, 0d]' },
  'phases.*.escalation.*.after': { what: 'days after the deadline', example: 'after: 1d' },
  'phases.*.escalation.*.notify': { what: 'who is told', example: 'notify: [head]' },
  'phases.*.due.nominations.required': { example: 'required: true' },
  'phases.*.due.nominations.quota': { example: 'quota: { total: 1, collective: 1, individual: 1 }' },
  'phases.*.due.nominations.quota.total': { what: 'how many nominations a unit may make in all', example: 'total: 1' },
  'phases.*.due.nominations.forms': {
    what: 'the award forms that may be proposed',
    example: 'forms: [Bằng khen của Chủ tịch UBND tỉnh]',
  },
};

function hintFor(path: readonly PathSegment[], data: unknown): FieldHint {
  const pattern = path
    .map((s) => (typeof s === 'number' ? '*' : s))
    .join('.')
    .replace(/(\.subUnits\.\*)+/g, '');
  const last = path[path.length - 1];
  const hint = FIELD_HINTS[pattern] ?? (typeof last === 'string' ? FIELD_HINTS[last] : undefined);
  if (hint) return hint;
  const description = describedAs(schemaAt(path, data));
  return description ? { what: description } : {};
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a block of fields ("name: value" lines, indented)',
  array: 'a list (one "- " line per entry)',
};

function reportSchemaIssues(report: Report, issues: readonly z.core.$ZodIssue[], data: unknown): void {
  // A misspelt field that would have been the missing one: say it once, as the misspelling.
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const parent = valueAt(data, issue.path as PathSegment[]);
    const allowed = Object.keys(unwrap(schemaAt(issue.path as PathSegment[], data), parent)?._zod.def.shape ?? {});
    for (const key of issue.keys) {
      const path = [...(issue.path as PathSegment[]), key];
      const guess = closest(key, allowed);
      if (guess && isObj(parent) && !(guess in parent)) {
        suggested.add(formatPath([...(issue.path as PathSegment[]), guess]));
        report.add('error', path, `unknown field "${key}"; did you mean "${guess}"?`, 'key');
      } else {
        report.add('error', path, `unknown field "${key}"; the fields allowed here are: ${allowed.join(', ')}`, 'key');
      }
    }
  }
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') continue;
    const path = issue.path as PathSegment[];
    if (suggested.has(formatPath(path)) && valueAt(data, path) === undefined) continue;
    report.add('error', path, issueMessage(issue, path, report.source));
  }
}

function issueMessage(issue: z.core.$ZodIssue, path: readonly PathSegment[], source: YamlSource): string {
  const data = source.data;
  const value = valueAt(data, path);
  const last = path[path.length - 1];
  const key = typeof last === 'string' ? last : '';
  const { what, example } = hintFor(path, data);
  const eg = example ? `, e.g. ${example}` : '';

  switch (issue.code) {
    case 'invalid_type': {
      if (path.length === 0) {
        return `a campaign file is a block of fields with three sections — campaign, units and phases — but this file holds ${shown(value)}`;
      }
      if (value === undefined) return `missing field "${key}"${what ? ` (${what})` : ''}; add it${eg}`;
      if (value === null) return `nothing is written here; write ${what ?? 'a value'}${eg}`;
      if (issue.expected === 'int' && typeof value === 'number') {
        return `${value} is not a whole number; write a whole number such as 1`;
      }
      if (issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
        const written = source.written(path) ?? String(value);
        return `must be a text, but YAML reads ${written} as ${shown(value)}; put it in quotes: "${written}"`;
      }
      if (issue.expected === 'boolean') return `must be true or false (without quotes), but it is ${shown(value)}`;
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, but it is ${shown(value)}${example ? `; e.g. ${example}` : ''}`;
    }
    case 'invalid_value':
      return notAllowed(value, issue.values.map(String));
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options && options.length > 0) {
        if (value === undefined) return `missing field "${key}"; add it, one of: ${options.join(', ')}`;
        return notAllowed(value, options.map(String));
      }
      return issue.message;
    }
    case 'invalid_format': {
      const text = typeof value === 'string' ? value : String(value);
      if (issue.format === 'email') return `"${text}" is not a valid email address; write one such as ${EXAMPLE_EMAIL}`;
      const pattern = (issue as { pattern?: string }).pattern;
      if (pattern === String(TIME_OF_DAY)) {
        return `"${text}" is not a valid time of day; write hours and minutes from 00:00 to 23:59, such as "08:00"`;
      }
      if (pattern === String(UNIT_ID)) {
        const s = slug(text);
        if (s && UNIT_ID.test(s)) {
          return `"${text}" is not a valid id: use lower-case letters without accents, digits and "-"; did you mean "${s}"?`;
        }
        return `"${text}" is not a valid id; write ${issue.message}`;
      }
      return `"${text}" is not valid here; write ${issue.message}`;
    }
    case 'too_small': {
      if (issue.origin === 'string') return `nothing is written here; write ${what ?? 'a value'}${eg}`;
      if (issue.origin === 'array')
        return `the list is empty; add at least ${issue.minimum} entry${what ? ` (${what})` : ''}${eg}`;
      return `${shown(value)} is too small; the least allowed is ${issue.minimum}`;
    }
    case 'too_big':
      return `${shown(value)} is too large; the most allowed is ${issue.maximum}`;
    default:
      return `${issue.message}${eg}`;
  }
}

function notAllowed(value: unknown, allowed: string[]): string {
  const list = allowed.join(', ');
  if (typeof value !== 'string') return `${shown(value)} is not an allowed value; write one of: ${list}`;
  const guess = closest(value, allowed);
  if (guess) return `"${value}" is not an allowed value; did you mean "${guess}"? Write one of: ${list}`;
  return `"${value}" is not an allowed value; write one of: ${list}`;
}

// ---------------------------------------------------------------------------------------------------
// Cross-field rules

interface Instant {
  utc: string;
  ms: number;
  local: string;
  /** Local calendar date, yyyy-MM-dd. */
  date: string;
}

type Kind = (typeof PHASE_ORDER)[number];

class Rules {
  private readonly ctx: DateContext;
  private readonly campaign: Obj;
  private readonly unitIds = new Map<string, PathSegment[]>();
  private planDate?: Instant;

  constructor(
    private readonly report: Report,
    private readonly data: unknown,
    private readonly options: ValidateOptions,
  ) {
    this.campaign = isObj(valueAt(data, ['campaign'])) ? (valueAt(data, ['campaign']) as Obj) : {};
    this.ctx = this.dateContext();
  }

  run(): void {
    this.planDate = this.read(['campaign', 'plan', 'date'], 'start');
    this.checkUnits(asArr(valueAt(this.data, ['units'])), ['units']);
    this.checkPhases();
  }

  /** The context dates are read in; a bad zone or hours are reported once and replaced by defaults. */
  private dateContext(): DateContext {
    const zone = asStr(this.campaign.timeZone);
    let timeZone = DEFAULT_ZONE;
    if (zone !== undefined) {
      if (IANAZone.isValidZone(zone)) timeZone = zone;
      else {
        this.report.add(
          'error',
          ['campaign', 'timeZone'],
          `unknown time zone "${zone}"; write an IANA time zone name such as "Asia/Ho_Chi_Minh" (Vietnam, UTC+7)`,
        );
      }
    }
    const calendar = isObj(this.campaign.calendar) ? this.campaign.calendar : {};
    const hours = isObj(calendar.workingHours) ? calendar.workingHours : {};
    const time = (v: unknown, fallback: string) => (typeof v === 'string' && TIME_OF_DAY.test(v) ? v : fallback);
    const workingHours = { start: time(hours.start, DEFAULT_HOURS.start), end: time(hours.end, DEFAULT_HOURS.end) };
    if (workingHours.end <= workingHours.start && hours.end !== undefined) {
      this.report.add(
        'error',
        ['campaign', 'calendar', 'workingHours', 'end'],
        `working hours end at ${workingHours.end}, not after they start (${workingHours.start}); write an end later than the start, e.g. 08:00–17:00`,
      );
    }
    const reminderTime = calendar.reminderTime;
    if (typeof reminderTime === 'string' && TIME_OF_DAY.test(reminderTime) && workingHours.start < workingHours.end) {
      if (reminderTime < workingHours.start || reminderTime > workingHours.end) {
        this.report.add(
          'warning',
          ['campaign', 'calendar', 'reminderTime'],
          `reminders sent at ${reminderTime} arrive outside working hours (${workingHours.start}–${workingHours.end}); choose a time within them, e.g. "${workingHours.start}"`,
        );
      }
    }
    const policy = calendar.deadlineOnDayOff;
    const deadlineOnDayOff = policy === 'keep' || policy === 'next' || policy === 'previous' ? policy : 'previous';
    return { timeZone, calendar: this.options.calendar, workingHours, deadlineOnDayOff };
  }

  /** Reads the date at `path`; reports it if unreadable. Undefined when absent or unreadable. */
  private read(path: PathSegment[], role: DateRole): Instant | undefined {
    const text = asStr(valueAt(this.data, path));
    if (text === undefined || text.trim() === '') return undefined; // the schema says it is missing
    const r = readDate(text, role, this.ctx);
    if (!r.ok) {
      this.report.add('error', path, r.error);
      return undefined;
    }
    return { utc: r.utc, ms: Date.parse(r.utc), local: r.local, date: localDateOf(r.utc, this.ctx.timeZone) };
  }

  private checkUnits(units: unknown[], listPath: PathSegment[]): void {
    units.forEach((unit, i) => {
      if (!isObj(unit)) return;
      const path = [...listPath, i];
      const id = asStr(unit.id);
      if (id !== undefined) {
        const first = this.unitIds.get(id);
        if (first) {
          this.report.add(
            'error',
            [...path, 'id'],
            `unit id "${id}" is already used by ${this.report.place([...first, 'id'])}; every unit, sub-units included, needs its own id — rename one of them`,
          );
        } else this.unitIds.set(id, path);
        if (id === 'all') {
          this.report.add(
            'error',
            [...path, 'id'],
            '"all" cannot be a unit id: in conference invitees it means every unit; choose another id',
          );
        }
      }
      this.checkUnits(asArr(unit.subUnits), [...path, 'subUnits']);
    });
  }

  private checkPhases(): void {
    const phases = asArr(valueAt(this.data, ['phases']));
    const seen = new Map<Kind, number>();
    let latest: { kind: Kind; rank: number } | undefined;
    let previous: { index: number; kind: Kind; start: Instant } | undefined;
    let synthesisEnd: Instant | undefined;
    const conferences: { index: number; date: Instant }[] = [];
    const misspelt = new Set<string>();

    phases.forEach((phase, i) => {
      if (!isObj(phase)) return;
      const kind = phase.kind as Kind;
      const rank = PHASE_ORDER.indexOf(kind);
      if (rank < 0) {
        // The schema reports the unknown kind; a misspelt required phase is not also "missing".
        const meant = typeof phase.kind === 'string' ? closest(phase.kind, PHASE_ORDER) : undefined;
        if (meant) misspelt.add(meant);
        return;
      }
      const base: PathSegment[] = ['phases', i];

      let inOrder = true;
      const firstIndex = seen.get(kind);
      if (firstIndex !== undefined) {
        inOrder = false;
        this.report.add(
          'error',
          [...base, 'kind'],
          `a second "${kind}" phase; each kind of phase comes at most once, and the first is ${this.report.place(['phases', firstIndex, 'kind'])}`,
        );
      } else {
        seen.set(kind, i);
        if (latest && rank < latest.rank) {
          inOrder = false;
          this.report.add(
            'error',
            [...base, 'kind'],
            `"${kind}" comes after "${latest.kind}"; phases go in the order ${ORDER_TEXT} — move this phase before "${latest.kind}"`,
          );
        }
      }
      if (!latest || rank > latest.rank) latest = { kind, rank };

      const start = this.read([...base, 'window', 'start'], 'start');
      const end = this.read([...base, 'window', 'end'], 'end');
      if (start && end && end.ms < start.ms) {
        this.report.add(
          'error',
          [...base, 'window', 'end'],
          `the window ends (${end.local}) before it starts (${start.local}); the end must be on or after the start`,
        );
      }
      if (start && this.planDate && start.date < this.planDate.date) {
        this.report.add(
          'error',
          [...base, 'window', 'start'],
          `the phase starts (${start.local}) before the plan is dated (${this.planDate.local.slice(0, 10)}); no phase can start before its plan`,
        );
      } else if (start && inOrder && previous && start.ms < previous.start.ms) {
        this.report.add(
          'error',
          [...base, 'window', 'start'],
          `the phase starts (${start.local}) before the previous phase "${previous.kind}" starts (${previous.start.local}, ${this.report.place(['phases', previous.index, 'window', 'start'])}); phases start one after another`,
        );
      }
      if (start && inOrder) previous = { index: i, kind, start };

      if (kind === 'self-review') this.checkSelfReview(phase, base, start, end);
      if (kind === 'synthesis' && end && firstIndex === undefined) synthesisEnd = end;
      if (kind === 'conference') {
        const date = this.read([...base, 'date'], 'start');
        if (date) conferences.push({ index: i, date });
        this.checkInvitees(asArr(phase.invitees), [...base, 'invitees']);
      }
    });

    if (Array.isArray(valueAt(this.data, ['phases']))) {
      for (const required of ['plan-issue', 'self-review'] as const) {
        if (seen.has(required) || misspelt.has(required)) continue;
        const what =
          required === 'plan-issue'
            ? 'add one (kind: plan-issue, with its window) as the first phase: it is when the plan is sent to units'
            : 'add one (kind: self-review, with window, deadline, lock and due): it is the phase in which units report';
        this.report.add('error', ['phases'], `there is no "${required}" phase; ${what}`, 'key');
      }
    }
    for (const { index, date } of conferences) {
      if (synthesisEnd && date.ms < synthesisEnd.ms) {
        this.report.add(
          'warning',
          ['phases', index, 'date'],
          `the conference (${date.local}) is held before the synthesis window ends (${synthesisEnd.local}); the report it discusses may not be ready — hold it after the synthesis`,
        );
      }
    }
  }

  private checkSelfReview(phase: Obj, base: PathSegment[], start?: Instant, end?: Instant): void {
    const deadline = this.read([...base, 'deadline'], 'deadline');
    const lock = this.read([...base, 'lock'], 'end');
    if (deadline && ((start && deadline.ms < start.ms) || (end && deadline.ms > end.ms))) {
      const window = `${start?.local ?? '…'} – ${end?.local ?? '…'}`;
      this.report.add(
        'error',
        [...base, 'deadline'],
        `the deadline (${deadline.local}) is outside the phase window (${window}); put the deadline inside the window, or widen the window`,
      );
    }
    if (deadline && lock && lock.ms < deadline.ms) {
      this.report.add(
        'error',
        [...base, 'lock'],
        `the lock (${lock.local}) comes before the deadline (${deadline.local}); submissions must stay open until the deadline — lock at or after it, e.g. at the end of the window`,
      );
    }
    if (deadline) this.checkPast(deadline, [...base, 'deadline']);
    this.checkReminders(asArr(phase.reminders), [...base, 'reminders']);
    this.checkEscalation(asArr(phase.escalation), [...base, 'escalation'], deadline);
    const nominations = valueAt(phase, ['due', 'nominations']);
    if (isObj(nominations)) this.checkQuota(nominations, [...base, 'due', 'nominations']);
  }

  private checkPast(deadline: Instant, path: PathSegment[]): void {
    const now = this.options.now;
    const nowMs = Date.parse(now);
    if (!(deadline.ms < nowMs)) return;
    const nowLocal = Number.isNaN(nowMs) ? now : formatLocal(new Date(nowMs).toISOString(), this.ctx.timeZone);
    const past = `the deadline (${deadline.local}) has already passed (now ${nowLocal})`;
    if (this.options.mode === 'start') {
      this.report.add(
        'error',
        path,
        `${past}; a campaign cannot start with a past deadline — move the deadline, or rehearse it with --rehearse`,
      );
    } else {
      this.report.add(
        'warning',
        path,
        `${past}; \`campaign start\` would refuse it (\`--rehearse\` replays it on a compressed timeline)`,
      );
    }
  }

  private checkReminders(reminders: unknown[], path: PathSegment[]): void {
    const first = new Map<string, number>();
    reminders.forEach((r, i) => {
      const m = typeof r === 'string' ? /^(\d{1,3})(d|wd)$/.exec(r) : null;
      if (!m) return;
      const key = `${Number(m[1])}${m[2]}`;
      const j = first.get(key);
      if (j === undefined) first.set(key, i);
      else {
        this.report.add(
          'warning',
          [...path, i],
          `reminder "${r as string}" is listed twice (also ${formatPath([...path, j])}); it is sent once — remove the duplicate`,
        );
      }
    });
  }

  private checkEscalation(steps: unknown[], path: PathSegment[], deadline?: Instant): void {
    type Step = { index: number; text: string; n: number; unit: string; date?: string };
    let before: Step | undefined;
    steps.forEach((step, i) => {
      const text = asStr(valueAt(step, ['after']));
      const m = text ? /^(\d{1,3})(d|wd)$/.exec(text) : null;
      if (!text || !m) return;
      const n = Number(m[1]);
      const date = deadline
        ? m[2] === 'wd'
          ? this.ctx.calendar.addWorkingDays(deadline.date, n)
          : plusDays(deadline.date, n)
        : undefined;
      const current: Step = { index: i, text, n, unit: m[2], date };
      if (before) {
        const notLater =
          current.date && before.date
            ? current.date <= before.date
            : current.unit === before.unit && current.n <= before.n;
        if (notLater) {
          const on = (s: Step) => (s.date ? `, ${s.date.split('-').reverse().join('/')}` : '');
          this.report.add(
            'error',
            [...path, i, 'after'],
            `escalation steps go in increasing order of "after": this step ("${text}"${on(current)}) is not later than the step before it ("${before.text}"${on(before)}); reorder the steps or change "after"`,
          );
        }
      }
      before = current;
    });
  }

  private checkQuota(nominations: Obj, path: PathSegment[]): void {
    const quota = nominations.quota;
    if (!isObj(quota)) return;
    const total = asNum(quota.total);
    const collective = asNum(quota.collective);
    const individual = asNum(quota.individual);
    const q: PathSegment[] = [...path, 'quota'];
    if (nominations.required === true && total === 0) {
      this.report.add(
        'error',
        [...q, 'total'],
        'nominations are required but the quota allows none (total: 0); set total to at least 1, or make nominations optional (required: false)',
      );
    }
    if (total !== undefined && total > 0 && collective === 0 && individual === 0) {
      this.report.add(
        'error',
        q,
        `the quota allows ${total} nomination${total === 1 ? '' : 's'} in all but 0 collectives and 0 individuals, so none can be made; raise collective or individual (e.g. collective: 1, individual: 1), or leave them out`,
        'key',
      );
    }
    for (const [kind, limit] of [
      ['collective', collective],
      ['individual', individual],
    ] as const) {
      if (total !== undefined && limit !== undefined && limit > total) {
        this.report.add(
          'warning',
          [...q, kind],
          `${kind}: ${limit} is more than total: ${total}; at most ${total} can be nominated in all — lower ${kind} to ${total} or raise total`,
        );
      }
    }
  }

  private checkInvitees(invitees: unknown[], path: PathSegment[]): void {
    const known = [...this.unitIds.keys()];
    invitees.forEach((invitee, i) => {
      if (typeof invitee !== 'string' || invitee === 'all' || this.unitIds.has(invitee)) return;
      const guess = closest(invitee, known);
      this.report.add(
        'error',
        [...path, i],
        `no unit has the id "${invitee}"; ${guess ? `did you mean "${guess}"? Invitees` : 'invitees'} are unit ids from units (sub-units included), or "all"`,
      );
    });
  }
}

function plusDays(date: string, n: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}
