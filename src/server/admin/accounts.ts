/**
 * Console accounts and their sessions, in console.sqlite (store/console-db.ts) or, with DATABASE_URL, in
 * PostgreSQL shared by every instance (migration 3): one class over the {@link ConsoleSql} port, the SQL
 * of each dialect side by side below, so both stores keep exactly these rules.
 *
 * A session's token is 32 random bytes given to the browser once (the cookie); only its SHA-256 is
 * stored, so a copy of the database signs nobody in. A session ends after 8 h without a request (idle,
 * sliding: `last_seen` is written at most once a minute, not on every request) or 7 days after sign-in
 * (absolute), at sign-out, when its account's password changes and when its account is removed.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Role, SessionResponse, SessionUser, User } from '../../contract/admin.js';
import type { ConsoleDb, ConsoleTables } from '../store/console-db.js';
import { ConsoleStore, type ConsoleSql } from '../store/console-sql.js';
import { hashPassword } from './passwords.js';

export const IDLE_MS = 8 * 60 * 60 * 1000;
export const ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** `last_seen` is rewritten only when it is older than this: a busy console is not one write per request. */
const TOUCH_MS = 60 * 1000;

export const ACCOUNT_TABLES: ConsoleTables = [
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
];

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

/** The statements of {@link Accounts}, per dialect (tables: ACCOUNT_TABLES here, migration 3 in PostgreSQL). */
const SQL = {
  sqlite: {
    list: 'SELECT * FROM users ORDER BY name',
    get: 'SELECT * FROM users WHERE name = ?',
    add: 'INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    setRole: 'UPDATE users SET role = ? WHERE name = ?',
    setHash: 'UPDATE users SET password_hash = ? WHERE name = ?',
    endSessionsOf: 'DELETE FROM sessions WHERE user = ?',
    remove: 'DELETE FROM users WHERE name = ?',
    sweep: 'DELETE FROM sessions WHERE expires <= ? OR last_seen <= ?',
    startSession: 'INSERT INTO sessions (token_hash, user, created_at, last_seen, expires) VALUES (?, ?, ?, ?, ?)',
    session: `SELECT s.token_hash, u.name, u.role, s.created_at, s.last_seen, s.expires
      FROM sessions s JOIN users u ON u.name = s.user WHERE s.token_hash = ?`,
    touch: 'UPDATE sessions SET last_seen = ? WHERE token_hash = ?',
    endSession: 'DELETE FROM sessions WHERE token_hash = ?',
  },
  // bigint comes back from pg as a string: the times are read as float8 (epoch ms are exact in it).
  postgres: {
    list: 'SELECT * FROM users ORDER BY name',
    get: 'SELECT * FROM users WHERE name = $1',
    add: 'INSERT INTO users (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
    setRole: 'UPDATE users SET role = $1 WHERE name = $2',
    setHash: 'UPDATE users SET password_hash = $1 WHERE name = $2',
    endSessionsOf: 'DELETE FROM sessions WHERE "user" = $1',
    remove: 'DELETE FROM users WHERE name = $1',
    sweep: 'DELETE FROM sessions WHERE expires <= $1 OR last_seen <= $2',
    startSession:
      'INSERT INTO sessions (token_hash, "user", created_at, last_seen, expires) VALUES ($1, $2, $3, $4, $5)',
    session: `SELECT s.token_hash, u.name, u.role, s.created_at::float8 AS created_at,
        s.last_seen::float8 AS last_seen, s.expires::float8 AS expires
      FROM sessions s JOIN users u ON u.name = s."user" WHERE s.token_hash = $1`,
    touch: 'UPDATE sessions SET last_seen = $1 WHERE token_hash = $2',
    endSession: 'DELETE FROM sessions WHERE token_hash = $1',
  },
};

export class Accounts extends ConsoleStore<(typeof SQL)['sqlite']> {
  /** On the port (either store), or on an open console.sqlite. */
  constructor(db: ConsoleSql | ConsoleDb, now: () => number = Date.now) {
    super(db, SQL, now);
  }

  async list(): Promise<User[]> {
    const rows = await this.sql.all<UserRow>(this.q.list);
    return rows.map(({ name, role, created_at }) => ({ name, role, createdAt: created_at }));
  }

  async get(name: string): Promise<Account | undefined> {
    const [row] = await this.sql.all<UserRow>(this.q.get, [name]);
    return row && toAccount(row);
  }

  /** Adds an account; false when the name is taken. */
  async add(name: string, role: Role, password: string): Promise<User | undefined> {
    const hash = await hashPassword(password);
    const createdAt = new Date(this.now()).toISOString();
    const changes = await this.sql.run(this.q.add, [name, role, hash, createdAt]);
    return changes === 1 ? { name, role, createdAt } : undefined;
  }

  /** Changes the role; false when there is no such account. */
  async setRole(name: string, role: Role): Promise<boolean> {
    return (await this.sql.run(this.q.setRole, [role, name])) === 1;
  }

  /** Stores a new password and ends every session of the account, in one transaction. */
  async setPassword(name: string, password: string): Promise<boolean> {
    return this.storeHash(name, await hashPassword(password), true);
  }

  /** Stores `hash` as the account's; `endSessions` signs it out everywhere too (no account: no sessions either). */
  async storeHash(name: string, hash: string, endSessions: boolean): Promise<boolean> {
    const [changes] = await this.sql.batch([
      [this.q.setHash, [hash, name]],
      ...(endSessions ? [[this.q.endSessionsOf, [name]] as const] : []),
    ]);
    return changes === 1;
  }

  /** Removes an account (its sessions go with it: ON DELETE CASCADE). */
  async remove(name: string): Promise<boolean> {
    return (await this.sql.run(this.q.remove, [name])) === 1;
  }

  /** A new session for `name`: the token for the cookie (never stored) and the session. */
  async startSession(account: SessionUser): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const id = tokenHash(token);
    await this.sql.batch([
      // Ended sessions are removed here rather than by a timer: sign-ins are rare, and so is the garbage.
      [this.q.sweep, [now, now - IDLE_MS]],
      [this.q.startSession, [id, account.name, now, now, now + ABSOLUTE_MS]],
    ]);
    return { token, session: describe(id, account, now, now + ABSOLUTE_MS) };
  }

  /**
   * The live session of `token` with its account's current role, or undefined (unknown, ended, expired:
   * an expired one is deleted). Slides the idle expiry.
   */
  async session(token: string): Promise<Session | undefined> {
    const id = tokenHash(token);
    const [row] = await this.sql.all<SessionRow>(this.q.session, [id]);
    if (!row) return undefined;
    const now = this.now();
    if (now >= row.expires || now - row.last_seen >= IDLE_MS) {
      await this.sql.run(this.q.endSession, [id]);
      return undefined;
    }
    let lastSeen = row.last_seen;
    if (now - lastSeen >= TOUCH_MS) {
      lastSeen = now;
      await this.sql.run(this.q.touch, [now, id]);
    }
    return describe(id, { name: row.name, role: row.role }, lastSeen, row.expires);
  }

  async endSession(id: string): Promise<void> {
    await this.sql.run(this.q.endSession, [id]);
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
