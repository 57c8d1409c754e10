/** The CLI's texts in English (`--lang en`); see `../texts.ts`. */
import type { SubmissionKind } from '../../domain/workflow-types';
import { STAFF_ROLES, type StaffRole } from '../../domain/synthesis-types';
import { MIN_PASSWORD_LENGTH } from '../../stores/accounts';
import type { CliTexts, PayloadsCliTexts, SynthesisCliTexts } from '../texts';
import { CONFERENCE_HELP } from './conference';
import { fields, plural } from './format';
import { vi } from './vi';

const ROLE_EN: Record<StaffRole, string> = { clerk: 'clerk', approver: 'approver', council: 'council member' };
const rolesEn = (roles: StaffRole[]) => roles.map((r) => ROLE_EN[r]).join(', ');

const KIND_EN: Record<SubmissionKind, string> = {
  'summary-report': 'summary report',
  'presentation-paper': 'presentation paper',
};

const PHASE_EN: Record<string, string> = {
  'plan-issue': 'plan issued',
  'self-review': 'self-review at the units',
  synthesis: 'synthesis',
  conference: 'conference',
  awards: 'awards',
  closed: 'closed',
  cancelled: 'cancelled',
};

const SYNTHESIS_EN: SynthesisCliTexts = {
  usage: vi.synthesis.usage,
  unknownLogin: (login) =>
    `no account "${login}"; create it with thidua secretariat add-user ${login} --name "Full Name"`,
  needsAs: '--as LOGIN: the account acting (its roles come from the account)',
  badVersion: (value) => `--version "${value}": a positive whole number, e.g. 2`,
  noVersion: (version) => `no draft version ${version}`,
  cannotRead: (file, code) => `${file}: cannot read the file (${code})`,
  state: {
    building: 'building the draft',
    'awaiting-approval': 'awaiting approval',
    returned: 'returned for changes',
    approved: 'approved',
    cancelled: 'cancelled',
  },
  title: (id, state) => `Synthesis report ${id}: ${state}`,
  deadline: (local) => `Approval deadline: ${local}`,
  noDeadline: 'Approval deadline: none set',
  approved: (v, by, at) => `Version ${v} approved by ${by} at ${at}`,
  counts: (r, e) => `Reminders to the approvers: ${r}; escalations to the secretariat: ${e}`,
  versionsHeader: ['Version', 'Source', 'File', 'By', 'At', 'Note'],
  source: { built: 'built', uploaded: 'uploaded revision' },
  returnsHeader: 'Returned with remarks:',
  returnLine: (v, by, at, remarks) => `  version ${v} — ${by}, ${at}: ${remarks}`,
  done: {
    approve: (id, v) => `Version ${v} of ${id} approved.`,
    return: (id, v) => `Version ${v} of ${id} returned; the secretariat is told the remarks.`,
    upload: (id, v) => `Revision recorded: version ${v} of ${id}, sent to the approvers.`,
    rebuild: (id, v) => `Rebuilding: version ${v} of ${id} is mailed when ready.`,
  },
  written: (file) => `Wrote ${file}`,
};

