// A web-test-runner plugin that runs the real pledge service (src/server/main.ts) beside the browser tests,
// on a temporary SQLite database, and lets tests stop it, start it again and count rows in the database
// (`executeServerCommand('pledge-service', { action })`: `stop`, `start`, `api`, `rows` {campaign, key?} for
// pledges, `quiz-rows` {quiz, key?} for quiz results, `add-user` {name, role, password} for a console account
// made by `npm run admin -- add-user`, as an operator would, `console-edit` {campaign, change: {messages} | {units}}
// for an edit made through the console's API by a signed-in editor). Its campaigns file is a copy of `campaignsFile`
// whose campaigns allow `pageOrigin` (the test pages), so the test ports can move.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function pledgeServicePlugin({ port, campaignsFile, pageOrigin }) {
  let child;
  let dataDir;
  let testCampaignsFile;

  async function start() {
    if (child) return;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        CAMPAIGNS_FILE: testCampaignsFile,
        ACCESS_LOG: '0',
        // A test that stops the service must not wait out a connection held by an earlier page: cut it after 2 s
        // (the service's log line names the request that held on).
        SHUTDOWN_DRAIN_MS: '2000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const started = Date.now();
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
      } catch {
        /* not listening yet */
      }
      if (child.exitCode !== null || Date.now() - started > 20_000) throw new Error('the pledge service did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function stop() {
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    child = undefined;
  }

  /** Rows of `table` whose `scope` column is `scopeId` (and whose key is `key`, when given). */
  async function rows(table, scope, scopeId, key) {
    // The pledges database, not console.sqlite (campaigns, accounts) beside it.
    const file = (await readdir(dataDir)).find((name) => /\.(db|sqlite3?)$/.test(name) && name !== 'console.sqlite');
    const db = new Database(join(dataDir, file), { readonly: true, fileMustExist: true });
    try {
      const where = key ? ' AND key = ?' : '';
      const args = key ? [scopeId, key] : [scopeId];
      return db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${scope} = ?${where}`).get(...args).n;
    } finally {
      db.close();
    }
  }

  /** A console account, made the documented way: scripts/admin.ts on the service's data folder, password on stdin. */
  async function addUser({ name, role = 'admin', password }) {
    const cli = spawn(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', 'add-user', name, '--role', role], {
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let errors = '';
    cli.stderr.on('data', (chunk) => (errors += chunk));
    cli.stdin.end(`${password}\n`);
    const code = await new Promise((resolve) => cli.once('exit', resolve));
    if (code !== 0) throw new Error(`npm run admin -- add-user ${name} failed: ${errors}`);
    return true;
  }

  /** The console's session (an editor made with `npm run admin`, signed in over HTTP), made at the first edit. */
  let consoleCookie;
  const EDITOR = 'widgets-test';
  const EDITOR_PASSWORD = 'mật khẩu thử nghiệm 2026';

  /**
   * An edit as the console makes it (own Origin, session cookie, the version read just before): `change` is
   * `{ messages }` (PUT …/messages) or `{ units }` (PUT …/units). Answers the new version.
   */
  async function consoleEdit(campaign, change) {
    const origin = `http://127.0.0.1:${port}`;
    if (!consoleCookie) {
      await addUser({ name: EDITOR, role: 'editor', password: EDITOR_PASSWORD });
      const signIn = await fetch(`${origin}/api/v1/admin/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ name: EDITOR, password: EDITOR_PASSWORD }),
      });
      if (signIn.status !== 200) throw new Error(`console sign-in: ${signIn.status} ${await signIn.text()}`);
      consoleCookie = signIn.headers.getSetCookie()[0].split(';')[0];
    }
    const url = `${origin}/api/v1/admin/campaigns/${campaign}`;
    const doc = await (await fetch(url, { headers: { cookie: consoleCookie } })).json();
    const what = change.messages ? 'messages' : 'units';
    const edited = await fetch(`${url}/${what}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin, cookie: consoleCookie },
      body: JSON.stringify({ version: doc.version, ...change }),
    });
    if (edited.status !== 200) throw new Error(`console edit: ${edited.status} ${await edited.text()}`);
    return (await edited.json()).version;
  }

  return {
    name: 'pledge-service',
    async serverStart() {
      dataDir = await mkdtemp(join(tmpdir(), 'lantoa-wtr-'));
      const file = JSON.parse(await readFile(campaignsFile, 'utf8'));
      // Every test campaign allows the test pages, except the one that stands for a site not (yet) on its list.
      for (const campaign of file.campaigns)
        if (campaign.id !== 'listed-elsewhere') campaign.allowedOrigins = [pageOrigin];
      testCampaignsFile = join(dataDir, 'campaigns.json');
      await writeFile(testCampaignsFile, JSON.stringify(file));
      await start();
    },
    async serverStop() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
    async executeCommand({ command, payload }) {
      if (command !== 'pledge-service') return undefined;
      if (payload.action === 'stop') return stop().then(() => true);
      if (payload.action === 'start') return start().then(() => true);
      if (payload.action === 'rows') return rows('pledges', 'campaign', payload.campaign, payload.key);
      if (payload.action === 'quiz-rows') return rows('quiz_results', 'quiz', payload.quiz, payload.key);
      if (payload.action === 'api') return `http://127.0.0.1:${port}`;
      if (payload.action === 'add-user') return addUser(payload);
      if (payload.action === 'console-edit') return consoleEdit(payload.campaign, payload.change);
      throw new Error(`unknown pledge-service action ${payload.action}`);
    },
  };
}
