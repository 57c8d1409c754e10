/**
 * `thidua conference …`: the campaign's conference, through the use cases of `app/conference.ts`
 * (the dashboard uses the same):
 * - `status CAMPAIGN [--json]`: when, where, the invitation's sequence, replies and counts;
 * - `reply CAMPAIGN INVITEE --as LOGIN (--attending --seats N [--delegates "A, chức vụ; B"] | --declined)`:
 *   a reply given by phone;
 * - `set-date CAMPAIGN "dd/MM/yyyy HH:mm" [--end HH:mm]`, `venue CAMPAIGN --venue TEXT`,
 *   `cancel CAMPAIGN --reason TEXT`, `outcome CAMPAIGN --held-on DATE --attendance N [--minutes FILE]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import {
  cancelConference,
  changeConferenceVenue,
  conferenceStatus,
  recordConferenceOutcome,
  recordPhoneReply,
  setConferenceDate,
} from '../../app/conference';
import { staffActorOf, type StaffActor } from '../../app/roles';
import { loadSettings } from '../../config/settings';
import type { ConferenceStatusView, Delegate } from '../../domain/conference-types';
import { FileAccountStore } from '../../stores/accounts';
import { CliError, connect, processIo, type Io } from '../connect';
import { cliLang, toCliError, type Lang } from '../messages';
import { localDateTime, texts } from '../texts';
import { conferenceTexts, type ConferenceCliTexts } from '../texts/conference';
import { formatTable } from './format-table';
import { readOptions } from './known-options';

type Action = 'status' | 'reply' | 'set-date' | 'venue' | 'cancel' | 'outcome';

async function run(action: Action, argv: string[], io: Io): Promise<number> {
  // What each action takes (COMMAND_SPECS): ignored, `conference cancel X --as A --reson …` asked for a reason it had.
  const { positional, options } = readOptions(argv, `conference ${action}`);
  const lang = cliLang(options);
  const t = conferenceTexts(lang);
  const usage = () => new CliError(texts(lang).usage(t.usage), 2);
  const campaignId = positional[0];
  if (!campaignId) throw usage();
  const needsActor = action !== 'status';
  if (needsActor && !options.as) throw new CliError(t.needsAs, 2);
  // Everything that can be checked here is, before an account or Temporal is asked.
  const request = needsActor ? parseRequest(action, positional, options, t) : undefined;
  if (request === null) throw usage();
  const actor = needsActor ? await actorOf(loadSettings().dataDir, options.as, t) : undefined;
  const cli = await connect(lang);
  try {
    const fail = (err: unknown): never => {
      throw err instanceof CliError ? err : toCliError(err, lang);
    };
    const zone = cli.settings.timeZone;
    const say = (line: string) => void io.stdout.write(line + '\n');
    switch (action) {
      case 'status': {
        const view = await conferenceStatus(cli, campaignId).catch(fail);
        io.stdout.write(options.json ? JSON.stringify(view, null, 2) + '\n' : show(view, t, zone));
        return 0;
      }
      case 'reply': {
        const r = request as ReplyRequest;
        const view = await recordPhoneReply(cli, campaignId, actor!, r).catch(fail);
        say(t.done.reply(campaignId, view.invitees.find((i) => i.id === r.inviteeId)?.name ?? r.inviteeId));
        return 0;
      }
      case 'set-date': {
        const r = request as { start: string; end?: string; reason?: string };
        const when = await readWhen(r.start, r.end, zone, t);
        const view = await setConferenceDate(cli, campaignId, actor!, when, r.reason).catch(fail);
        const moved = view.rehearsed;
        say(
          t.done.date(campaignId, moved ? t.rehearsedDay(moved.planned, moved.startLocal, moved.spec) : view.whenLocal),
        );
        return 0;
      }
      case 'venue': {
        const view = await changeConferenceVenue(cli, campaignId, actor!, options.venue, options.reason).catch(fail);
        say(t.done.venue(campaignId, view.venue));
        return 0;
      }
      case 'cancel': {
        await cancelConference(cli, campaignId, actor!, options.reason).catch(fail);
        say(t.done.cancel(campaignId, ''));
        return 0;
      }
      case 'outcome': {
        const r = request as { heldOn: string; attendance: number; minutes?: string; note?: string };
        let minutes: { name: string; bytes: Buffer } | undefined;
        if (r.minutes) {
          try {
            minutes = { name: path.basename(r.minutes), bytes: fs.readFileSync(r.minutes) };
          } catch (err) {
            throw new CliError(t.cannotRead(r.minutes, (err as NodeJS.ErrnoException).code ?? 'EIO'), 1, {
              cause: err,
            });
          }
        }
        const view = await recordConferenceOutcome(cli, campaignId, actor!, {
          heldOn: r.heldOn,
          attendance: r.attendance,
          ...(minutes ? { minutes } : {}),
          ...(r.note ? { note: r.note } : {}),
        }).catch(fail);
        say(t.done.outcome(campaignId, view.outcome?.heldOn ?? r.heldOn));
        return 0;
      }
    }
  } finally {
    await cli.close();
  }
}

interface ReplyRequest {
  inviteeId: string;
  answer: 'attending' | 'declined';
  delegates: Delegate[];
  seats: number;
  note?: string;
}

/** The action's arguments, checked; null when the usage line is the answer. */
export function parseRequest(
  action: Action,
  positional: string[],
  options: Record<string, string>,
  t: ConferenceCliTexts,
): unknown {
  const count = (option: string, value: string | undefined) => {
    if (value === undefined || !/^\d+$/.test(value)) throw new CliError(t.badNumber(option, value ?? ''), 2);
    return Number(value);
  };
  switch (action) {
    case 'reply': {
      const inviteeId = positional[1];
      if (!inviteeId) return null;
      if (!options.attending === !options.declined) throw new CliError(t.needsAnswer, 2);
      const delegates = (options.delegates ?? '')
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d): Delegate => {
          const [name, ...position] = d.split(',').map((p) => p.trim());
          return { name, ...(position.length > 0 ? { position: position.join(', ') } : {}) };
        });
      const attending = !!options.attending;
      return {
        inviteeId,
        answer: attending ? 'attending' : 'declined',
        delegates,
        seats: attending ? count('--seats', options.seats) : 0,
        ...(options.note ? { note: options.note } : {}),
      } satisfies ReplyRequest;
    }
    case 'set-date':
      if (!positional[1]) return null;
      return { start: positional[1], end: options.end, reason: options.reason };
    case 'venue':
      if (!options.venue?.trim()) throw new CliError(t.needsVenue, 2);
      return {};
    case 'cancel':
      if (!options.reason?.trim()) throw new CliError(t.needsReason, 2);
      return {};
    case 'outcome': {
      const heldOn = isoDate(options['held-on']);
      if (!heldOn) throw new CliError(t.badDate('--held-on', options['held-on'] ?? ''), 2);
      return {
        heldOn,
        attendance: count('--attendance', options.attendance),
        minutes: options.minutes,
        note: options.note,
      };
    }
    default:
      return {};
  }
}

