/**
 * Who the command line acts as: one actor, its name and login, that every command records (an
 * extension, a cancellation, a reminder, a submission made for a unit, a schedule's notes) and that
 * reads the same wherever it is shown, through the app's own {@link actorLabel}: "Thường trực (dòng
 * lệnh)", or "Nguyễn Văn A (dòng lệnh)" with `--by-name`. The dashboard's pages are Vietnamese, so
 * it is Vietnamese whatever `--lang` the command ran with. The login is no account's (a login has no
 * spaces or accents): the record cannot be taken for a dashboard user's.
 */
import { actorLabel, type StaffActor } from '../../app/roles';
import { STAFF_ROLES } from '../../domain/synthesis-types';

/** The command line as an actor: it holds every staff role (an operator's tool, as `campaign extend`). */
export const CLI_ACTOR: Readonly<{ login: string; name: string }> = { login: 'dòng lệnh', name: 'Thường trực' };

/** The command line's actor, named by `--by-name` when given. */
export function cliActor(byName?: string): StaffActor {
  return { login: CLI_ACTOR.login, name: byName?.trim() || CLI_ACTOR.name, roles: [...STAFF_ROLES] };
}

/** How an action records who did it from the command line: "Thường trực (dòng lệnh)". */
export function cliActorLabel(byName?: string): string {
  return actorLabel(cliActor(byName));
}
