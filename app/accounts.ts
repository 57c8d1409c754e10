/**
 * The secretariat's dashboard accounts: created or given a new password (`thidua secretariat
 * add-user`), removed (`thidua secretariat remove-user`). A store's own checks (login, name,
 * password strength) come back as `invalid`; the dashboard ends a removed account's sessions at
 * their next request, and a changed password's too (its sessions carry the old hash).
 */
import { AccountInputError, type AccountStore } from '../stores/accounts';
import type { StaffRole } from '../domain/synthesis-types';
import { AppError } from './temporal-errors';

/** Creates the account, or sets a new password (and name) for an existing one. */
export async function setAccount(
  accounts: AccountStore,
  req: { login: string; name: string; password: string; roles?: StaffRole[] },
): Promise<'created' | 'updated'> {
  try {
    return await accounts.set(req.login, req.name, req.password, req.roles);
  } catch (err) {
    throw new AppError(
      'invalid',
      {
        operation: 'account',
        input: 'account',
        value: (err as Error).message,
        ...(err instanceof AccountInputError ? { accountProblem: err.problem, login: req.login } : {}),
      },
      { cause: err },
    );
  }
}

/** Every account (login, name, roles; the password hash stays in the store). */
export async function listAccounts(
  accounts: AccountStore,
): Promise<Array<{ login: string; name: string; roles: StaffRole[] }>> {
  return (await accounts.list()).map(({ login, name, roles }) => ({ login, name, roles }));
}

/** Removes the account; false when there was none. */
export function removeAccount(accounts: AccountStore, login: string): Promise<boolean> {
  return accounts.remove(login);
}
