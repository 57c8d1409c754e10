/**
 * The words of every validation problem, one table per language: Vietnamese (`vi`, the default — a
 * secretariat clerk reads them) and English (`en`, on request: `--lang en`, `THIDUA_LANG=en`). A
 * message is a code and its parameters ({@link Texts}); {@link textsFor} gives the table of a
 * language. Field paths (`phases[1].deadline`), values and YAML examples are never translated: they
 * are the file's own words. Dates are written dd/MM/yyyy HH:mm in both languages.
 */

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
export const DEFAULT_LANG: Lang = 'vi';

/** `'en'`, `'EN'`, `'en_US.UTF-8'` → `'en'`; `'vi'` → `'vi'`; anything else (or nothing) → undefined. */
export function parseLang(text: string | undefined): Lang | undefined {
  const code = text?.trim().toLowerCase().slice(0, 2);
  return code === 'vi' || code === 'en' ? code : undefined;
}

/** A place named inside a message: a field and its line. */
export interface Place {
  path: string;
  line: number;
}

import { conferenceEn, conferenceVi } from './conference-texts';
import { subCampaignEn, subCampaignVi } from './sub-campaign-texts';
import { councilEn, councilVi, scaleEn, scaleVi } from './council-texts';

type None = Record<string, never>;

/** What a field holds and an example line, from the schema's metadata. */
interface Hint {
  what?: string;
  example?: string;
}

const list = (items: readonly string[]) => items.join(', ');

/** How a value looks to someone reading the file. */
function shownEn(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a block of fields';
  if (typeof value === 'string') return `the text "${value}"`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return typeof value;
}

