/**
 * Console accounts and their sessions, in console.sqlite (store/console-db.ts). Async methods over the
 * synchronous database, so a PostgreSQL adapter can implement the same interface later.
 *
 * A session's token is 32 random bytes given to the browser once (the cookie); only its SHA-256 is
 * stored, so a copy of the database signs nobody in. A session ends after 8 h without a request (idle,
 * sliding: `last_seen` is written at most once a minute, not on every request) or 7 days after sign-in
 * (absolute), at sign-out, when its account's password changes and when its account is removed.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Role, SessionResponse, SessionUser, User } from '../../contract/admin.js';
import type { ConsoleDb, ConsoleTables } from '../store/console-db.js';
import { hashPassword } from './passwords.js';

export const IDLE_MS = 8 * 60 * 60 * 1000;
export const ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** `last_seen` is rewritten only when it is older than this: a busy console is not one write per request. */
const TOUCH_MS = 60 * 1000;

export const ACCOUNT_TABLES: ConsoleTables = {
  name: 'accounts',
  schema: [
    `CREATE TABLE IF NOT EXISTS users (
       name TEXT PRIMARY KEY,
       role TEXT NOT NULL CHECK (role IN ('admin', 'editor')),
       password_hash TEXT NOT NULL,
       created_at TEXT NOT NULL
     ) STRICT`,
    // Times in epoch milliseconds: compared on every request.
    `CREATE TABLE IF NOT EXISTS sessions (
       token_hash TEXT PRIMARY KEY,
       user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
       created_at INTEGER NOT NULL,
       last_seen INTEGER NOT NULL,
       expires INTEGER NOT NULL
     ) STRICT`,
    'CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions(user)',
  ],
};

export interface Account extends User {
  passwordHash: string;
}

export interface Session extends SessionResponse {
  /** The token's hash, the session's key. */
  id: string;
}

interface UserRow {
  name: string;
  role: Role;
  password_hash: string;
  created_at: string;
}

interface SessionRow {
  token_hash: string;
  name: string;
  role: Role;
  created_at: number;
  last_seen: number;
  expires: number;
}

const toAccount = (row: UserRow): Account => ({
  name: row.name,
  role: row.role,
  createdAt: row.created_at,
  passwordHash: row.password_hash,
});

/** The stored key of a session token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class Accounts {
  readonly #db: ConsoleDb;
  readonly #now: () => number;

  constructor(db: ConsoleDb, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  async list(): Promise<User[]> {
    const rows = this.#db.prepare('SELECT * FROM users ORDER BY name').all() as UserRow[];
    return rows.map(({ name, role, created_at }) => ({ name, role, createdAt: created_at }));
  }

  async get(name: string): Promise<Account | undefined> {
    const row = this.#db.prepare('SELECT * FROM users WHERE name = ?').get(name) as UserRow | undefined;
    return row && toAccount(row);
  }

  /** Adds an account; false when the name is taken. */
  async add(name: string, role: Role, password: string): Promise<User | undefined> {
    const hash = await hashPassword(password);
    const createdAt = new Date(this.#now()).toISOString();
    const { changes } = this.#db
      .prepare('INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(name, role, hash, createdAt);
    return changes === 1 ? { name, role, createdAt } : undefined;
  }

  /** Changes the role; false when there is no such account. */
  async setRole(name: string, role: Role): Promise<boolean> {
    return this.#db.prepare('UPDATE users SET role = ? WHERE name = ?').run(role, name).changes === 1;
  }

  /** Stores a new password and ends every session of the account, in one transaction. */
  async setPassword(name: string, password: string): Promise<boolean> {
    return this.storeHash(name, await hashPassword(password), true);
  }

  /** Stores `hash` as the account's; `endSessions` signs it out everywhere too. */
  async storeHash(name: string, hash: string, endSessions: boolean): Promise<boolean> {
    return this.#db.transaction(() => {
      const { changes } = this.#db.prepare('UPDATE users SET password_hash = ? WHERE name = ?').run(hash, name);
      if (changes === 1 && endSessions) this.#db.prepare('DELETE FROM sessions WHERE user = ?').run(name);
      return changes === 1;
    })();
  }

  /** Removes an account (its sessions go with it: ON DELETE CASCADE). */
  async remove(name: string): Promise<boolean> {
    return this.#db.prepare('DELETE FROM users WHERE name = ?').run(name).changes === 1;
  }

  /** A new session for `name`: the token for the cookie (never stored) and the session. */
  async startSession(account: SessionUser): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.#now();
    const id = tokenHash(token);
    this.#db.transaction(() => {
      // Ended sessions are removed here rather than by a timer: sign-ins are rare, and so is the garbage.
      this.#db.prepare('DELETE FROM sessions WHERE expires <= ? OR last_seen <= ?').run(now, now - IDLE_MS);
      this.#db
        .prepare('INSERT INTO sessions (token_hash, user, created_at, last_seen, expires) VALUES (?, ?, ?, ?, ?)')
        .run(id, account.name, now, now, now + ABSOLUTE_MS);
    })();
    return { token, session: describe(id, account, now, now + ABSOLUTE_MS) };
  }

  /**
   * The live session of `token` with its account's current role, or undefined (unknown, ended, expired:
   * an expired one is deleted). Slides the idle expiry.
   */
  async session(token: string): Promise<Session | undefined> {
    const id = tokenHash(token);
    const row = this.#db
      .prepare(
        `SELECT s.token_hash, u.name, u.role, s.created_at, s.last_seen, s.expires
           FROM sessions s JOIN users u ON u.name = s.user WHERE s.token_hash = ?`,
      )
      .get(id) as SessionRow | undefined;
    if (!row) return undefined;
    const now = this.#now();
    if (now >= row.expires || now - row.last_seen >= IDLE_MS) {
      this.#db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(id);
      return undefined;
    }
    let lastSeen = row.last_seen;
    if (now - lastSeen >= TOUCH_MS) {
      lastSeen = now;
      this.#db.prepare('UPDATE sessions SET last_seen = ? WHERE token_hash = ?').run(now, id);
    }
    return describe(id, { name: row.name, role: row.role }, lastSeen, row.expires);
  }

  async endSession(id: string): Promise<void> {
    this.#db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(id);
  }
}

function describe(id: string, user: { name: string; role: Role }, lastSeen: number, expires: number): Session {
  return {
    id,
    user: { name: user.name, role: user.role },
    idleExpiresAt: new Date(Math.min(lastSeen + IDLE_MS, expires)).toISOString(),
    expiresAt: new Date(expires).toISOString(),
  };
}
