/**
 * The pack's two pictures as SVG strings: built on the server, readable without JavaScript (every
 * mark has a <title> and a text label), and the same bytes for the same data (no clock, no random).
 */
import { DateTime } from 'luxon';
import type { SynthesisData } from '../domain/synthesis-types';
import { formatDate, zoned } from './vietnamese';

const FONT = 'Times New Roman, DejaVu Serif, serif';
const WIDTH = 900;
const COLORS = {
  bar: '#4a78b5',
  onTime: '#2e7d32',
  late: '#e08a00',
  deadline: '#c62828',
  lock: '#6a1b9a',
  today: '#1565c0',
};

/** Escapes text and attribute values (unit names come from the campaign file: "A & B <C>"). */
export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Fixed decimals: the output must not depend on floating-point printing. */
const n = (value: number): string => (Math.round(value * 10) / 10).toFixed(1);

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${n(x)}" y="${n(y)}"${attrs ? ` ${attrs}` : ''}>${xmlEscape(content)}</text>`;
}

function svgOpen(height: number, title: string, desc: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" font-family="${FONT}" font-size="15">`,
    `<title>${xmlEscape(title)}</title>`,
    `<desc>${xmlEscape(desc)}</desc>`,
    // A white ground as a path, not a rect: a rect is a data mark in these pictures.
    `<path d="M0 0H${WIDTH}V${height}H0Z" fill="#ffffff"/>`,
  ].join('\n');
}

/** How many characters of a phase name fit the label column (260 px at the chart's font size). */
const LABEL_CHARS = 30;

/** Day ticks at local midnights, a step chosen so that at most about ten labels fit. */
function dayTicks(from: DateTime, to: DateTime): DateTime[] {
  const days = Math.max(1, Math.ceil(to.diff(from, 'days').days));
  const step = [1, 2, 3, 5, 7, 10, 14, 15, 30, 60, 90].find((s) => days / s <= 10) ?? Math.ceil(days / 10);
  const ticks: DateTime[] = [];
  for (let t = from.startOf('day'); t <= to; t = t.plus({ days: step })) if (t >= from) ticks.push(t);
  return ticks;
}

/** What the timeline picture reads: a campaign not started yet (a draft's preview) has this much too. */
export type TimelineChartData = Pick<SynthesisData, 'timeZone' | 'phases' | 'builtAt' | 'planNumber' | 'title'>;

