/**
 * Every line the `thidua` CLI prints for a person (successes, tables, usage), one table per language:
 * Vietnamese by default, English with `--lang en` (or `THIDUA_LANG=en`). Failures of use cases are
 * worded in `messages.ts`; machine output (`--json`) is not translated. Dates are written as an office
 * writes them: dd/MM/yyyy HH:mm, in the campaign's (or the settings') time zone.
 *
 * This file holds the shape of the texts (`CliTexts`), `texts(lang)` and the helpers commands share;
 * the tables themselves are in `texts/vi.ts` and `texts/en.ts`.
 */
import { DateTime } from 'luxon';
import type { SubmissionKind, SubmissionStatus } from '../domain/workflow-types';
import type { StaffRole, SynthesisState } from '../domain/synthesis-types';
import type { MarkFailure, Tally } from '../config/claim-check-sweep';
import type { Lang } from './messages';
import { en } from './texts/en';
import { vi } from './texts/vi';

/** dd/MM/yyyy HH:mm of a UTC instant in `zone`. */
export function localDateTime(utcIso: string, zone: string): string {
  return DateTime.fromISO(utcIso, { zone: 'utc' }).setZone(zone).toFormat('dd/MM/yyyy HH:mm');
}

/** The `--lang` a command line asks for, read before its options are parsed (for usage and parse errors). */
export function langOfArgv(argv: string[], env: NodeJS.ProcessEnv = process.env): Lang {
  let wanted = env.THIDUA_LANG ?? 'vi';
  argv.forEach((a, i) => {
    if (a === '--lang' && argv[i + 1] !== undefined) wanted = argv[i + 1];
    else if (a.startsWith('--lang=')) wanted = a.slice('--lang='.length);
  });
  return wanted.trim().toLowerCase().startsWith('en') ? 'en' : 'vi';
}

export type AccountProblem = 'login' | 'name' | 'password-length' | 'password-contains-login';

export interface CliTexts {
  // ---- general -------------------------------------------------------------------------------------
  usage: (line: string) => string;
  help: { title: string; commands: Record<string, string>; footer: string };
  needsValue: (option: string) => string;
  cannotReachTemporal: (address: string, why: string) => string;

  // ---- campaign start ------------------------------------------------------------------------------
  notStarted: (file: string, errors: number) => string;
  noSelfReviewPhase: (file: string) => string;
  unitsPerBatch: string;
  alreadyRunning: (campaignId: string, plan: string, workflowId: string) => string;
  started: (r: {
    plan: string;
    title: string;
    workflowId: string;
    rehearsal?: string;
    units: number;
    deadline?: string;
    ui: string;
    /** A sub-campaign: the parent campaign and the unit whose submission its result becomes. */
    parent?: { campaignId: string; unitId: string };
  }) => string;

  // ---- unit submit ---------------------------------------------------------------------------------
  fileTypes: (file: string) => string;
  cannotRead: (file: string, code: string) => string;
  fileKind: string;
  received: (r: {
    kind: SubmissionKind;
    unit: string;
    name: string;
    version: number;
    late: boolean;
    sha256: string;
  }) => string;

  // ---- campaign extend / cancel / list, unit remind -------------------------------------------------
  extendedUnit: (unitId: string, deadline: string, version?: number) => string;
  extendedAll: (campaignId: string, deadline: string) => string;
  cancelled: (campaignId: string) => string;
  reminderQueued: (unitId: string) => string;
  noCampaign: string;
  listHeader: string[];

  // ---- campaign status -----------------------------------------------------------------------------
  filterOneOf: (values: string) => string;
  noSuchCampaign: (campaignId: string, address: string) => string;
  status: Record<SubmissionStatus, string>;
  phase: (phase: string) => string;
  phaseLine: (phase: string, workflowStatus: string, ui: string) => string;
  countsLine: (total: number, counts: string, locked: number) => string;
  /** One deadline phase of a campaign with several: its deadline, whether under way, and its counts once locked. */
  deadlinePhaseLine: (
    n: number,
    name: string,
    id: string,
    deadline: string,
    state: 'current' | 'locked' | 'later',
    counts: string,
  ) => string;
  statusHeader: string[];
  lockedMark: string;
  shown: (shown: number, matching: number) => string;

  // ---- unit link -----------------------------------------------------------------------------------
  revoked: (campaignId: string, unitId: string) => string;
  nothingToRevoke: (unitId: string) => string;
  reissued: (unitId: string, url: string) => string;

  // ---- secretariat add-user / remove-user ----------------------------------------------------------
  passwordPrompt: string;
  accountCreated: (login: string, url: string) => string;
  passwordSet: (login: string) => string;
  accountRemoved: (login: string) => string;
  noAccount: (login: string) => string;
  accountProblem: (problem: AccountProblem, login: string) => string;
  /** The roles an account now has (after add-user), and the refusal of a role name not known. */
  accountRoles: (login: string, roles: StaffRole[]) => string;
  unknownRole: (role: string) => string;
  /** `secretariat list-users`. */
  accountLine: (a: { login: string; name: string; roles: StaffRole[] }) => string;
  noAccounts: string;

