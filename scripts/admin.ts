/**
 * Console accounts from the server's shell (`npm run admin -- …`), where the service keeps them (the same
 * environment as the service, read by config.ts): PostgreSQL when DATABASE_URL is set (shared by every
 * instance), else DATA_DIR/console.sqlite; whether or not the service is running (console.sqlite is in WAL
 * mode, and every change is one short transaction). Changes are written to the audit log as user "cli".
 *
 *   add-user NAME [--role admin|editor]   (editor by default)
 *   set-password NAME                     (ends every session of that account)
 *   remove-user NAME
 *   list-users
 *
 * The password comes from standard input: typed at a prompt, not echoed, twice, when it is a terminal;
 * the first line otherwise (`printf '%s\n' "$PASSWORD" | npm run admin -- add-user lan`). There is no
 * default account and no default password.
 */
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, roleSchema, userName } from '../src/contract/admin.js';
import { addAccount, changeAccount, removeAccount } from '../src/server/admin/account-changes.js';
import { ACCOUNT_TABLES, AUDIT_TABLES, adminStores } from '../src/server/admin/admin-api.js';
import { configFromEnv } from '../src/server/config/config.js';
import { PostgresUnavailableError, redact } from '../src/server/store/postgres/postgres-store.js';
import { openConsoleSql } from '../src/server/store/console-open.js';

const USAGE = `Usage: npm run admin -- <command>
  add-user NAME [--role admin|editor]   a new account (editor unless --role admin); password from stdin
  set-password NAME                     a new password (from stdin); signs the account out everywhere
  remove-user NAME                      removes the account and its sessions
  list-users                            every account with its role
Accounts live where the service keeps them, read from the same environment: in PostgreSQL when
DATABASE_URL is set (shared by every instance), else in DATA_DIR/console.sqlite.`;

class UsageError extends Error {}

/**
 * Asks each question on the terminal and reads the answers without echoing them: one readline (raw
 * mode, so the terminal does not echo) whose output goes nowhere, the questions written to stderr.
 */
async function promptHidden(questions: string[]): Promise<string[]> {
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  const lines = rl[Symbol.asyncIterator]();
  const cancelled = new Promise<never>((_resolve, reject) =>
    rl.once('SIGINT', () => {
      process.stderr.write('\n');
      reject(new UsageError('cancelled; nothing changed'));
    }),
  );
  try {
    const answers: string[] = [];
    for (const question of questions) {
      process.stderr.write(question);
      const line = await Promise.race([lines.next(), cancelled]);
      process.stderr.write('\n');
      if (line.done) throw new UsageError('no password given; nothing changed');
      answers.push(line.value);
    }
    return answers;
  } finally {
    rl.close();
  }
}

/** All of standard input (a pipe or a file): its first line is the password. */
async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

async function readPassword(): Promise<string> {
  let password: string;
  if (process.stdin.isTTY) {
    const [first, again] = await promptHidden([
      `Password (at least ${PASSWORD_MIN_LENGTH} characters): `,
      'The same password again: ',
    ]);
    if (first !== again) throw new UsageError('the two passwords differ; nothing changed');
    password = first;
  } else password = await firstLineOfStdin();
  if ([...password].length < PASSWORD_MIN_LENGTH)
    throw new UsageError(`a password has at least ${PASSWORD_MIN_LENGTH} characters; nothing changed`);
  if (password.length > PASSWORD_MAX_LENGTH)
    throw new UsageError(`a password has at most ${PASSWORD_MAX_LENGTH} characters; nothing changed`);
  return password;
}

function nameOf(positionals: string[]): string {
  const name = positionals[1];
  if (name === undefined) throw new UsageError('which account? Give its name');
  if (!userName.safeParse(name).success)
    throw new UsageError(`"${name}" is no account name: 2–32 lowercase letters, digits, ".", "_" or "-"`);
  return name;
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals[0];
  if (values.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const role = roleSchema.safeParse(values.role ?? 'editor');
  if (!role.success) throw new UsageError(`--role is admin or editor, not "${values.role}"`);
  if (values.role !== undefined && command !== 'add-user') throw new UsageError('--role goes with add-user only');

  const { dataDir, databaseUrl } = configFromEnv();
  if (!databaseUrl) mkdirSync(dataDir, { recursive: true });
  const sql = await openConsoleSql({ dataDir, databaseUrl }, [ACCOUNT_TABLES, AUDIT_TABLES]);
  const where = databaseUrl ? redact(databaseUrl) : dataDir;
  const deps = adminStores(sql);
  try {
    switch (command) {
      case 'list-users': {
        const users = await deps.accounts.list();
        if (users.length === 0) process.stdout.write('No accounts yet: npm run admin -- add-user NAME --role admin\n');
        for (const user of users) process.stdout.write(`${user.name}\t${user.role}\t${user.createdAt}\n`);
        return;
      }
      case 'add-user': {
        const name = nameOf(positionals);
        if (await deps.accounts.get(name)) throw new UsageError(`the account "${name}" exists already`);
        const user = await addAccount(deps, 'cli', name, role.data, await readPassword());
        if (!user) throw new UsageError(`the account "${name}" exists already`);
        process.stdout.write(`Added ${user.role} "${user.name}" in ${where}; sign in at /admin/\n`);
        return;
      }
      case 'set-password': {
        const name = nameOf(positionals);
        if (!(await deps.accounts.get(name))) throw new UsageError(`no account "${name}"`);
        if (!(await changeAccount(deps, 'cli', name, { password: await readPassword() })))
          throw new UsageError(`no account "${name}"`);
        process.stdout.write(`New password for "${name}"; its sessions have ended\n`);
        return;
      }
      case 'remove-user': {
        const name = nameOf(positionals);
        if (!(await removeAccount(deps, 'cli', name))) throw new UsageError(`no account "${name}"`);
        process.stdout.write(`Removed "${name}" and its sessions\n`);
        return;
      }
      default:
        throw new UsageError(`unknown command "${command}"\n${USAGE}`);
    }
  } finally {
    await sql.close();
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  // The database named by DATABASE_URL cannot be used: its message says which (no password) and what to check.
  const unavailable = error instanceof PostgresUnavailableError;
  if (!unavailable && !(error instanceof UsageError) && !(error instanceof TypeError && 'code' in error)) throw error;
  // parseArgs's errors (an unknown option) are TypeErrors with a code: usage mistakes too.
  process.stderr.write(`admin: ${(error as Error).message}\n`);
  process.exitCode = unavailable ? 1 : 2;
}
