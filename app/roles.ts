/**
 * Who may do what: every staff action names the role it needs, and {@link requireRole} refuses,
 * before anything is sent, with the role that was missing. Roles come from the account store
 * (`stores/accounts.ts`); the CLI names its actor with `--as LOGIN`.
 */
import { STAFF_ROLES, type StaffRole } from '../domain/synthesis-types';
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

/**
 * The staff actor of a stored account. Roles come from the account's `roles` (being added to
 * `stores/accounts.ts`); an account without them, as every account made before roles, is a clerk.
 */
export function staffActorOf(account: { login: string; name: string }): StaffActor {
  const roles = (account as { roles?: unknown }).roles;
  const known = Array.isArray(roles)
    ? roles.filter((r): r is StaffRole => STAFF_ROLES.includes(r as StaffRole))
    : (['clerk'] as StaffRole[]);
  return { login: account.login, name: account.name, roles: known };
}