// ---- payloads sweep (the claim check's blobs) -------------------------------------------------------
const bytesEn = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'byte' : 'bytes'}`;
const PAYLOADS_EN: PayloadsCliTexts = {
  help: 'delete the large-payload files (THIDUA_DATA_DIR/payloads) no history refers to any more [--grace 24h] [--dry-run] [--concurrency 8]',
  usage:
    'thidua payloads sweep [--grace 24h|2d|90m] [--dry-run] [--namespaces NS1,NS2] [--concurrency 8] [--json] — deletes only files no longer referred to and older than the grace; --concurrency: histories read at once (8 by default)',
  badGrace: (value) => `--grace "${value}": a duration such as 24h, 2d or 90m (at least 1 minute); 24h by default`,
  badNamespaces: (value) =>
    `--namespaces "${value}": the namespaces sharing the data folder, separated by commas, e.g. thidua,thidua-rehearsal`,
  badConcurrency: (value, most) =>
    `--concurrency "${value}": the histories read at once, a whole number from 1 to ${most}; 8 by default`,
  unknownOption: (arg) => `no option ${arg}`,
  markFailed: (what) =>
    `The large-payload folder was not swept: ${what}. Nothing was deleted — files are deleted only once every history has been read. ` +
    'Check the connection to Temporal and run it again.',
  failure: (f) =>
    (f.kind === 'list'
      ? `cannot list the workflows of namespace ${f.namespace}`
      : f.kind === 'history'
        ? `cannot read the history of workflow ${f.workflowId} (run ${f.runId}, namespace ${f.namespace})`
        : f.kind === 'schedules'
          ? `cannot read the schedule${f.scheduleId ? ` ${f.scheduleId}` : 's'} of namespace ${f.namespace}`
          : `an unreadable large-payload reference in ${f.workflowId ? `workflow ${f.workflowId}` : `schedule ${f.scheduleId}`}`) +
    `: ${f.why}`,
  marked: (r) =>
    `Read the histories of ${plural(r.executions, 'workflow run')} and ${plural(r.schedules, 'schedule')} ` +
    `(namespace ${r.namespaces.join(', ')}); grace ${r.grace}.`,
  grace: (hours) =>
    hours >= 1 && Number.isInteger(hours) ? plural(hours, 'hour') : plural(Math.round(hours * 60), 'minute'),
  wouldRemove: (files, bytes) => `Dry run: would delete ${plural(files, 'file')} (${bytesEn(bytes)}); nothing deleted.`,
  removed: (files, bytes) => `Deleted ${plural(files, 'file')} (${bytesEn(bytes)}).`,
  fileLine: (file, bytes, kind) =>
    `  ${file}  ${bytesEn(bytes)}${kind === 'temp' ? '  (temporary file of a write that did not finish)' : ''}`,
  kept: (r) =>
    `Kept: ${plural(r.referenced.files, 'file')} still referred to (${bytesEn(r.referenced.bytes)}), ` +
    `${plural(r.young.files, 'file')} younger than the grace (${bytesEn(r.young.bytes)})` +
    (r.other.files > 0 ? `, ${plural(r.other.files, 'file')} not thidua's (${bytesEn(r.other.bytes)})` : '') +
    '.',
  missing: (count, shas) =>
    `WARNING: ${plural(count, 'file')} referred to by a history but not in the folder (the value cannot be read back): ` +
    `${shas.join(', ')}${count > shas.length ? ', …' : ''}`,
  failed: (count) => `Could not delete ${plural(count, 'file')}:`,
  failedLine: (file, why) => `  ${file}: ${why}`,
};

