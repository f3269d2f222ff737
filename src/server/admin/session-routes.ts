/**
 * Signing in and out, and one's own password: POST/GET/DELETE /admin/session, POST /admin/password.
 * A refused sign-in never says whether the name or the password was wrong (401 `bad_credentials`, one
 * message), and an unknown name costs the same scrypt time as a wrong password. Failures are throttled
 * per account and per client address (throttle.ts): 429 with Retry-After, the password not even checked.
 */
import type { Context } from 'hono';
import {
  passwordChangeRequestSchema,
  signInRequestSchema,
  USER_NAME_PATTERN,
  type SessionResponse,
} from '../../contract/admin.js';
import { log } from '../log/log.js';
import { requestClientKey } from '../http/rate-limit.js';
import type { Account, Session } from './accounts.js';
import { changeAccount, type AccountDeps } from './account-changes.js';
import type { AdminEnv } from './admin-env.js';
import { clearSessionCookie, currentSession, setSessionCookie } from './guard.js';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { adminError, readJson } from './replies.js';
import type { SignInThrottle } from './throttle.js';

type AdminContext = Context<AdminEnv>;

export interface SessionDeps extends AccountDeps {
  throttle: SignInThrottle;
  trustProxy: number;
  now: () => number;
}

const BAD_CREDENTIALS = 'Wrong name or password';

const sessionBody = ({ user, idleExpiresAt, expiresAt }: Session): SessionResponse => ({
  user,
  idleExpiresAt,
  expiresAt,
});

/**
 * Checks `password` for account `name` under the throttle: the account when right, else the error
 * answer (429 while locked, 401 `bad_credentials` otherwise, `field` naming the request's field).
 */
async function checkPassword(
  c: AdminContext,
  deps: SessionDeps,
  name: string,
  password: string,
  field?: string,
): Promise<Account | Response> {
  const { accounts, throttle, now } = deps;
  const address = requestClientKey(c.env.incoming, deps.trustProxy);
  const wait = throttle.retryAfter(name, address, now());
  if (wait > 0)
    return adminError(c, 429, 'rate_limited', `Too many failed sign-ins; retry in ${wait} s`, { retryAfter: wait });
  const account = await accounts.get(name);
  // Hashed against a dummy when the name is unknown: the answer takes as long either way.
  const right = (await verifyPassword(password, account?.passwordHash ?? (await dummyHash()))) && account;
  if (!right) {
    throttle.failed(name, address, now());
    return adminError(c, 401, 'bad_credentials', BAD_CREDENTIALS, { field });
  }
  throttle.succeeded(name);
  return right;
}

/** Starts a session for `user`, sets its cookie and answers 200 with it. */
async function signedIn(c: AdminContext, deps: SessionDeps, user: Session['user']): Promise<Response> {
  const { token, session } = await deps.accounts.startSession(user);
  setSessionCookie(c, token, deps.trustProxy);
  return c.json(sessionBody(session));
}

/** POST /session: no session needed (the guard's Origin and JSON checks still ran). */
export function signIn(deps: SessionDeps) {
  return async (c: AdminContext): Promise<Response> => {
    const body = await readJson(c, signInRequestSchema);
    if (body instanceof Response) return body;
    // Names are lowercase: "Lan " typed on a phone's keyboard is lan.
    const name = body.name.trim().toLowerCase();
    const checked = await checkPassword(c, deps, name, body.password);
    if (checked instanceof Response) {
      // The name only when it is one (a password typed into the name field must not reach the log).
      if (checked.status === 429) log.warn('sign-in throttled', USER_NAME_PATTERN.test(name) ? { name } : {});
      return checked;
    }
    const account = checked;
    // Parameters grew since this hash was made: store one with today's (the password is at hand only now).
    if (needsRehash(account.passwordHash))
      await deps.accounts.storeHash(account.name, await hashPassword(body.password), false);
    await deps.audit.record({
      user: account.name,
      action: 'session.sign-in',
      target: account.name,
      before: null,
      after: null,
    });
    return signedIn(c, deps, { name: account.name, role: account.role });
  };
}

/** GET /session: who is signed in, and until when. */
export function getSession(deps: SessionDeps) {
  return async (c: AdminContext): Promise<Response> => {
    const session = await currentSession(c, deps.accounts);
    if (!session) return adminError(c, 401, 'unauthenticated', 'Sign in first (no session, or it has ended)');
    return c.json(sessionBody(session));
  };
}

/** DELETE /session: signs this browser out. */
export function signOut(deps: SessionDeps) {
  return async (c: AdminContext): Promise<Response> => {
    const session = await currentSession(c, deps.accounts);
    if (session) await deps.accounts.endSession(session.id);
    clearSessionCookie(c);
    return c.body(null, 204);
  };
}

/** POST /password: one's own password; every session of the account ends and this browser gets a new one. */
export function changeOwnPassword(deps: SessionDeps) {
  return async (c: AdminContext): Promise<Response> => {
    const body = await readJson(c, passwordChangeRequestSchema);
    if (body instanceof Response) return body;
    const { user } = c.var;
    const checked = await checkPassword(c, deps, user.name, body.current, 'current');
    if (checked instanceof Response) return checked;
    const changed = await changeAccount(deps, user.name, user.name, { password: body.password });
    if (!changed) return adminError(c, 401, 'unauthenticated', 'This account no longer exists');
    return signedIn(c, deps, { name: changed.name, role: changed.role });
  };
}
