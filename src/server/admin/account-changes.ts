/**
 * Account changes with their audit rows, shared by the console's routes (account-routes.ts) and
 * `npm run admin` (scripts/admin.ts, as user "cli"), so both leave the same trail. The rows carry the
 * role and the fact that a password changed, never a password or a hash.
 */
import type { Role, User } from '../../contract/admin.js';
import type { Accounts } from './accounts.js';
import type { Auditor } from './admin-env.js';

export interface AccountDeps {
  accounts: Accounts;
  audit: Auditor;
}

/** What the audit row says of a new password. */
const CHANGED = 'changed';

/** Adds an account; undefined when the name is taken. */
export async function addAccount(
  { accounts, audit }: AccountDeps,
  by: string,
  name: string,
  role: Role,
  password: string,
): Promise<User | undefined> {
  const user = await accounts.add(name, role, password);
  if (user) await audit.record({ user: by, action: 'user.add', target: name, before: null, after: { role } });
  return user;
}

/**
 * Changes an account's role and/or password (a new password ends all its sessions); undefined when
 * there is no such account.
 */
export async function changeAccount(
  { accounts, audit }: AccountDeps,
  by: string,
  name: string,
  change: { role?: Role; password?: string },
): Promise<User | undefined> {
  const account = await accounts.get(name);
  if (!account) return undefined;
  const before: Record<string, string> = {};
  const after: Record<string, string> = {};
  if (change.role !== undefined && change.role !== account.role) {
    await accounts.setRole(name, change.role);
    before.role = account.role;
    after.role = change.role;
  }
  if (change.password !== undefined) {
    await accounts.setPassword(name, change.password);
    after.password = CHANGED;
  }
  if (Object.keys(after).length > 0)
    await audit.record({ user: by, action: 'user.update', target: name, before, after });
  return { name, role: change.role ?? account.role, createdAt: account.createdAt };
}

/** Removes an account and its sessions; false when there was none. */
export async function removeAccount({ accounts, audit }: AccountDeps, by: string, name: string): Promise<boolean> {
  const account = await accounts.get(name);
  if (!account || !(await accounts.remove(name))) return false;
  await audit.record({ user: by, action: 'user.remove', target: name, before: { role: account.role }, after: null });
  return true;
}