export const en: CliTexts = {
  usage: (line) => `usage: ${line}`,
  help: {
    title: 'Usage: thidua <command> [--lang en]',
    commands: {
      'campaign validate': 'check campaign files; every problem with its place',
      'campaign plan': 'the compiled timeline, before anything starts',
      'campaign start': 'start a campaign (--rehearse 1d=20s: a rehearsal)',
      'campaign import-units': 'units from an .xlsx/.csv sheet (--template TEMPLATE.xlsx: the template)',
      'campaign status': "the units' submissions",
      'campaign extend': 'extend the deadline (--until DATE | --by 3d) --reason TEXT',
      'campaign cancel': 'cancel the campaign --reason TEXT',
      'campaign list': 'the campaigns',
      'unit submit': "submit a file on a unit's behalf",
      'unit remind': 'send a unit a reminder now',
      'unit link': "a unit's portal link (--revoke | --reissue)",
      'secretariat add-user':
        'a dashboard account (password from stdin); --role clerk,approver,council (default clerk)',
      'secretariat remove-user': 'remove a dashboard account',
      'secretariat list-users': 'the dashboard accounts and their roles',
      'synthesis show': 'the draft synthesis report: versions, deadline and approval',
      'synthesis approve': 'approve the draft --as LOGIN [--version N] (approvers)',
      'synthesis return': 'return the draft --as LOGIN --remarks TEXT (approvers)',
      'synthesis upload': 'upload a revised .docx --as LOGIN [--note TEXT]',
      'synthesis rebuild': "rebuild the draft from the units' reports --as LOGIN",
      'synthesis download': "download the draft's files [--version N] [--out DIR]",
      ...CONFERENCE_HELP.en,
      'schedule create':
        'a recurring campaign from a template: --every half-year|year [--id ID] [--start-period 2027-h1]',
      'schedule list': 'the schedules and their next runs',
      'schedule pause': 'pause a schedule --reason TEXT',
      'schedule resume': 'resume a schedule',
      'schedule trigger': 'run the current period now',
      'schedule backfill': 'run past periods --from PERIOD --to PERIOD',
      'schedule delete': 'delete a schedule (campaigns already started run on)',
      'payloads sweep': PAYLOADS_EN.help,
      'awards status':
        'awards: nominations by page, voting progress, outcome [--as LOGIN] [--page N] [--page-size N] [--unit UNIT] [--to-vote]',
      'awards vote':
        'vote on NOMINATION approve|reject|abstain --as LOGIN [--form CODE] [--reason TEXT] (council member)',
      'awards written-vote': "record an absent member's written vote --member ACCOUNT --as LOGIN (clerk)",
      'awards vote-sheet':
        'send a vote sheet (many nominations at once) --member ACCOUNT --file VOTES.csv --as LOGIN; CSV: nomination id, choice (approve/reject/abstain), form code, reason (member; clerk for a written sheet)',
      'awards close': 'close the vote --as LOGIN (the chair)',
      'awards decide': "enter the award decision's number and date --number N --date dd/MM/yyyy --as LOGIN (clerk)",
      'campaign report':
        'award counts by form, collective and individual: one campaign, or a whole year --year YEAR [--xlsx FILE]',
    },
    footer: 'Vietnamese by default; --lang en (or THIDUA_LANG=en) for English.',
  },
  needsValue: (option) => `--${option} needs a value`,
  cannotReachTemporal: (address, why) =>
    `cannot reach the Temporal server at ${address} (${why}). ` +
    'Start it with `npm run dev`, or set TEMPORAL_ADDRESS / TEMPORAL_PROFILE.',

  notStarted: (file, errors) => `${file}: not started: ${errors} error(s).`,
  noSelfReviewPhase: (file) => `${file}: no self-review phase`,
  unitsPerBatch: '--units-per-batch: a whole number from 1 to 1000',
  alreadyRunning: (id, plan, wf) =>
    `Campaign ${id} (${plan}) is already running as ${wf}; nothing was changed.\n` +
    `See it with \`thidua campaign status ${id}\`.\n`,
  started: (r) =>
    `Started ${r.plan} — ${r.title}\n` +
    fields([
      ['workflow', `${r.workflowId}${r.rehearsal ? `  (rehearsal ${r.rehearsal}: the timeline starts now)` : ''}`],
      ['units', String(r.units)],
      ['deadline', r.deadline],
      ['parent', r.parent && `${r.parent.campaignId} (its result is unit ${r.parent.unitId}'s submission)`],
      ['UI', r.ui],
    ]),

  fileTypes: (file) => `${file}: only PDF, DOC, DOCX and ODT files are accepted`,
  cannotRead: (file, code) => `${file}: cannot read (${code})`,
  fileKind: '--kind: summary-report or presentation-paper',
  received: (r) =>
    `Received the ${KIND_EN[r.kind]} of ${r.unit}: "${r.name}", version ${r.version}` +
    `${r.late ? ' (late)' : ''}, sha256 ${r.sha256}.\n`,

  extendedUnit: (unitId, deadline, version) =>
    `Extended ${unitId}: new deadline ${deadline}${version === undefined ? '' : ` (version ${version})`}.\n`,
  extendedAll: (id, deadline) =>
    `Extended every unit of ${id} to ${deadline} (units with a later deadline keep theirs).\n`,
  cancelled: (id) => `Cancelled ${id}: every unit is being told the reason.\n`,
  reminderQueued: (unitId) => `Reminder to ${unitId} queued: the worker sends it now.\n`,
  noCampaign: 'No campaign yet: start one with `thidua campaign start config/campaigns/<file>.yaml`.\n',
  listHeader: ['Campaign', 'Plan', 'Phase', 'Workflow', 'Deadline', 'Title'],

  filterOneOf: (values) => `--filter: one of ${values}`,
  noSuchCampaign: (id, address) => `no campaign "${id}" on ${address}; see \`thidua campaign list\`.`,
  status: {
    pending: 'pending',
    submitted: 'submitted',
    late: 'late',
    missing: 'missing (past the deadline)',
    cancelled: 'cancelled',
  },
  phase: (phase) => PHASE_EN[phase] ?? phase,
  phaseLine: (phase, wf, ui) => `Phase: ${phase} · Workflow: ${wf} · ${ui}`,
  countsLine: (total, counts, locked) => `Units: ${total} · ${counts} · locked: ${locked}`,
  deadlinePhaseLine: (n, name, id, deadline, state, counts) =>
    `  ${n}. ${name} (${id}) — deadline ${deadline} — ` +
    (state === 'current' ? 'open' : state === 'later' ? 'not open yet' : `locked: ${counts}`),
  statusHeader: ['Unit', 'Name', 'Status', 'Deadline', 'Reminders', 'Submitted at'],
  lockedMark: ' (locked)',
  shown: (shown, matching) => `(${shown} of ${matching} shown; --limit N for more, --filter to narrow)`,

  revoked: (id, unitId) =>
    `Revoked the link of ${unitId}: it no longer opens the portal. The next message to the unit carries a new one;\n` +
    `\`thidua unit link ${id} ${unitId} --reissue\` prints one now.\n`,
  nothingToRevoke: (unitId) => `${unitId} has no working link to revoke.\n`,
  reissued: (unitId, url) => `New link of ${unitId} (the old one no longer opens): ${url}\n`,

  passwordPrompt: 'Password: ',
  accountCreated: (login, url) => `Account "${login}" created: log in at ${url}/admin\n`,
  passwordSet: (login) => `Account "${login}": new password set.\n`,
  accountRemoved: (login) => `Account "${login}" removed: its dashboard sessions end at their next request.\n`,
  noAccount: (login) => `No account "${login}".\n`,
  accountProblem: (problem, login) => {
    switch (problem) {
      case 'login':
        return `login "${login}": 2–40 characters, lower-case letters, digits, ".", "_" or "-", a letter first`;
      case 'name':
        return 'the account needs a name (--name "Nguyễn Văn A")';
      case 'password-length':
        return `password: at least ${MIN_PASSWORD_LENGTH} characters`;
      case 'password-contains-login':
        return 'password: must not contain the login';
    }
  },
  accountRoles: (login, roles) => `Roles of "${login}": ${rolesEn(roles)}.\n`,
  unknownRole: (role) => `--role: no role "${role}"; use one or more of ${STAFF_ROLES.join(', ')}, separated by commas`,
  accountLine: (a) => `${a.login}\t${a.name}\t${rolesEn(a.roles)}\n`,
  noAccounts: 'No account yet: `thidua secretariat add-user LOGIN --name "Full Name" --role clerk`.\n',

  validate: {
    usage: `Usage: thidua campaign validate FILE [FILE...] [--json] [--now ISO] [--lang en]
  --json      results as JSON
  --now ISO   the instant past deadlines are judged against
`,
    errors: (errors, warnings) => `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
    valid: (units, phases, warnings) =>
      `valid${warnings > 0 ? ` with ${plural(warnings, 'warning')}` : ''}: ${plural(units, 'unit')}, ${plural(phases, 'phase')}`,
    nowNeedsInstant: '--now needs an ISO instant such as 2009-10-01T08:00:00+07:00',
    unknownOption: (arg) => `unknown option ${arg}`,
    noFile: 'name at least one campaign file',
  },

  importUnits: {
    usage: `Usage: thidua campaign import-units SHEET.xlsx|SHEET.csv [--lang en]
       thidua campaign import-units --template TEMPLATE.xlsx
  Reads units from a sheet; prints the campaign file's "units:" block, or every problem with its row and column.
  --template FILE  writes the Excel template (headers, a sample row, a "Hướng dẫn" guide sheet)
`,
    noFile: 'name the sheet (.xlsx or .csv), or --template FILE',
    oneFile: (files) => `one file only: ${files.join(' ')}`,
    unknownOption: (arg) => `unknown option ${arg}`,
    cannotRead: (file, why) => `cannot read ${file}: ${why}`,
    cannotWrite: (file, why) => `cannot write ${file}: ${why}`,
    noSuchFile: 'no such file',
    templateWritten: (file) => `Template written to ${file}: one unit a row; see the "Hướng dẫn" sheet.\n`,
    read: (file, units, rows) => `${file}: ${plural(units, 'unit')} from ${plural(rows, 'row')}, no problem.\n`,
    problems: (file, problems, rows) =>
      `${file}: ${plural(problems, 'problem')} in ${plural(rows, 'row')}; no unit imported.\n`,
  },

  synthesis: SYNTHESIS_EN,
  payloads: PAYLOADS_EN,

  plan: {
    usage: `Usage: thidua campaign plan FILE [--json] [--rehearse 1d=20s] [--unit ID] [--now ISO] [--lang en]
  --json            the compiled campaign (CompiledCampaign) as JSON, with UTC times
  --rehearse 1d=20s rehearsal: one real day = 20 seconds, starting now (units s, m, h, d, w)
  --unit ID         one unit's timeline, with the recipients' names
  --now ISO         the rehearsal's "now" (default: when the command runs)
`,
    needsValue: (flag) => `${flag} needs a value`,
    unknownOption: (arg) => `unknown option "${arg}"`,
    missingFile: 'missing FILE',
    oneFile: (files) => `one FILE only: ${files.join(' ')}`,
    noPlan: (file, errors) => `${file}: ${plural(errors, 'error')}, no plan`,
    badNow: (now) => `--now "${now}" is not an ISO instant, e.g. 2025-01-06T08:00:00+07:00`,
    planLine: (reference, dated, title) => `${reference} (${dated}) — ${title}`,
    document: 'The document (in its own words):',
    approximately: (period) => `expected in ${period}`,
    within: (period) => `in ${period}`,
    issuer: (body, secretariat) => `Issued by: ${body} · Secretariat: ${secretariat}`,
    facts: (r) =>
      `Units: ${r.units} · Time zone: ${r.zone} · Working hours ${r.hours} · Reminders at ${r.reminderTime} · ` +
      `Deadline on a day off: ${r.policy}`,
    policy: { keep: 'kept', previous: 'moved back to the previous working day', next: 'moved to the next working day' },
    unitLine: (r) => `Unit: ${r.name} (${r.id}) · Focal person: ${r.focal} · Head: ${r.head}`,
    rehearsal: (spec, origin, anchor) =>
      `REHEARSAL ${spec}: the real timeline from ${origin} runs from ${anchor}; the table shows rehearsal times`,
    phases: 'Phases:',
    owes: (items) => `Due: ${items}`,
    unitOwes: (unit, items) => `${unit} instead: ${items}`,
    header: ['Date', 'Time', 'Ph.', 'What', 'To'],
    readings: (rehearsed) =>
      `How the written dates were read (as written → reading)${rehearsed ? ', real timeline' : ''}:`,
    planDate: 'Plan date',
    phaseLabel: (n) => `Phase ${n}`,
    start: 'start',
    end: 'end',
    deadline: 'deadline',
    lock: 'lock',
    conference: 'conference',
    notes: 'Compiler notes:',
    none: '(none)',
  },
};