  // ---- campaign validate (summary lines; the problems are the validator's) ------------------------
  validate: {
    usage: string;
    errors: (errors: number, warnings: number) => string;
    valid: (units: number, phases: number, warnings: number) => string;
    nowNeedsInstant: string;
    unknownOption: (arg: string) => string;
    noFile: string;
  };

  // ---- campaign import-units (the problems are the sheet module's) --------------------------------
  importUnits: {
    usage: string;
    noFile: string;
    oneFile: (files: string[]) => string;
    unknownOption: (arg: string) => string;
    cannotRead: (file: string, why: string) => string;
    cannotWrite: (file: string, why: string) => string;
    noSuchFile: string;
    templateWritten: (file: string) => string;
    read: (file: string, units: number, rows: number) => string;
    problems: (file: string, problems: number, rows: number) => string;
  };

  // ---- synthesis ---------------------------------------------------------------------------------
  synthesis: SynthesisCliTexts;

  // ---- payloads sweep ------------------------------------------------------------------------------
  payloads: PayloadsCliTexts;

  // ---- campaign plan -------------------------------------------------------------------------------
  plan: {
    usage: string;
    needsValue: (flag: string) => string;
    unknownOption: (arg: string) => string;
    missingFile: string;
    oneFile: (files: string[]) => string;
    noPlan: (file: string, errors: number) => string;
    badNow: (now: string) => string;
    /** The document's reference and date as it writes them ("Kế hoạch số 67-KH/TU", "ngày 21/9/2009"). */
    planLine: (reference: string, dated: string, title: string) => string;
    document: string;
    /** A row whose date is known only roughly: "dự kiến trong tháng 11/2009". */
    approximately: (period: string) => string;
    /** The plan's own date, known only roughly: it was signed, not expected ("trong tháng 8/2009"). */
    within: (period: string) => string;
    issuer: (issuingBody: string, secretariat: string) => string;
    facts: (r: { units: number; zone: string; hours: string; reminderTime: string; policy: string }) => string;
    policy: Record<'keep' | 'previous' | 'next', string>;
    unitLine: (r: { name: string; id: string; focal: string; head: string }) => string;
    rehearsal: (spec: string, origin: string, anchor: string) => string;
    phases: string;
    /** A deadline phase's declared deliverables, and a unit's own instead. */
    owes: (items: string) => string;
    unitOwes: (unit: string, items: string) => string;
    header: string[];
    readings: (rehearsed: boolean) => string;
    planDate: string;
    phaseLabel: (n: number) => string;
    start: string;
    end: string;
    deadline: string;
    lock: string;
    conference: string;
    notes: string;
    none: string;
  };
}

/** `thidua synthesis …`: the draft report, its versions and its approval. */
export interface SynthesisCliTexts {
  usage: string;
  unknownLogin: (login: string) => string;
  needsAs: string;
  badVersion: (value: string) => string;
  noVersion: (version: number) => string;
  cannotRead: (file: string, code: string) => string;
  state: Record<SynthesisState, string>;
  title: (campaignId: string, state: string) => string;
  deadline: (local: string) => string;
  noDeadline: string;
  approved: (version: number, by: string, at: string) => string;
  counts: (reminders: number, escalations: number) => string;
  versionsHeader: string[];
  source: Record<'built' | 'uploaded', string>;
  returnsHeader: string;
  returnLine: (version: number, by: string, at: string, remarks: string) => string;
  done: Record<'approve' | 'return' | 'upload' | 'rebuild', (campaignId: string, version: number) => string>;
  written: (file: string) => string;
}

/** `thidua payloads sweep`: the claim check's blobs no history refers to any more (`config/claim-check-sweep.ts`). */
export interface PayloadsCliTexts {
  help: string;
  usage: string;
  badGrace: (value: string) => string;
  badNamespaces: (value: string) => string;
  badConcurrency: (value: string, most: number) => string;
  unknownOption: (arg: string) => string;
  /** The mark could not read everything: nothing deleted. */
  markFailed: (what: string) => string;
  /** What `what` says in `markFailed`, by the failure's kind. */
  failure: (f: MarkFailure) => string;
  marked: (r: { namespaces: string[]; executions: number; schedules: number; grace: string }) => string;
  grace: (hours: number) => string;
  wouldRemove: (files: number, bytes: number) => string;
  removed: (files: number, bytes: number) => string;
  fileLine: (file: string, bytes: number, kind: 'blob' | 'temp') => string;
  kept: (r: { referenced: Tally; young: Tally; other: Tally }) => string;
  missing: (count: number, shas: string[]) => string;
  failed: (count: number) => string;
  failedLine: (file: string, why: string) => string;
}

const TEXTS: Record<Lang, CliTexts> = { vi, en };

/** The CLI's texts in `lang`. */
export function texts(lang: Lang): CliTexts {
  return TEXTS[lang];
}
