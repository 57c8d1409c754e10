/**
 * Each command's one table of what it takes: the options with a value and the flags (the option
 * check and the parser read them, `readOptions` in `known-options.ts`), and the synopsis `thidua
 * <command> --help` and the command's usage errors print. `--lang` is every command's and is not
 * listed. A test (`test/unit/cli/usage-options.test.ts`) holds each synopsis, and the usage texts
 * of `client/texts/*`, to name exactly the options listed here. Placeholders as the usage errors
 * write them. The commands with a usage of their own (`validate`, `plan`, `import-units`: several
 * lines in `client/texts/vi.ts`/`en.ts`) have no synopsis here.
 */
export interface CommandSpec {
  /** Arguments and options, after `thidua <command>`; absent for a command with its own usage text. */
  synopsis?: string;
  values?: readonly string[];
  flags?: readonly string[];
}

const BY_NAME = '[--by-name NAME]';

export const COMMAND_SPECS: Record<string, CommandSpec> = {
  'campaign validate': { values: ['now'], flags: ['json'] },
  'campaign plan': { values: ['rehearse', 'unit', 'now'], flags: ['json'] },
  'campaign import-units': { values: ['template'] },
  'campaign status': {
    synopsis: 'ID [--filter late] [--limit N] [--json]',
    values: ['filter', 'limit'],
    flags: ['json'],
  },
  'campaign start': {
    synopsis: 'FILE [--rehearse 1d=20s] [--units-per-batch N]',
    values: ['rehearse', 'units-per-batch'],
  },
  'campaign extend': {
    synopsis: `ID (--until DATE [--lock DATE] | --by 3d) --reason TEXT [--unit UNIT] [--phase PHASE_ID] ${BY_NAME}`,
    values: ['by', 'until', 'lock', 'reason', 'by-name', 'unit', 'phase'],
  },
  'campaign cancel': { synopsis: `ID --reason TEXT ${BY_NAME}`, values: ['reason', 'by-name'] },
  'campaign list': { synopsis: '' },
  'campaign report': {
    synopsis: 'CAMPAIGN [--json] [--xlsx FILE] | --year YEAR [--json] [--xlsx FILE]',
    values: ['year', 'xlsx'],
    flags: ['json'],
  },
  'unit submit': {
    synopsis: `CAMPAIGN UNIT FILE [--kind summary-report|presentation-paper] [--deliverable ID] [--phase ID] ${BY_NAME}`,
    values: ['kind', 'deliverable', 'phase', 'by-name'],
  },
  'unit remind': { synopsis: `CAMPAIGN UNIT ${BY_NAME}`, values: ['by-name'] },
  'unit link': { synopsis: 'CAMPAIGN UNIT [--revoke | --reissue]', flags: ['revoke', 'reissue'] },
  'secretariat add-user': { synopsis: 'LOGIN --name NAME [--role clerk,approver,council]', values: ['name', 'role'] },
  'secretariat remove-user': { synopsis: 'LOGIN' },
  'secretariat list-users': { synopsis: '' },
  'synthesis show': { synopsis: 'CAMPAIGN [--json]', flags: ['json'] },
  'synthesis approve': { synopsis: 'CAMPAIGN --as LOGIN [--version N]', values: ['as', 'version'] },
  'synthesis return': { synopsis: 'CAMPAIGN --as LOGIN --remarks TEXT', values: ['as', 'remarks'] },
  'synthesis upload': { synopsis: 'CAMPAIGN FILE.docx --as LOGIN [--note TEXT]', values: ['as', 'note'] },
  'synthesis rebuild': { synopsis: 'CAMPAIGN --as LOGIN', values: ['as'] },
  'synthesis download': { synopsis: 'CAMPAIGN [--version N] [--out DIR]', values: ['version', 'out'] },
  'conference status': { synopsis: 'CAMPAIGN [--json]', flags: ['json'] },
  'conference reply': {
    synopsis:
      'CAMPAIGN INVITEE --as LOGIN (--attending --seats N [--delegates "Tên, chức vụ; Tên"] | --declined) [--note TEXT]',
    values: ['as', 'delegates', 'seats', 'note'],
    flags: ['attending', 'declined'],
  },
  'conference set-date': {
    synopsis: 'CAMPAIGN "dd/MM/yyyy HH:mm" [--end HH:mm] --as LOGIN [--reason TEXT]',
    values: ['as', 'end', 'reason'],
  },
  'conference venue': {
    synopsis: 'CAMPAIGN --venue TEXT --as LOGIN [--reason TEXT]',
    values: ['as', 'venue', 'reason'],
  },
  'conference cancel': { synopsis: 'CAMPAIGN --reason TEXT --as LOGIN', values: ['as', 'reason'] },
  'conference outcome': {
    synopsis: 'CAMPAIGN --held-on dd/MM/yyyy --attendance N [--minutes FILE] [--note TEXT] --as LOGIN',
    values: ['as', 'held-on', 'attendance', 'minutes', 'note'],
  },
  'schedule create': {
    synopsis: `FILE --every half-year|year [--id ID] [--start-period 2027-h1] ${BY_NAME}`,
    values: ['every', 'id', 'start-period', 'by-name'],
  },
  // A list records nobody: no --by-name.
  'schedule list': { synopsis: '[--json]', flags: ['json'] },
  'schedule pause': { synopsis: `ID --reason TEXT ${BY_NAME}`, values: ['reason', 'by-name'] },
  'schedule resume': { synopsis: `ID ${BY_NAME}`, values: ['by-name'] },
  'schedule trigger': { synopsis: `ID ${BY_NAME}`, values: ['by-name'] },
  'schedule backfill': { synopsis: `ID --from PERIOD --to PERIOD ${BY_NAME}`, values: ['from', 'to', 'by-name'] },
  'schedule delete': { synopsis: `ID ${BY_NAME}`, values: ['by-name'] },
  'awards status': {
    synopsis: 'CAMPAIGN [--as LOGIN] [--page N] [--page-size N] [--unit UNIT] [--to-vote] [--json]',
    values: ['as', 'page', 'page-size', 'unit'],
    flags: ['json', 'to-vote'],
  },
  'awards vote': {
    synopsis: 'CAMPAIGN NOMINATION approve|reject|abstain --as LOGIN [--form CODE] [--reason TEXT]',
    values: ['as', 'form', 'reason'],
  },
  'awards written-vote': {
    synopsis: 'CAMPAIGN NOMINATION approve|reject|abstain --member ACCOUNT --as LOGIN [--form CODE] [--reason TEXT]',
    values: ['as', 'member', 'form', 'reason'],
  },
  'awards vote-sheet': {
    synopsis: 'CAMPAIGN --member ACCOUNT --file VOTES.csv --as LOGIN',
    values: ['as', 'member', 'file'],
  },
  'awards close': { synopsis: 'CAMPAIGN --as LOGIN', values: ['as'] },
  'awards decide': { synopsis: 'CAMPAIGN --number N --date dd/MM/yyyy --as LOGIN', values: ['as', 'number', 'date'] },
  'payloads sweep': {
    synopsis: '[--grace 24h] [--dry-run] [--namespaces NS1,NS2] [--concurrency 8] [--json]',
    values: ['grace', 'namespaces', 'concurrency'],
    flags: ['dry-run', 'json'],
  },
};

/** Each command's arguments and options, for `thidua <command> --help` (the list of every command gives only what each does). */
export const SYNOPSIS: Record<string, string> = Object.fromEntries(
  Object.entries(COMMAND_SPECS).flatMap(([name, spec]) => (spec.synopsis === undefined ? [] : [[name, spec.synopsis]])),
);

/** `thidua <command> <synopsis>`: the line a usage error prints. */
export const commandLine = (name: string): string => ['thidua', name, SYNOPSIS[name]].filter(Boolean).join(' ');

/** One group's usage line, every action with its synopsis: `thidua conference status CAMPAIGN [--json] | reply …`. */
export const groupUsage = (group: string, actions: readonly string[]): string =>
  `thidua ${group} ${actions.map((a) => [a, SYNOPSIS[`${group} ${a}`]].filter(Boolean).join(' ')).join(' | ')}`;
