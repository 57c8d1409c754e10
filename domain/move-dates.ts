/**
 * A new campaign from an earlier one, "copied with its dates moved" (issue 18): every date of the
 * campaign file moves by a number of years, keeping day and month (annual and half-year campaigns
 * recur on the same days). Only the date fields move — `campaign.plan.date`, each phase's
 * `window.start`/`window.end`, `deadline`, `lock`, a conference's `date`, a synthesis's
 * `approval.deadline`/`approval.lock` — plus `campaign.id` when it ends with a year (an id already
 * used cannot start again). Each is replaced within its own source range, so the rest of the text
 * (comments, quoting, titles that name a year) is kept byte for byte.
 *
 * Forms (see `domain/date-phrases.ts`): "15/10/2009", "15/10/2009 17:00", "trước ngày 15/10/2009",
 * "ngày 15 tháng 10 năm 2009", ISO "2009-10-15" and instants; rough dates ("tháng 11/2009",
 * "quý III/2015") move their year and stay rough. 29/2 in a year that has none becomes 28/2, with a note.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { checkPeriodPhrase, shiftPhraseMonths } from './move-dates-period';
import { isoDayVn } from './iso-day';
import { periodBounds, periodId, periodIndex, periodMonths, periodOfDate, type Period } from './periods';

export interface MovedDate {
  /** The field, e.g. `phases[1].deadline`. */
  path: string;
  from: string;
  to: string;
}

export interface MoveResult {
  text: string;
  moved: MovedDate[];
  /** Notes and problems for the clerk, in Vietnamese (a 29/2 made 28/2, a date with no year …). */
  problems: string[];
}

type Key = string | number;

const PHASE_DATE_PATHS: Key[][] = [
  ['window', 'start'],
  ['window', 'end'],
  ['deadline'],
  ['lock'],
  ['date'],
  ['approval', 'deadline'],
  ['approval', 'lock'],
];