/** (a) The campaign timeline: one bar per phase on a date axis, deadline and lock marks, today. */
export function timelineSvg(data: TimelineChartData): string {
  const zone = data.timeZone;
  const phases = data.phases.map((p) => ({
    ...p,
    s: zoned(p.start, zone),
    e: zoned(p.end, zone),
    d: p.deadline ? zoned(p.deadline, zone) : undefined,
    l: p.lock ? zoned(p.lock, zone) : undefined,
  }));
  const today = zoned(data.builtAt, zone);
  const instants = [today, ...phases.flatMap((p) => [p.s, p.e, ...(p.d ? [p.d] : []), ...(p.l ? [p.l] : [])])];
  const millis = instants.map((t) => t.toMillis());
  const from = DateTime.fromMillis(Math.min(...millis), { zone }).startOf('day');
  const to = DateTime.fromMillis(Math.max(...millis), { zone }).endOf('day');
  const left = 260;
  const right = WIDTH - 30;
  const top = 70;
  const row = 40;
  const height = top + Math.max(1, phases.length) * row + 60;
  const axisY = top + phases.length * row + 10;
  const x = (t: DateTime): number =>
    left + ((t.toMillis() - from.toMillis()) / (to.toMillis() - from.toMillis())) * (right - left);

  const out = [
    svgOpen(
      height,
      `Tiến độ ${data.planNumber}: ${data.title}`,
      `Các giai đoạn của kế hoạch ${data.planNumber}, hạn nộp, thời điểm khóa và ngày lập (${formatDate(data.builtAt, zone)}).`,
    ),
    text(
      WIDTH / 2,
      28,
      `Tiến độ thực hiện Kế hoạch ${data.planNumber}`,
      'text-anchor="middle" font-size="19" font-weight="bold"',
    ),
  ];
  // Axis and its day ticks.
  out.push(`<path d="M${n(left)} ${n(axisY)}H${n(right)}" stroke="#333333"/>`);
  for (const t of dayTicks(from, to)) {
    out.push(`<path d="M${n(x(t))} ${n(top - 10)}V${n(axisY + 5)}" stroke="#dddddd"/>`);
    out.push(text(x(t), axisY + 22, t.toFormat('dd/MM'), 'text-anchor="middle" font-size="14"'));
  }
  phases.forEach((p, i) => {
    const y = top + i * row;
    const label = `${p.name}: ${formatDate(p.start, zone)} – ${formatDate(p.end, zone)}`;
    // The label column is fixed: a long phase name is cut (the bar's <title> gives it whole).
    const shown = p.name.length > LABEL_CHARS ? `${p.name.slice(0, LABEL_CHARS - 1).trimEnd()}…` : p.name;
    out.push(text(left - 10, y + 20, shown, 'text-anchor="end"'));
    out.push(
      `<rect class="phase" x="${n(x(p.s))}" y="${n(y + 6)}" width="${n(Math.max(2, x(p.e) - x(p.s)))}" height="20" fill="${COLORS.bar}" opacity="0.85"><title>${xmlEscape(label)}</title></rect>`,
    );
    if (p.d) {
      const dx = x(p.d);
      out.push(
        `<path class="deadline" d="M${n(dx)} ${n(y + 2)}l6 14l-6 14l-6 -14Z" fill="${COLORS.deadline}"><title>${xmlEscape(`Hạn nộp: ${p.d.toFormat('HH:mm dd/MM/yyyy')}`)}</title></path>`,
      );
      out.push(text(dx + 8, y + 4, `Hạn ${p.d.toFormat('dd/MM')}`, `font-size="13" fill="${COLORS.deadline}"`));
    }
    if (p.l) {
      const lx = x(p.l);
      out.push(
        `<path class="lock" d="M${n(lx)} ${n(y + 2)}V${n(y + 30)}" stroke="${COLORS.lock}" stroke-width="3"><title>${xmlEscape(`Khóa: ${p.l.toFormat('HH:mm dd/MM/yyyy')}`)}</title></path>`,
      );
      out.push(text(lx + 5, y + 36, `Khóa ${p.l.toFormat('dd/MM')}`, `font-size="13" fill="${COLORS.lock}"`));
    }
  });
  const tx = x(today);
  out.push(
    `<path class="today" d="M${n(tx)} ${n(top - 14)}V${n(axisY)}" stroke="${COLORS.today}" stroke-width="2" stroke-dasharray="6 4"><title>${xmlEscape(`Hôm nay: ${formatDate(data.builtAt, zone)}`)}</title></path>`,
  );
  out.push(
    text(
      tx,
      top - 18,
      `Hôm nay ${today.toFormat('dd/MM/yyyy')}`,
      `text-anchor="middle" font-size="14" fill="${COLORS.today}"`,
    ),
  );
  out.push('</svg>', '');
  return out.join('\n');
}

export interface DaySubmissions {
  /** Local date, yyyy-mm-dd. */
  day: string;
  onTime: number;
  late: number;
}

/**
 * Units whose submission was received each local day, split by on time and late (their status
 * says which). Every day from the first receipt to the last is listed, empty days included.
 */
export function submissionsByDay(data: SynthesisData): DaySubmissions[] {
  const counts = new Map<string, { onTime: number; late: number }>();
  for (const unit of data.units) {
    if (!unit.submittedAt || (unit.status !== 'submitted' && unit.status !== 'late')) continue;
    const day = zoned(unit.submittedAt, data.timeZone).toISODate() ?? '';
    const c = counts.get(day) ?? { onTime: 0, late: 0 };
    if (unit.status === 'late') c.late += 1;
    else c.onTime += 1;
    counts.set(day, c);
  }
  const days = [...counts.keys()].sort();
  if (days.length === 0) return [];
  const out: DaySubmissions[] = [];
  const last = zoned(days[days.length - 1], data.timeZone);
  for (let d = zoned(days[0], data.timeZone); d <= last; d = d.plus({ days: 1 })) {
    const key = d.toISODate() ?? '';
    out.push({ day: key, ...(counts.get(key) ?? { onTime: 0, late: 0 }) });
  }
  return out;
}