function shownVi(value: unknown): string {
  if (value === null) return 'để trống';
  if (Array.isArray(value)) return 'một danh sách';
  if (typeof value === 'object') return 'một khối trường';
  if (typeof value === 'string') return `chữ "${value}"`;
  if (typeof value === 'number') return `số ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return typeof value;
}

const TYPE_NAMES_EN: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a block of fields ("name: value" lines, indented)',
  array: 'a list (one "- " line per entry)',
};

const TYPE_NAMES_VI: Record<string, string> = {
  string: 'một đoạn chữ',
  number: 'một số',
  int: 'một số nguyên',
  boolean: 'true hoặc false',
  object: 'một khối trường (các dòng "tên: giá trị", thụt lề)',
  array: 'một danh sách (mỗi mục một dòng bắt đầu bằng "- ")',
};

/** Where a problem is, as the messages write it. */
const placeEn = (p: Place) => `${p.path} (line ${p.line})`;
const placeVi = (p: Place) => `${p.path} (dòng ${p.line})`;

const en = {
  severity: (p: { severity: 'error' | 'warning' }): string => p.severity,
  unit: (p: { id: string }) => `unit ${p.id}`,
  place: placeEn,
  summary: (p: { errors: number; warnings: number }) =>
    `${p.errors} error${p.errors === 1 ? '' : 's'}, ${p.warnings} warning${p.warnings === 1 ? '' : 's'}`,

  // The file
  emptyFile: (_: None) =>
    'the file is empty; a campaign file has three sections — campaign, units and phases — ' +
    'start from a sample such as config/campaigns/vinh-phuc-67-kh-tu-2009.yaml',
  internalError: (p: { message: string }) => `internal error while checking the file (please report it): ${p.message}`,
  fileMissing: (p: { cwd: string }) =>
    `the file does not exist (looked for it from ${p.cwd}); check the name and the folder`,
  isFolder: (_: None) =>
    'this is a folder, not a file; name a campaign file such as config/campaigns/vinh-phuc-67-kh-tu-2009.yaml',
  noPermission: (_: None) => 'the file cannot be read (no permission); ask for read access or copy it elsewhere',
  readFailed: (p: { message: string }) => `the file cannot be read: ${p.message}`,
  holidayTable: (p: { message: string }) => `cannot check dates: the holiday table does not load: ${p.message}`,
  fileTooBig: (p: { size: number; max: number }) =>
    `the file is ${mb(p.size)} MB; a campaign file is at most ${mb(p.max)} MB — is this really a campaign file? ` +
    'Keep documents out of it and attach them instead (attachments)',
  notUtf8: (p: { encoding?: string; bytes: string }) =>
    `the file is not in UTF-8 (byte${p.bytes.includes(' ') ? 's' : ''} ${p.bytes} here cannot be read)` +
    `${p.encoding ? `; it looks like ${p.encoding}, an old Vietnamese encoding` : ''}` +
    '; open it in an editor and save it again as "UTF-8" (in Unikey: Tools → Convert, destination Unicode)',
  attachmentType: (p: { file: string; types: string[] }) => `"${p.file}": only ${list(p.types)} files can be attached`,
  attachmentMissing: (p: { file: string; shown: string }) =>
    `"${p.file}" does not exist (looked for ${p.shown}); the path is relative to the campaign file`,
  attachmentNotFile: (p: { file: string }) => `"${p.file}" is not a file`,
  attachmentEmpty: (p: { file: string }) => `"${p.file}" is empty`,
  attachmentTooBig: (p: { file: string; size: number }) =>
    `"${p.file}" is ${p.size} bytes; at most 10 MB can be attached`,

  // YAML syntax
  tab: (_: None) =>
    'YAML syntax error: a tab is used for indentation; YAML indents with spaces only — replace the tab with spaces',
  duplicateKey: (p: { key?: string }) =>
    `YAML syntax error: the field ${p.key ? `"${p.key}" ` : ''}is written twice in the same block; keep only one`,
  unclosedQuote: (_: None) =>
    'YAML syntax error: the quoted text that starts here is never closed; add the closing quote at its end',
  implicitKey: (p: { message: string }) =>
    `YAML syntax error: ${p.message}; each field goes on its own line as "name: value", ` +
    'indented under its parent with spaces, and a value containing ": " must be quoted',
  multipleDocs: (_: None) =>
    'YAML syntax error: the file holds more than one document ("---"); a campaign file is a single document',
  syntaxOther: (p: { message: string }) =>
    `YAML syntax error: ${p.message}; check the indentation (spaces, aligned under the parent) and the quotes`,
  yamlWarning: (p: { message: string }) => `YAML: ${p.message}`,
  yamlFailed: (p: { message: string }) => `YAML: ${p.message}`,
  aliasBomb: (p: { alias: string; count: number }) =>
    `the reference "*${p.alias}" nests other references: its content would be copied ${p.count} times ` +
    '(references nested in references, a "billion laughs"); the file is refused without being expanded — write the content out instead',

  // Schema
  unknownFieldGuess: (p: { key: string; guess: string }) => `unknown field "${p.key}"; did you mean "${p.guess}"?`,
  unknownField: (p: { key: string; allowed: string[] }) =>
    `unknown field "${p.key}"; the fields allowed here are: ${list(p.allowed)}`,
  rootNotMap: (p: { value: unknown }) =>
    `a campaign file is a block of fields with three sections — campaign, units and phases — but this file holds ${shownEn(p.value)}`,
  missingField: (p: { key: string } & Hint) =>
    `missing field "${p.key}"${p.what ? ` (${p.what})` : ''}; add it${p.example ? `, e.g. ${p.example}` : ''}`,
  nothingWritten: (p: Hint) =>
    `nothing is written here; write ${p.what ?? 'a value'}${p.example ? `, e.g. ${p.example}` : ''}`,
  notWhole: (p: { value: number }) => `${p.value} is not a whole number; write a whole number such as 1`,
  numberForText: (p: { written: string; value: unknown }) =>
    `must be a text, but YAML reads ${p.written} as ${shownEn(p.value)}; put it in quotes: "${p.written}"`,
  notBoolean: (p: { value: unknown }) => `must be true or false (without quotes), but it is ${shownEn(p.value)}`,
  wrongType: (p: { expected: string; value: unknown; example?: string }) =>
    `must be ${TYPE_NAMES_EN[p.expected] ?? p.expected}, but it is ${shownEn(p.value)}${p.example ? `; e.g. ${p.example}` : ''}`,
  notAllowed: (p: { value: unknown; allowed: string[]; guess?: string }) =>
    typeof p.value !== 'string'
      ? `${shownEn(p.value)} is not an allowed value; write one of: ${list(p.allowed)}`
      : p.guess
        ? `"${p.value}" is not an allowed value; did you mean "${p.guess}"? Write one of: ${list(p.allowed)}`
        : `"${p.value}" is not an allowed value; write one of: ${list(p.allowed)}`,
  missingOneOf: (p: { key: string; options: string[] }) =>
    `missing field "${p.key}"; add it, one of: ${list(p.options)}`,
  badEmail: (p: { text: string; example: string }) =>
    `"${p.text}" is not a valid email address; write one such as ${p.example}`,
  badTime: (p: { text: string }) =>
    `"${p.text}" is not a valid time of day; write hours and minutes from 00:00 to 23:59, such as "08:00"`,
  badIdGuess: (p: { text: string; guess: string }) =>
    `"${p.text}" is not a valid id: use lower-case letters without accents, digits and "-"; did you mean "${p.guess}"?`,
  badId: (p: { text: string }) =>
    `"${p.text}" is not a valid id; write lower-case letters, digits and "-", e.g. "so-noi-vu"`,
  badReminder: (p: { text: string }) =>
    `"${p.text}" is not valid here; write an offset such as "7d" (calendar days) or "3wd" (working days); "0d" is the day itself`,
  badLateness: (p: { text: string }) =>
    `"${p.text}" is not valid here; write an offset such as "1d" (calendar days) or "2wd" (working days) after the deadline`,
  notValid: (p: { text: string; rule: string }) => `"${p.text}" is not valid here; write ${p.rule}`,
  emptyList: (p: { minimum: number } & Hint) =>
    `the list is empty; add at least ${p.minimum} entry${p.what ? ` (${p.what})` : ''}${p.example ? `, e.g. ${p.example}` : ''}`,
  tooSmall: (p: { value: unknown; minimum: number }) =>
    `${shownEn(p.value)} is too small; the least allowed is ${p.minimum}`,
  tooBig: (p: { value: unknown; maximum: number }) =>
    `${shownEn(p.value)} is too large; the most allowed is ${p.maximum}`,
  tooLong: (p: { length: number; maximum: number }) =>
    `this text is ${p.length} characters long; at most ${p.maximum} are allowed here — shorten it`,
  badAttachment: (p: { value: unknown }) =>
    `a document sent with the plan is its title (a line of text) or a block { title, file }, but this is ${shownEn(p.value)}; ` +
    'e.g. { title: Đề cương báo cáo, file: de-cuong.pdf }',
  invalidHere: (p: { value: unknown }) => `${shownEn(p.value)} is not valid here`,
  other: (p: { message: string; example?: string }) => `${p.message}${p.example ? `, e.g. ${p.example}` : ''}`,

  // Cross-field rules
  unknownTimeZone: (p: { zone: string }) =>
    `unknown time zone "${p.zone}"; write an IANA time zone name such as "Asia/Ho_Chi_Minh" (Vietnam, UTC+7)`,
  hoursReversed: (p: { start: string; end: string }) =>
    `working hours end at ${p.end}, not after they start (${p.start}); write an end later than the start, e.g. 08:00–17:00`,
  reminderAtNight: (p: { time: string; start: string; end: string }) =>
    `reminders sent at ${p.time} arrive outside working hours (${p.start}–${p.end}); choose a time within them, e.g. "${p.start}"`,
  badDate: (p: { error: string }) => p.error,
  duplicateUnitId: (p: { id: string; first: Place }) =>
    `unit id "${p.id}" is already used by ${en.place(p.first)}; every unit, sub-units included, needs its own id — rename one of them`,
  unitIdCase: (p: { id: string; other: string; first: Place }) =>
    `unit id "${p.id}" differs from "${p.other}" (${en.place(p.first)}) only by upper/lower case; ` +
    'ids are compared without regard to case — write ids in lower case and rename one of them',
  allAsUnitId: (_: None) => '"all" cannot be a unit id: in conference invitees it means every unit; choose another id',
  sameAsHead: (p: { role: 'head' | 'focal'; email: string }) =>
    `the supervisor has the same email (${p.email}) as the unit's own ${p.role === 'head' ? 'head' : 'focal person'}; ` +
    'lateness would escalate to the person who is late — name the body above the unit, or leave supervisor out (the secretariat is then told)',
  contactUnnamed: (_: None) =>
    'this contact names neither a person (name) nor an office (division); write one of them, e.g. division: Phòng Thi đua - Khen thưởng',
  contactUnreachable: (_: None) =>
    'this contact gives no way to reach it; write an email, a phone or a fax, e.g. phone: "0211.3862480"',
  noSecretariatEmail: (_: None) =>
    'no secretariat contact has an email: the secretariat will not be told of late units or refused addresses; add an email to one contact',
  duplicatePhase: (p: { kind: string; first: Place }) =>
    `a second "${p.kind}" phase; each kind of phase comes at most once, and the first is ${en.place(p.first)}`,
  phaseOrder: (p: { kind: string; latest: string; order: string }) =>
    `"${p.kind}" comes after "${p.latest}"; phases go in the order ${p.order} — move this phase before "${p.latest}"`,
  windowReversed: (p: { start: string; end: string }) =>
    `the window ends (${p.end}) before it starts (${p.start}); the end must be on or after the start`,
  beforePlan: (p: { start: string; plan: string }) =>
    `the phase starts (${p.start}) before the plan is dated (${p.plan}); no phase can start before its plan`,
  beforePrevious: (p: { start: string; kind: string; previous: string; place: Place }) =>
    `the phase starts (${p.start}) before the previous phase "${p.kind}" starts (${p.previous}, ${en.place(p.place)}); phases start one after another`,
  noPlanIssue: (_: None) =>
    'there is no "plan-issue" phase; add one (kind: plan-issue, with its window) as the first phase: it is when the plan is sent to units',
  phaseIdMissing: (p: { count: number }) =>
    `the campaign has ${p.count} deadline phases ("self-review"): each needs an id naming it, e.g. id: ke-hoach`,
  phaseIdDuplicate: (p: { id: string; first: Place }) =>
    `phase id "${p.id}" is already used by ${en.place(p.first)}; each deadline phase has its own id`,
  deadlineWindowsOverlap: (p: { start: string; end: string; place: Place }) =>
    `this deadline phase opens (${p.start}) before the previous one closes (window end ${p.end}, ${en.place(p.place)}); deadline phases run one after another — start this one at or after that end`,
  noDeliverables: (_: None) =>
    'this phase says nothing units owe; add due (summaryReport, presentationPaper, nominations) or deliverables, e.g. deliverables: [{ id: bao-cao, name: Báo cáo kết quả }]',
  dueAndDeliverables: (_: None) =>
    'this phase has both due and deliverables; write what units owe one way: deliverables (with nominations beside them), or due',
  deliverableDuplicate: (p: { id: string; first: Place }) =>
    `deliverable id "${p.id}" is already used by ${en.place(p.first)} in this phase; each deliverable has its own id`,
  unknownPhaseId: (p: { id: string; ids: string }) =>
    `"${p.id}" is not the id of a deadline phase; the unit's deliverables are given per phase id (${p.ids})`,
  noSelfReview: (_: None) =>
    'there is no "self-review" phase; add one (kind: self-review, with window, deadline, lock and due): it is the phase in which units report',
  conferenceEarly: (p: { date: string; end: string }) =>
    `the conference (${p.date}) is held before the synthesis window ends (${p.end}); the report it discusses may not be ready — hold it after the synthesis`,
  conferenceOutsideWindow: (p: { date: string; start: string; end: string }) =>
    `the conference (${p.date}) is outside its phase window (${p.start} – ${p.end}); put the date inside the window, or widen the window`,
  conferenceBeforeLock: (p: { date: string; lock: string; place: Place }) =>
    `the conference (${p.date}) is held before self-review submissions close (lock ${p.lock}, ${en.place(p.place)}); units may still be changing their reports — hold it after the lock`,
  approvalBeforeWindow: (p: { deadline: string; start: string }) =>
    `the approval deadline (${p.deadline}) comes before the synthesis starts (${p.start}); the draft is written in the synthesis — approve it within or after its window`,
  approvalBeforeLock: (p: { deadline: string; lock: string; place: Place }) =>
    `the approval deadline (${p.deadline}) is not after self-review submissions close (lock ${p.lock}, ${en.place(p.place)}); the draft is built from the locked reports — set the approval after the lock`,
  deadlineOutsideWindow: (p: { deadline: string; start: string; end: string }) =>
    `the deadline (${p.deadline}) is outside the phase window (${p.start} – ${p.end}); put the deadline inside the window, or widen the window`,
  lockBeforeDeadline: (p: { lock: string; deadline: string }) =>
    `the lock (${p.lock}) comes before the deadline (${p.deadline}); submissions must stay open until the deadline — lock at or after it, e.g. at the end of the window`,
  pastDeadlineStart: (p: { deadline: string; now: string }) =>
    `the deadline (${p.deadline}) has already passed (now ${p.now}); a campaign cannot start with a past deadline — move the deadline, or rehearse it with --rehearse`,
  pastDeadline: (p: { deadline: string; now: string }) =>
    `the deadline (${p.deadline}) has already passed (now ${p.now}); \`campaign start\` would refuse it (\`--rehearse\` replays it on a compressed timeline)`,
  duplicateReminder: (p: { text: string; other: string; otherText: string }) =>
    `reminder "${p.text}" is listed twice (also ${p.other}${p.otherText !== p.text ? `, written "${p.otherText}"` : ''}); ` +
    'each reminder is sent once — remove the duplicate',
  escalationOrder: (p: { text: string; date?: string; before: string; beforeDate?: string }) =>
    `escalation steps go in increasing order of "after": this step ("${p.text}"${p.date ? `, ${p.date}` : ''}) is not later than the step before it ("${p.before}"${p.beforeDate ? `, ${p.beforeDate}` : ''}); reorder the steps or change "after"`,
  ...conferenceEn,
  ...councilEn(placeEn),
  ...subCampaignEn,
  ...scaleEn,
  placeholderNumber: (p: { number: string }) =>
    `"${p.number}" is a blank number form, not a number; an issued plan carries its number (e.g. number: 67-KH/TU) — ` +
    'write it, leave number out if the source gives none, or write draft: true while the plan is a draft',
  draftStart: (_: None) =>
    'the plan is a draft (draft: true); a campaign cannot start on a draft — issue the plan, write its number and remove draft (or rehearse it with --rehearse)',
  escalationAfterLock: (p: { text: string; at: string; lock: string; place: Place }) =>
    `this escalation step ("${p.text}", ${p.at}) falls after the lock (${p.lock}, ${en.place(p.place)}): ` +
    'nothing can be submitted then, so it will not be sent — remove it, shorten "after", or lock later',
};