const pad2 = (n: number) => String(n).padStart(2, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** `phases[1].window.start` */
function pathText(keys: Key[]): string {
  return keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** A day and month in `year`: 29/2 in a year without one becomes 28/2 (`clamped`). */
function dayIn(day: number, month: number, year: number): { day: number; clamped: boolean } {
  if (month === 2 && day === 29 && !isLeap(year)) return { day: 28, clamped: true };
  return { day, clamped: false };
}

const RE_ISO_START = /^(\s*["']?)(\d{4})-(\d{2})-(\d{2})/;
/** A day written with slashes, with "tháng … năm", or a bare year (a rough date's, or a time-less one). */
const RE_YEARS =
  /(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4})(?!\d)|(\d{1,2})(\s+th[aá]ng\s+)(\d{1,2})(\s+n[aă]m\s+)(\d{4})(?!\d)|(?<!\d)(\d{4})(?!\d)/giu;

export interface ShiftedPhrase {
  text: string;
  /** How many years were found and moved. */
  count: number;
  /** The days written 29/2 that became 28/2, as they were written: "29/02/2008". */
  clamped: string[];
}

/**
 * Moves every year of one date phrase by `years` (day and month kept). Works on the phrase as typed
 * or on its YAML source (quotes included): only digits change.
 */
export function shiftPhraseYears(text: string, years: number): ShiftedPhrase {
  const clamped: string[] = [];
  let count = 0;
  const iso = RE_ISO_START.exec(text);
  if (iso) {
    const [whole, lead, y, mo, d] = iso;
    const year = Number(y) + years;
    const moved = dayIn(Number(d), Number(mo), year);
    if (moved.clamped) clamped.push(`${d}/${mo}/${y}`);
    const head = `${lead}${String(year).padStart(4, '0')}-${mo}-${pad2(moved.day)}`;
    return { text: head + text.slice(whole.length), count: 1, clamped };
  }
  const out = text.replace(
    RE_YEARS,
    (
      whole: string,
      d1?: string,
      s1?: string,
      m1?: string,
      s2?: string,
      y1?: string,
      d2?: string,
      w1?: string,
      m2?: string,
      w2?: string,
      y2?: string,
      bare?: string,
    ) => {
      count++;
      if (bare !== undefined) return String(Number(bare) + years);
      const [d, sepA, m, sepB, y] = d1 !== undefined ? [d1, s1!, m1!, s2!, y1!] : [d2!, w1!, m2!, w2!, y2!];
      const year = Number(y) + years;
      const moved = dayIn(Number(d), Number(m), year);
      if (moved.clamped) clamped.push(d1 !== undefined ? whole : `${d}/${m}/${y}`);
      const day = moved.clamped ? String(moved.day) : d;
      return `${day}${sepA}${m}${sepB}${year}`;
    },
  );
  return { text: out, count, clamped };
}

interface Target {
  keys: Key[];
  from: string;
  to: string;
  /** The scalar's source range [start, end) in the text. */
  range: [number, number];
}

function scalarAt(doc: Document, keys: Key[]) {
  const node = doc.getIn(keys, true);
  return isScalar(node) ? node : undefined;
}

/**
 * The campaign file `yamlText` with its dates moved by `years` (negative moves back). A text that is
 * not a YAML mapping comes back unchanged with a problem.
 */
export function moveCampaignYears(yamlText: string, years: number): MoveResult {
  const doc = parseDocument(yamlText, { keepSourceTokens: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    return {
      text: yamlText,
      moved: [],
      problems: ['Nội dung không phải một tệp kế hoạch YAML đọc được; chưa dời ngày.'],
    };
  }
  if (!Number.isInteger(years) || years === 0) return { text: yamlText, moved: [], problems: [] };

  const paths: Key[][] = [['campaign', 'plan', 'date']];
  const phases = doc.getIn(['phases'], true);
  if (isSeq(phases)) {
    phases.items.forEach((_, i) => PHASE_DATE_PATHS.forEach((p) => paths.push(['phases', i, ...p])));
  }

  const problems: string[] = [];
  const targets: Target[] = [];
  for (const keys of paths) {
    const node = scalarAt(doc, keys);
    if (!node || !node.range) continue;
    const where = pathText(keys);
    if (typeof node.value !== 'string') {
      problems.push(`${where}: "${String(node.value)}" không phải ngày tháng đọc được; giữ nguyên.`);
      continue;
    }
    const value = shiftPhraseYears(node.value, years);
    if (value.count === 0) {
      problems.push(`${where}: "${node.value}" không ghi năm; giữ nguyên.`);
      continue;
    }
    for (const c of value.clamped) {
      const [, , y] = c.split(/[/.-]/);
      problems.push(
        `${where}: ngày ${c} không có trong năm ${Number(y) + years} (không phải năm nhuận); đã đổi thành ngày 28/02.`,
      );
    }
    targets.push({ keys, from: node.value, to: value.text, range: [node.range[0], node.range[1]] });
  }

  const id = scalarAt(doc, ['campaign', 'id']);
  if (id?.range && typeof id.value === 'string') {
    const m = /(?<!\d)(\d{4})$/.exec(id.value);
    if (m) {
      const to = id.value.slice(0, m.index) + String(Number(m[1]) + years);
      targets.push({ keys: ['campaign', 'id'], from: id.value, to, range: [id.range[0], id.range[1]] });
    }
  }

  // Each scalar's source is replaced in place, last first, so the earlier ranges stay right.
  let text = yamlText;
  for (const t of [...targets].sort((a, b) => b.range[0] - a.range[0])) {
    const source = yamlText.slice(t.range[0], t.range[1]);
    const replaced = t.keys[1] === 'id' ? source.split(t.from).join(t.to) : shiftPhraseYears(source, years).text;
    text = text.slice(0, t.range[0]) + replaced + text.slice(t.range[1]);
  }

  // What the new text reads as must be what was meant (a quoted or folded scalar could surprise).
  const check = parseDocument(text);
  for (const t of targets) {
    const now = check.getIn(t.keys);
    if (now !== t.to) problems.push(`${pathText(t.keys)}: không dời được "${t.from}"; hãy sửa tay.`);
  }

  const moved = targets
    .sort((a, b) => a.range[0] - b.range[0])
    .map((t) => ({ path: pathText(t.keys), from: t.from, to: t.to }));
  return { text, moved, problems };
}

// ------------------------------------------------------------------------------------------ periods

export interface PeriodMoveResult {
  text: string;
  moved: MovedDate[];
  /** Why the template cannot recur, each with its field and line, in Vietnamese: nothing may start. */
  problems: string[];
  /** What the clerk should know (a 31/12 made 30/6); the move stands. */
  notes: string[];
  /** The period the template's dates lie in (undefined when it has no date). */
  source?: Period;
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/**
 * The template `yamlText` for the period `target`: every date field moved by whole periods, keeping
 * its place in its period (day and month within the half-year or year, {@link shiftPhraseMonths}),
 * and `campaign.id` set to `campaignId`. The template's dates must all lie in one period — the one its
 * first date is in — or consecutive periods' campaigns would overlap and a moved date would leave
 * its period; a date outside it, a weekday written with a date, or a date without a year is refused.
 */
export function moveCampaignToPeriod(yamlText: string, target: Period, campaignId: string): PeriodMoveResult {
  const none = { text: yamlText, moved: [], notes: [] };
  const doc = parseDocument(yamlText, { keepSourceTokens: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    return { ...none, problems: ['Nội dung không phải một tệp kế hoạch YAML đọc được; chưa dời ngày.'] };
  }
  const paths: Key[][] = [['campaign', 'plan', 'date']];
  const phases = doc.getIn(['phases'], true);
  if (isSeq(phases)) {
    phases.items.forEach((_, i) => PHASE_DATE_PATHS.forEach((p) => paths.push(['phases', i, ...p])));
  }

  const problems: string[] = [];
  const fields: { keys: Key[]; where: string; value: string; range: [number, number]; first: string; last: string }[] =
    [];
  for (const keys of paths) {
    const node = scalarAt(doc, keys);
    if (!node || !node.range) continue;
    const where = `${pathText(keys)} (dòng ${lineOf(yamlText, node.range[0])})`;
    if (typeof node.value !== 'string') {
      problems.push(`${where}: "${String(node.value)}" không phải ngày tháng đọc được.`);
      continue;
    }
    const weekday = checkPeriodPhrase(node.value);
    if (weekday) problems.push(`${where}: "${node.value}" ${weekday}.`);
    const found = shiftPhraseMonths(node.value, 0);
    // Moved by nothing, a phrase only reports days that do not exist (31/13/2012, tháng 13/2012).
    if (found.unmovable.length > 0) {
      problems.push(`${where}: "${node.value}" không phải ngày có thật (${found.unmovable.join(', ')}); hãy sửa ngày.`);
      continue;
    }
    if (found.spans.length === 0) {
      problems.push(`${where}: "${node.value}" không ghi năm, nên không biết thuộc kỳ nào.`);
      continue;
    }
    const first = found.spans.map((s) => s.first).sort()[0];
    const last = found.spans.map((s) => s.last).sort()[found.spans.length - 1];
    fields.push({ keys, where, value: node.value, range: [node.range[0], node.range[1]], first, last });
  }
  if (fields.length === 0) {
    return { ...none, problems: problems.length > 0 ? problems : ['Mẫu không có ngày nào để dời vào kỳ.'] };
  }

  const source = periodOfDate(fields.map((f) => f.first).sort()[0], target.every);
  const bounds = periodBounds(source);
  for (const f of fields) {
    if (f.first < bounds.first || f.last > bounds.last) {
      problems.push(
        `${f.where}: "${f.value}" nằm ngoài kỳ ${periodId(source)} (${isoDayVn(bounds.first)}–${isoDayVn(bounds.last)}) ` +
          `của ngày đầu tiên trong mẫu; mẫu lặp lại ${target.every === 'year' ? 'hằng năm' : 'nửa năm một lần'} ` +
          `phải có mọi ngày trong cùng một kỳ, nếu không các kỳ sẽ chồng lên nhau.`,
      );
    }
  }

  const months = (periodIndex(target) - periodIndex(source)) * periodMonths(target.every);
  const notes: string[] = [];
  const edits: { range: [number, number]; text: string }[] = [];
  const moved: MovedDate[] = [];
  for (const f of fields) {
    const value = shiftPhraseMonths(f.value, months);
    for (const u of value.unmovable) problems.push(`${f.where}: "${u}" không dời theo nửa năm được; hãy ghi rõ ngày.`);
    for (const c of value.clamped)
      notes.push(`${f.where}: ngày ${c} không có trong tháng đích; đã đổi thành ngày cuối tháng.`);
    edits.push({ range: f.range, text: shiftPhraseMonths(yamlText.slice(f.range[0], f.range[1]), months).text });
    moved.push({ path: pathText(f.keys), from: f.value, to: value.text });
  }
  const id = scalarAt(doc, ['campaign', 'id']);
  if (!id?.range || typeof id.value !== 'string') {
    problems.push('campaign.id: mẫu chưa có mã đợt thi đua.');
  } else {
    const source = yamlText.slice(id.range[0], id.range[1]);
    edits.push({ range: [id.range[0], id.range[1]], text: source.split(id.value).join(campaignId) });
    moved.push({ path: 'campaign.id', from: id.value, to: campaignId });
  }
  if (problems.length > 0) return { ...none, problems, source };

  let text = yamlText;
  for (const e of [...edits].sort((a, b) => b.range[0] - a.range[0])) {
    text = text.slice(0, e.range[0]) + e.text + text.slice(e.range[1]);
  }
  const check = parseDocument(text);
  for (const m of moved) {
    const keys = m.path === 'campaign.id' ? ['campaign', 'id'] : fields.find((f) => pathText(f.keys) === m.path)!.keys;
    if (check.getIn(keys) !== m.to) problems.push(`${m.path}: không dời được "${m.from}"; hãy sửa tay.`);
  }
  return { text, moved, problems, notes, source };
}
