/**
 * `thidua synthesis …`: the draft synthesis report of a campaign, through the use cases of
 * `app/synthesis.ts` (the dashboard uses the same):
 * - `show CAMPAIGN [--json]`: state, versions, approval deadline, returns;
 * - `approve CAMPAIGN --as LOGIN [--version N]`, `return CAMPAIGN --as LOGIN --remarks TEXT`;
 * - `upload CAMPAIGN FILE.docx --as LOGIN [--note TEXT]`, `rebuild CAMPAIGN --as LOGIN`;
 * - `download CAMPAIGN [--version N] [--out DIR]`: the version's `.docx`, `.xlsx` and pictures.
 *
 * `--as LOGIN` names the account acting: its roles decide what it may do (an account without roles is
 * a clerk).
 */
import fs from 'node:fs';
import path from 'node:path';
import { staffActorOf, type StaffActor } from '../../app/roles';
import {
  approveSynthesis,
  rebuildSynthesis,
  returnSynthesis,
  reviseSynthesis,
  synthesisFile,
  synthesisStatus,
} from '../../app/synthesis';
import type { SynthesisStatusView } from '../../domain/synthesis-types';
import { FileAccountStore } from '../../stores/accounts';
import { FileReportStore } from '../../stores/report-store';
import { loadSettings } from '../../config/settings';
import { CliError, connect, processIo, type Io } from '../connect';
import { cliLang, toCliError, type Lang } from '../messages';
import { localDateTime, texts } from '../texts';
import { formatTable } from './format-table';
import { readOptions } from './known-options';

type Action = 'show' | 'approve' | 'return' | 'upload' | 'rebuild' | 'download';

async function run(action: Action, argv: string[], io: Io): Promise<number> {
  // What each action takes (COMMAND_SPECS): `synthesis approve X --as A --versoin 2` approved the latest version.
  const { positional, options } = readOptions(argv, `synthesis ${action}`);
  const lang = cliLang(options);
  const t = texts(lang).synthesis;
  const campaignId = positional[0];
  if (!campaignId) throw new CliError(texts(lang).usage(t.usage), 2);
  const version = options.version === undefined ? undefined : versionOf(options.version, lang);
  const needsActor = action !== 'show' && action !== 'download';
  if (needsActor && !options.as) throw new CliError(t.needsAs, 2);
  // The account first: an unknown login is refused without reaching Temporal.
  const actor = needsActor ? await actorOf(loadSettings().dataDir, options.as, lang) : undefined;
  const cli = await connect(lang);
  try {
    const fail = (err: unknown) => {
      throw err instanceof CliError ? err : toCliError(err, lang);
    };
    const reports = () => new FileReportStore(path.join(cli.settings.dataDir, 'reports'));
    const done = (kind: keyof typeof t.done, view: SynthesisStatusView, v?: number) => {
      io.stdout.write(t.done[kind](campaignId, v ?? view.versions[view.versions.length - 1]?.version ?? 1) + '\n');
      return 0;
    };
    switch (action) {
      case 'show': {
        const view = await synthesisStatus(cli, campaignId).catch(fail);
        io.stdout.write(options.json ? JSON.stringify(view, null, 2) + '\n' : show(view, lang, cli.settings.timeZone));
        return 0;
      }
      case 'approve': {
        const view = await approveSynthesis(cli, campaignId, actor!, version).catch(fail);
        return done('approve', view, view.approved?.version);
      }
      case 'return': {
        if (!options.remarks?.trim()) throw new CliError(texts(lang).usage(t.usage), 2);
        const view = await returnSynthesis(cli, campaignId, actor!, options.remarks).catch(fail);
        return done('return', view, view.returns[view.returns.length - 1]?.version);
      }
      case 'upload': {
        const file = positional[1];
        if (!file) throw new CliError(texts(lang).usage(t.usage), 2);
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(file);
        } catch (err) {
          throw new CliError(t.cannotRead(file, (err as NodeJS.ErrnoException).code ?? 'EIO'), 1, { cause: err });
        }
        const store = reports();
        try {
          const view = await reviseSynthesis(
            cli,
            store,
            campaignId,
            actor!,
            { name: path.basename(file), bytes },
            options.note,
          ).catch(fail);
          return done('upload', view);
        } finally {
          store.close();
        }
      }
      case 'rebuild': {
        const view = await rebuildSynthesis(cli, campaignId, actor!).catch(fail);
        // The new version is being built: it is the next after those listed.
        return done('rebuild', view, view.versions.length + 1);
      }
      case 'download': {
        const view = await synthesisStatus(cli, campaignId).catch(fail);
        const chosen =
          version === undefined
            ? view.versions[view.versions.length - 1]
            : view.versions.find((v) => v.version === version);
        if (!chosen) throw new CliError(t.noVersion(version ?? 1));
        const dir = options.out ?? '.';
        fs.mkdirSync(dir, { recursive: true });
        const store = reports();
        try {
          const refs = [chosen.docx, chosen.pack.xlsx, chosen.pack.timelineSvg, chosen.pack.submissionsSvg];
          for (const ref of refs) {
            const { bytes } = await synthesisFile(store, view, ref.sha256).catch(fail);
            const out = path.join(dir, path.basename(ref.name));
            fs.writeFileSync(out, bytes);
            io.stdout.write(t.written(out) + '\n');
          }
        } finally {
          store.close();
        }
        return 0;
      }
    }
  } finally {
    await cli.close();
  }
}

function versionOf(value: string, lang: Lang): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new CliError(texts(lang).synthesis.badVersion(value), 2);
  return n;
}

/** The account `--as` names, as a staff actor; an unknown login is refused before anything is sent. */
async function actorOf(dataDir: string, login: string, lang: Lang): Promise<StaffActor> {
  const account = await new FileAccountStore(dataDir).find(login);
  if (!account) throw new CliError(texts(lang).synthesis.unknownLogin(login));
  return staffActorOf(account);
}

function show(view: SynthesisStatusView, lang: Lang, zone: string): string {
  const t = texts(lang).synthesis;
  const at = (iso: string) => localDateTime(iso, zone);
  const lines = [
    t.title(view.campaignId, t.state[view.state]),
    view.deadlineLocal ? t.deadline(view.deadlineLocal) : t.noDeadline,
    ...(view.approved ? [t.approved(view.approved.version, view.approved.by, at(view.approved.at))] : []),
    t.counts(view.remindersSent, view.escalationsSent),
    '',
    formatTable(
      t.versionsHeader,
      view.versions.map((v) => [String(v.version), t.source[v.source], v.docx.name, v.by, at(v.at), v.note ?? '']),
      { maxWidths: [0, 0, 40, 30, 0, 40] },
    ),
  ];
  if (view.returns.length > 0) {
    lines.push('', t.returnsHeader, ...view.returns.map((r) => t.returnLine(r.version, r.by, at(r.at), r.remarks)));
  }
  return lines.join('\n') + '\n';
}

export const showCommand = (argv: string[], io: Io = processIo) => run('show', argv, io);
export const approveCommand = (argv: string[], io: Io = processIo) => run('approve', argv, io);
export const returnCommand = (argv: string[], io: Io = processIo) => run('return', argv, io);
export const uploadCommand = (argv: string[], io: Io = processIo) => run('upload', argv, io);
export const rebuildCommand = (argv: string[], io: Io = processIo) => run('rebuild', argv, io);
export const downloadCommand = (argv: string[], io: Io = processIo) => run('download', argv, io);