/** "14/11/2009" or "2009-11-14" → "2009-11-14". */
function isoDate(text: string | undefined): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text?.trim() ?? '');
  if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(text?.trim() ?? '') ? text!.trim() : undefined;
}

/** "14/11/2009 08:00" (local, the settings' zone) or an ISO instant; `--end` a time that day or a full date. */
async function readWhen(start: string, end: string | undefined, zone: string, t: ConferenceCliTexts) {
  const read = (text: string, option: string, day?: DateTime) => {
    const iso = DateTime.fromISO(text, { zone });
    if (/T/.test(text) && iso.isValid) return iso;
    const full = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2})[:h](\d{2}))?$/.exec(text.trim());
    const time = /^(\d{1,2})[:h](\d{2})$/.exec(text.trim());
    const d = full
      ? DateTime.fromObject(
          { day: +full[1], month: +full[2], year: +full[3], hour: +(full[4] ?? 8), minute: +(full[5] ?? 0) },
          { zone },
        )
      : time && day
        ? day.set({ hour: +time[1], minute: +time[2] })
        : undefined;
    if (!d?.isValid) throw new CliError(t.badDate(option, text), 2);
    return d;
  };
  const s = read(start, 'set-date');
  return { start: s.toUTC().toISO()!, ...(end ? { end: read(end, '--end', s).toUTC().toISO()! } : {}) };
}

async function actorOf(dataDir: string, login: string, t: ConferenceCliTexts): Promise<StaffActor> {
  const account = await new FileAccountStore(dataDir).find(login);
  if (!account) throw new CliError(t.unknownLogin(login));
  return staffActorOf(account);
}

export function show(view: ConferenceStatusView, t: ConferenceCliTexts, zone: string): string {
  const at = (iso?: string) => (iso ? localDateTime(iso, zone) : undefined);
  const lines = [
    t.title(view.campaignId, view.name, t.state[view.state]),
    t.facts({
      when: view.whenLocal,
      venue: view.venue,
      sequence: view.sequence,
      replyBy: view.replyByLocal,
      invitationsAt: at(view.invitationsAt),
    }),
    t.counts(view.counts),
    t.sent(view.remindersSent, view.escalationsSent),
    ...(view.cancelled ? [t.cancelled(view.cancelled.reason, view.cancelled.by)] : []),
    ...(view.outcome ? [t.outcome(view.outcome.heldOn, view.outcome.attendance, view.outcome.recordedBy)] : []),
    '',
    formatTable(
      t.header,
      view.invitees.map((i) => [
        i.id,
        i.name,
        (i.reply ? t.answer[i.reply.answer] : t.answer.none) + (!i.reply && i.previousReply ? t.asked : ''),
        i.reply ? String(i.reply.seats) : '',
        (i.reply?.delegates ?? []).map((d) => d.name).join(', '),
        i.reply?.via ?? '',
        String(i.remindersSent),
      ]),
      { maxWidths: [0, 40, 0, 0, 40, 0, 0] },
    ),
  ];
  if (view.changes.length > 0) {
    lines.push('', t.changes, ...view.changes.map((c) => `  ${at(c.at)} — ${c.what}: ${c.detail} (${c.by})`));
  }
  return lines.join('\n') + '\n';
}

export const conferenceCommand =
  (action: Action) =>
  (argv: string[], io: Io = processIo) =>
    run(action, argv, io);

/** For tests: the language the CLI would speak. */
export type { Lang };