/** (b) Submissions over time: per day, stacked on time (below) and late (above). */
export function submissionsSvg(data: SynthesisData): string {
  const zone = data.timeZone;
  const days = submissionsByDay(data);
  const height = 380;
  const left = 60;
  const right = WIDTH - 30;
  const top = 70;
  const bottom = height - 60;
  const out = [
    svgOpen(
      height,
      `Tiếp nhận báo cáo theo ngày – ${data.planNumber}`,
      `Số đơn vị nộp báo cáo mỗi ngày (giờ ${zone}), đúng hạn và nộp muộn.`,
    ),
    text(
      WIDTH / 2,
      28,
      `Số đơn vị nộp báo cáo theo ngày – Kế hoạch ${data.planNumber}`,
      'text-anchor="middle" font-size="19" font-weight="bold"',
    ),
  ];
  // Legend.
  const legend = right - 250;
  out.push(
    `<rect x="${legend}" y="42" width="14" height="14" fill="${COLORS.onTime}"/>`,
    text(legend + 20, 54, 'Đúng hạn'),
  );
  out.push(
    `<rect x="${legend + 120}" y="42" width="14" height="14" fill="${COLORS.late}"/>`,
    text(legend + 140, 54, 'Nộp muộn'),
  );
  out.push(`<path d="M${left} ${bottom}H${right}M${left} ${top}V${bottom}" stroke="#333333"/>`);
  if (days.length === 0) {
    out.push(text(WIDTH / 2, (top + bottom) / 2, 'Chưa có đơn vị nào nộp báo cáo.', 'text-anchor="middle"'));
    out.push('</svg>', '');
    return out.join('\n');
  }
  const max = Math.max(1, ...days.map((d) => d.onTime + d.late));
  const yStep = Math.ceil(max / 5);
  const yMax = Math.ceil(max / yStep) * yStep;
  const y = (count: number): number => bottom - (count / yMax) * (bottom - top);
  for (let v = 0; v <= yMax; v += yStep) {
    out.push(
      `<path d="M${left} ${n(y(v))}H${right}" stroke="#e0e0e0"/>`,
      text(left - 8, y(v) + 4, String(v), 'text-anchor="end" font-size="14"'),
    );
  }
  out.push(text(16, top - 12, 'Số đơn vị', 'font-size="14"'));
  const slot = (right - left) / days.length;
  const barWidth = Math.min(40, slot * 0.7);
  const labelEvery = Math.ceil(days.length / 12);
  days.forEach((d, i) => {
    const cx = left + slot * (i + 0.5);
    const date = formatDate(d.day, zone);
    if (d.onTime > 0) {
      out.push(
        `<rect class="on-time" x="${n(cx - barWidth / 2)}" y="${n(y(d.onTime))}" width="${n(barWidth)}" height="${n(bottom - y(d.onTime))}" fill="${COLORS.onTime}"><title>${xmlEscape(`${date}: ${d.onTime} đơn vị đúng hạn`)}</title></rect>`,
      );
    }
    if (d.late > 0) {
      const total = d.onTime + d.late;
      out.push(
        `<rect class="late" x="${n(cx - barWidth / 2)}" y="${n(y(total))}" width="${n(barWidth)}" height="${n(y(d.onTime) - y(total))}" fill="${COLORS.late}"><title>${xmlEscape(`${date}: ${d.late} đơn vị nộp muộn`)}</title></rect>`,
      );
    }
    if (d.onTime + d.late > 0)
      out.push(text(cx, y(d.onTime + d.late) - 4, String(d.onTime + d.late), 'text-anchor="middle" font-size="14"'));
    if (i % labelEvery === 0) out.push(text(cx, bottom + 20, date.slice(0, 5), 'text-anchor="middle" font-size="14"'));
  });
  out.push(text((left + right) / 2, bottom + 45, `Ngày nhận (giờ ${zone})`, 'text-anchor="middle" font-size="14"'));
  out.push('</svg>', '');
  return out.join('\n');
}