export type Texts = typeof en;
export type MessageCode = Exclude<keyof Texts, 'severity' | 'unit' | 'place' | 'summary'>;
export type MessageParams<C extends MessageCode> = Parameters<Texts[C]>[0];

const ROLE_VI = { head: 'thủ trưởng', focal: 'cán bộ đầu mối' } as const;

const vi: Texts = {
  severity: (p) => (p.severity === 'error' ? 'lỗi' : 'cảnh báo'),
  unit: (p) => `đơn vị ${p.id}`,
  place: placeVi,
  summary: (p) => `${p.errors} lỗi, ${p.warnings} cảnh báo`,

  emptyFile: () =>
    'tệp trống; một tệp đợt thi đua có ba phần — campaign, units và phases — ' +
    'hãy bắt đầu từ một tệp mẫu như config/campaigns/vinh-phuc-67-kh-tu-2009.yaml',
  internalError: (p) => `lỗi nội bộ khi kiểm tra tệp (xin báo lại cho bộ phận kỹ thuật): ${p.message}`,
  fileMissing: (p) => `không có tệp này (đã tìm từ thư mục ${p.cwd}); hãy kiểm tra lại tên tệp và thư mục`,
  isFolder: () =>
    'đây là một thư mục, không phải tệp; hãy ghi tên một tệp đợt thi đua, ví dụ config/campaigns/vinh-phuc-67-kh-tu-2009.yaml',
  noPermission: () => 'không có quyền đọc tệp này; hãy xin quyền đọc hoặc chép tệp sang chỗ khác',
  readFailed: (p) => `không đọc được tệp: ${p.message}`,
  holidayTable: (p) => `không kiểm tra được ngày tháng: không nạp được bảng ngày nghỉ lễ: ${p.message}`,
  fileTooBig: (p) =>
    `tệp nặng ${mb(p.size)} MB; một tệp đợt thi đua không quá ${mb(p.max)} MB — có đúng là tệp đợt thi đua không? ` +
    'Đừng chép văn bản vào tệp, hãy đính kèm (attachments)',
  notUtf8: (p) =>
    `tệp không ở bảng mã UTF-8 (không đọc được byte ${p.bytes} ở đây)` +
    `${p.encoding ? `; có vẻ là bảng mã ${p.encoding}, một bảng mã tiếng Việt cũ` : ''}` +
    '; hãy mở tệp và lưu lại với bảng mã "UTF-8" (với Unikey: Công cụ chuyển mã, bảng mã đích Unicode)',
  attachmentType: (p) => `"${p.file}": chỉ đính kèm được tệp ${list(p.types)}`,
  attachmentMissing: (p) =>
    `không có tệp "${p.file}" (đã tìm ${p.shown}); đường dẫn tính từ thư mục chứa tệp đợt thi đua`,
  attachmentNotFile: (p) => `"${p.file}" không phải là một tệp`,
  attachmentEmpty: (p) => `tệp "${p.file}" trống`,
  attachmentTooBig: (p) => `tệp "${p.file}" nặng ${p.size} byte; chỉ đính kèm được tệp tối đa 10 MB`,

  tab: () =>
    'sai cú pháp YAML: dòng này thụt lề bằng phím Tab; YAML chỉ thụt lề bằng dấu cách — hãy thay Tab bằng dấu cách',
  duplicateKey: (p) =>
    `sai cú pháp YAML: trường ${p.key ? `"${p.key}" ` : ''}được viết hai lần trong cùng một khối; chỉ giữ lại một`,
  unclosedQuote: () =>
    'sai cú pháp YAML: đoạn chữ mở ngoặc kép ở đây nhưng không đóng lại; hãy thêm dấu ngoặc đóng ở cuối',
  implicitKey: (p) =>
    `sai cú pháp YAML: ${p.message}; mỗi trường viết trên một dòng dạng "tên: giá trị", ` +
    'thụt lề bằng dấu cách dưới trường chứa nó, và giá trị có ": " phải đặt trong ngoặc kép',
  multipleDocs: () => 'sai cú pháp YAML: tệp có nhiều hơn một văn bản ("---"); một tệp đợt thi đua chỉ có một',
  syntaxOther: (p) =>
    `sai cú pháp YAML: ${p.message}; hãy kiểm tra thụt lề (dấu cách, thẳng hàng dưới trường chứa nó) và dấu ngoặc kép`,
  yamlWarning: (p) => `YAML: ${p.message}`,
  yamlFailed: (p) => `YAML: ${p.message}`,
  aliasBomb: (p) =>
    `tham chiếu "*${p.alias}" lồng các tham chiếu khác: nội dung sẽ bị chép lại ${p.count} lần ` +
    '(tham chiếu lồng trong tham chiếu, kiểu "billion laughs"); tệp bị từ chối và không được mở rộng — hãy viết thẳng nội dung ra',

  unknownFieldGuess: (p) => `không có trường "${p.key}"; có phải ý bạn là "${p.guess}"?`,
  unknownField: (p) => `không có trường "${p.key}"; các trường được dùng ở đây là: ${list(p.allowed)}`,
  rootNotMap: (p) =>
    `một tệp đợt thi đua là một khối trường gồm ba phần — campaign, units và phases — nhưng tệp này chứa ${shownVi(p.value)}`,
  missingField: (p) =>
    `thiếu trường "${p.key}"${p.what ? ` (${p.what})` : ''}; hãy thêm vào${p.example ? `, ví dụ ${p.example}` : ''}`,
  nothingWritten: (p) =>
    `chưa ghi gì ở đây; hãy ghi ${p.what ?? 'một giá trị'}${p.example ? `, ví dụ ${p.example}` : ''}`,
  notWhole: (p) => `${p.value} không phải số nguyên; hãy ghi một số nguyên, ví dụ 1`,
  numberForText: (p) =>
    `phải là chữ, nhưng YAML đọc ${p.written} thành ${shownVi(p.value)}; hãy đặt trong ngoặc kép: "${p.written}"`,
  notBoolean: (p) => `phải là true hoặc false (không có ngoặc kép), nhưng ở đây là ${shownVi(p.value)}`,
  wrongType: (p) =>
    `phải là ${TYPE_NAMES_VI[p.expected] ?? p.expected}, nhưng ở đây là ${shownVi(p.value)}${p.example ? `; ví dụ ${p.example}` : ''}`,
  notAllowed: (p) =>
    typeof p.value !== 'string'
      ? `${shownVi(p.value)} không phải giá trị hợp lệ; hãy ghi một trong: ${list(p.allowed)}`
      : p.guess
        ? `"${p.value}" không phải giá trị hợp lệ; có phải ý bạn là "${p.guess}"? Hãy ghi một trong: ${list(p.allowed)}`
        : `"${p.value}" không phải giá trị hợp lệ; hãy ghi một trong: ${list(p.allowed)}`,
  missingOneOf: (p) => `thiếu trường "${p.key}"; hãy thêm vào, một trong: ${list(p.options)}`,
  badEmail: (p) => `"${p.text}" không phải địa chỉ thư điện tử hợp lệ; hãy ghi đúng dạng, ví dụ ${p.example}`,
  badTime: (p) => `"${p.text}" không phải giờ hợp lệ; hãy ghi giờ và phút từ 00:00 đến 23:59, ví dụ "08:00"`,
  badIdGuess: (p) =>
    `"${p.text}" không phải mã hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu "-"; có phải ý bạn là "${p.guess}"?`,
  badId: (p) => `"${p.text}" không phải mã hợp lệ; hãy dùng chữ thường không dấu, chữ số và dấu "-", ví dụ "so-noi-vu"`,
  badReminder: (p) =>
    `"${p.text}" không hợp lệ ở đây; hãy ghi số ngày như "7d" (ngày lịch) hoặc "3wd" (ngày làm việc); "0d" là chính ngày hạn`,
  badLateness: (p) =>
    `"${p.text}" không hợp lệ ở đây; hãy ghi số ngày sau hạn như "1d" (ngày lịch) hoặc "2wd" (ngày làm việc)`,
  notValid: (p) => `"${p.text}" không hợp lệ ở đây (cần: ${p.rule})`,
  emptyList: (p) =>
    `danh sách trống; hãy thêm ít nhất ${p.minimum} mục${p.what ? ` (${p.what})` : ''}${p.example ? `, ví dụ ${p.example}` : ''}`,
  tooSmall: (p) => `${shownVi(p.value)} nhỏ hơn mức cho phép; tối thiểu là ${p.minimum}`,
  tooBig: (p) => `${shownVi(p.value)} vượt quá mức cho phép; tối đa là ${p.maximum}`,
  tooLong: (p) => `đoạn chữ này dài ${p.length} ký tự; ở đây chỉ được tối đa ${p.maximum} ký tự — hãy rút gọn`,
  badAttachment: (p) =>
    `văn bản gửi kèm kế hoạch ghi tên văn bản (một dòng chữ) hoặc một khối { title, file }, nhưng ở đây là ${shownVi(p.value)}; ` +
    'ví dụ { title: Đề cương báo cáo, file: de-cuong.pdf }',
  invalidHere: (p) => `${shownVi(p.value)} không hợp lệ ở đây`,
  other: (p) => `${p.message}${p.example ? `, ví dụ ${p.example}` : ''}`,

  unknownTimeZone: (p) =>
    `không có múi giờ "${p.zone}"; hãy ghi tên múi giờ IANA, ví dụ "Asia/Ho_Chi_Minh" (Việt Nam, UTC+7)`,
  hoursReversed: (p) =>
    `giờ làm việc kết thúc lúc ${p.end}, không sau giờ bắt đầu (${p.start}); giờ kết thúc phải muộn hơn giờ bắt đầu, ví dụ 08:00–17:00`,
  reminderAtNight: (p) =>
    `nhắc việc gửi lúc ${p.time} sẽ đến ngoài giờ làm việc (${p.start}–${p.end}); hãy chọn giờ trong giờ làm việc, ví dụ "${p.start}"`,
  badDate: (p) => vietnameseOnly(p.error),
  duplicateUnitId: (p) =>
    `mã đơn vị "${p.id}" đã dùng ở ${vi.place(p.first)}; mỗi đơn vị, kể cả đơn vị trực thuộc, phải có mã riêng — hãy đổi một trong hai mã`,
  unitIdCase: (p) =>
    `mã đơn vị "${p.id}" chỉ khác "${p.other}" (${vi.place(p.first)}) ở chữ hoa, chữ thường; ` +
    'mã đơn vị không phân biệt hoa thường — hãy viết mã bằng chữ thường và đổi một trong hai mã',
  allAsUnitId: () =>
    'không dùng "all" làm mã đơn vị: trong danh sách mời dự hội nghị (invitees), "all" nghĩa là tất cả các đơn vị; hãy chọn mã khác',
  sameAsHead: (p) =>
    `cấp trên (supervisor) có cùng địa chỉ thư (${p.email}) với ${ROLE_VI[p.role]} của chính đơn vị; ` +
    'việc chậm trễ sẽ báo lên chính người chậm — hãy ghi cơ quan cấp trên của đơn vị, hoặc bỏ supervisor (khi đó báo về cơ quan thường trực)',
  contactUnnamed: () =>
    'đầu mối liên hệ này không ghi tên người (name) cũng không ghi phòng, ban (division); hãy ghi một trong hai, ví dụ division: Phòng Thi đua - Khen thưởng',
  contactUnreachable: () =>
    'đầu mối liên hệ này không có cách liên lạc; hãy ghi thư điện tử (email), điện thoại (phone) hoặc fax, ví dụ phone: "0211.3862480"',
  noSecretariatEmail: () =>
    'không đầu mối nào của cơ quan thường trực có thư điện tử: cơ quan thường trực sẽ không được báo đơn vị chậm hay địa chỉ bị từ chối; hãy thêm email cho một đầu mối',
  duplicatePhase: (p) =>
    `có giai đoạn "${p.kind}" thứ hai; mỗi loại giai đoạn chỉ có một lần, giai đoạn "${p.kind}" thứ nhất ở ${vi.place(p.first)}`,
  phaseOrder: (p) =>
    `"${p.kind}" đứng sau "${p.latest}"; các giai đoạn đi theo thứ tự ${p.order} — hãy chuyển giai đoạn này lên trước "${p.latest}"`,
  windowReversed: (p) =>
    `giai đoạn kết thúc (${p.end}) trước khi bắt đầu (${p.start}); thời điểm kết thúc phải bằng hoặc sau thời điểm bắt đầu`,
  beforePlan: (p) =>
    `giai đoạn bắt đầu (${p.start}) trước ngày ký kế hoạch (${p.plan}); không giai đoạn nào bắt đầu trước kế hoạch`,
  beforePrevious: (p) =>
    `giai đoạn bắt đầu (${p.start}) trước khi giai đoạn liền trước "${p.kind}" bắt đầu (${p.previous}, ${vi.place(p.place)}); các giai đoạn phải bắt đầu lần lượt, giai đoạn sau không sớm hơn giai đoạn trước`,
  noPlanIssue: () =>
    'không có giai đoạn "plan-issue"; hãy thêm (kind: plan-issue, có window) làm giai đoạn đầu tiên: đó là lúc gửi kế hoạch tới các đơn vị',
  phaseIdMissing: (p) =>
    `đợt có ${p.count} giai đoạn nộp hồ sơ ("self-review"): mỗi giai đoạn cần một mã (id) để phân biệt, ví dụ id: ke-hoach`,
  phaseIdDuplicate: (p) =>
    `mã giai đoạn "${p.id}" đã dùng ở ${vi.place(p.first)}; mỗi giai đoạn nộp hồ sơ có một mã riêng`,
  deadlineWindowsOverlap: (p) =>
    `giai đoạn nộp hồ sơ này bắt đầu (${p.start}) khi giai đoạn nộp hồ sơ trước chưa kết thúc (kết thúc ${p.end}, ${vi.place(p.place)}); các giai đoạn nộp hồ sơ lần lượt nối tiếp nhau — hãy cho giai đoạn này bắt đầu từ lúc đó trở đi`,
  noDeliverables: () =>
    'giai đoạn này không ghi đơn vị phải nộp gì; hãy thêm due (summaryReport, presentationPaper, nominations) hoặc deliverables, ví dụ deliverables: [{ id: bao-cao, name: Báo cáo kết quả }]',
  dueAndDeliverables: () =>
    'giai đoạn này có cả due lẫn deliverables; hãy ghi những gì đơn vị phải nộp theo một cách: deliverables (kèm nominations nếu có), hoặc due',
  deliverableDuplicate: (p) =>
    `mã tài liệu "${p.id}" đã dùng ở ${vi.place(p.first)} trong cùng giai đoạn; mỗi tài liệu có một mã riêng`,
  unknownPhaseId: (p) =>
    `"${p.id}" không phải mã của giai đoạn nộp hồ sơ nào; tài liệu riêng của đơn vị ghi theo mã giai đoạn (${p.ids})`,
  noSelfReview: () =>
    'không có giai đoạn "self-review"; hãy thêm (kind: self-review, có window, deadline, lock và due): đó là giai đoạn các đơn vị gửi báo cáo',
  conferenceEarly: (p) =>
    `hội nghị (${p.date}) họp trước khi giai đoạn tổng hợp kết thúc (${p.end}); báo cáo đưa ra hội nghị có thể chưa xong — hãy họp sau giai đoạn tổng hợp`,
  conferenceOutsideWindow: (p) =>
    `ngày hội nghị (${p.date}) nằm ngoài thời gian của giai đoạn (${p.start} – ${p.end}); hãy đặt ngày trong khoảng đó, hoặc nới rộng khoảng thời gian`,
  conferenceBeforeLock: (p) =>
    `hội nghị (${p.date}) họp trước khi khóa nhận hồ sơ tự kiểm điểm (lock ${p.lock}, ${vi.place(p.place)}); đơn vị có thể còn đang sửa báo cáo — hãy họp sau khi khóa`,
  approvalBeforeWindow: (p) =>
    `hạn phê duyệt (${p.deadline}) trước khi giai đoạn tổng hợp bắt đầu (${p.start}); dự thảo được soạn trong giai đoạn tổng hợp — hãy đặt hạn phê duyệt trong hoặc sau giai đoạn đó`,
  approvalBeforeLock: (p) =>
    `hạn phê duyệt (${p.deadline}) không sau lúc khóa nhận hồ sơ tự kiểm điểm (lock ${p.lock}, ${vi.place(p.place)}); dự thảo được tổng hợp từ hồ sơ đã khóa — hãy đặt hạn phê duyệt sau thời điểm khóa`,
  deadlineOutsideWindow: (p) =>
    `hạn nộp (${p.deadline}) nằm ngoài thời gian của giai đoạn (${p.start} – ${p.end}); hãy đặt hạn trong khoảng đó, hoặc nới rộng khoảng thời gian`,
  lockBeforeDeadline: (p) =>
    `thời điểm khóa (${p.lock}) trước hạn nộp (${p.deadline}); hồ sơ phải còn mở đến hết hạn — hãy khóa đúng hoặc sau hạn, ví dụ lúc kết thúc giai đoạn`,
  pastDeadlineStart: (p) =>
    `hạn nộp (${p.deadline}) đã qua (bây giờ là ${p.now}); không thể bắt đầu đợt thi đua có hạn đã qua — hãy dời hạn, hoặc chạy thử với --rehearse`,
  pastDeadline: (p) =>
    `hạn nộp (${p.deadline}) đã qua (bây giờ là ${p.now}); lệnh \`campaign start\` sẽ từ chối (\`--rehearse\` chạy thử trên lịch rút gọn)`,
  duplicateReminder: (p) =>
    `mốc nhắc việc "${p.text}" được ghi hai lần (cùng với ${p.other}${p.otherText !== p.text ? `, ghi là "${p.otherText}"` : ''}); ` +
    'mỗi mốc chỉ nhắc một lần — hãy xóa mốc trùng',
  escalationOrder: (p) =>
    `các bước báo cáo cấp trên (escalation) phải theo thứ tự "after" tăng dần: bước này ("${p.text}"${p.date ? `, ${p.date}` : ''}) không muộn hơn bước trước ("${p.before}"${p.beforeDate ? `, ${p.beforeDate}` : ''}); hãy sắp xếp lại hoặc sửa "after"`,
  placeholderNumber: (p) =>
    `"${p.number}" là số văn bản để trống, chưa phải số; kế hoạch đã ban hành phải ghi số (ví dụ number: 67-KH/TU) — ` +
    'hãy ghi số đã cấp, bỏ trường number nếu văn bản gốc không ghi số, hoặc ghi draft: true nếu kế hoạch còn là dự thảo',
  draftStart: () =>
    'kế hoạch còn là dự thảo (draft: true); không bắt đầu đợt thi đua trên văn bản dự thảo — hãy ban hành kế hoạch, ghi số và bỏ draft (hoặc chạy thử với --rehearse)',
  escalationAfterLock: (p) =>
    `bước báo cáo cấp trên này ("${p.text}", ${p.at}) rơi sau thời điểm khóa (${p.lock}, ${vi.place(p.place)}): ` +
    'khi đã khóa đơn vị không còn nộp được, nên bước này sẽ không được gửi — hãy bỏ bước này, rút ngắn "after", hoặc khóa muộn hơn',
  ...conferenceVi,
  ...councilVi(placeVi),
  ...subCampaignVi,
  ...scaleVi,
};

const TABLES: Record<Lang, Texts> = { vi, en };

/** The table of `lang`. */
export function textsFor(lang: Lang = DEFAULT_LANG): Texts {
  return TABLES[lang];
}

/** The message `code` with `params`, in `lang`. */
export function render<C extends MessageCode>(lang: Lang, code: C, params: MessageParams<C>): string {
  return (TABLES[lang][code] as (p: MessageParams<C>) => string)(params);
}

/** `N lỗi, M cảnh báo` / `N errors, M warnings`: the summary line of a file. */
export function formatSummary(counts: { errors: number; warnings: number }, lang: Lang = DEFAULT_LANG): string {
  return TABLES[lang].summary(counts);
}

function mb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
}

/**
 * The date reader's messages are Vietnamese with English glosses ("không đọc được ngày tháng này
 * (not a date form thidua reads)"); in Vietnamese output the glosses go. A gloss is a parenthesis of
 * plain ASCII holding an English word; "(17h00, 17h)" and "(quý 2/2015, Q2/2015)" stay.
 */
export function vietnameseOnly(text: string): string {
  return text.replace(/ \((?=[\x20-\x7e]*[a-z]{3})[\x20-\x27\x2a-\x7e]*\)/g, '');
}
