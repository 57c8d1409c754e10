/**
 * Who may do what: every staff action names the role it needs, and {@link requireRole} refuses,
 * before anything is sent, with the role that was missing. Roles come from the account store
 * (`stores/accounts.ts`); the CLI names its actor with `--as LOGIN`.
 */
import type { StaffRole } from '../domain/synthesis-types';
import type { Account } from '../stores/accounts';
import { AppError, type Operation } from './temporal-errors';

/** A signed-in staff member (dashboard session) or the account the CLI acts as. */
export interface StaffActor {
  login: string;
  name: string;
  roles: StaffRole[];
}

/** Fails with `forbidden` (nothing changed) unless the actor holds `role`. */
export function requireRole(actor: StaffActor, role: StaffRole, operation: Operation): void {
  if (!actor.roles.includes(role)) throw new AppError('forbidden', { operation, role, login: actor.login });
}

/** How the actor is recorded in workflows and documents: "Nguyễn Văn A (nva)". */
export function actorLabel(actor: StaffActor): string {
  return actor.name && actor.name !== actor.login ? `${actor.name} (${actor.login})` : actor.login;
}

/** The actor an account acts as, with its roles as the account store has them now. */
export function staffActorOf(account: Account): StaffActor {
  return { login: account.login, name: account.name, roles: [...account.roles] };
}
