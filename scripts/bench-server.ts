/**
 * `npm run bench:server`: the pledge service (compiled, as `npm run serve` runs it) under autocannon on loopback, side by side in the same run
 * with a bare node:http hello-world (the ceiling of this machine). Durable pledges (unique keys, every
 * one fsynced before its 201) and counts reads, each for BENCH_SECONDS (default 10) after a short
 * warm-up. Checks that the database holds exactly as many pledges as were answered 201, and writes the
 * table into docs/BENCHMARKS.md, with each server's CPU time per request (from /proc, per thread) beside
 * the rates. Servers run in child processes so autocannon does not share their event loop; rate limits
 * are relaxed through the environment, everything else is the default.
 *
 * Every case runs at each of BENCH_CONNECTIONS (default 100 and 300) and is judged on its best: its
 * capacity. A durable pledge holds its connection until its group commit is fsynced, so at 100
 * connections the service waits on commits part of the time; more clients fill the commits. A row for
 * Hono itself (a counts-sized body from one route, no logic) shows how much of the ceiling the fixed
 * stack leaves before the service does anything.
 *
 * PostgreSQL rows (when initdb and pg_ctl are here: Debian's /usr/lib/postgresql/N/bin, or TEST_PG_BIN): a
 * throwaway cluster (test/helpers/postgres-cluster.ts, fsync and synchronous_commit on), then durable pledges and
 * counts reads on one instance and on two instances of the same database, autocannon spreading its
 * connections over both (round-robin, as a load balancer would). All on this one machine: the cluster,
 * the instances and autocannon share its cores. `BENCH_POSTGRES=0` leaves them out.
 */
import Database from 'better-sqlite3';
import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { privateCluster } from '../test/helpers/postgres-cluster.js';

const ROOT = resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const CONNECTION_COUNTS = (process.env.BENCH_CONNECTIONS ?? '100,300').split(',').map(Number);
const CAMPAIGN = 'ben-tre-smartphone';
const DOC = join(ROOT, 'docs/BENCHMARKS.md');
const START = '<!-- bench:server:start -->';
const END = '<!-- bench:server:end -->';

/**
 * Starts a child whose stdout goes to a file (as a service's log would), and resolves once a JSON line
 * with `port` appears there. Not a pipe into this process: reading a busy access log here would take
 * CPU from autocannon, which shares this process, and skew every number.
 */
async function startChild(
  args: string[],
  logFile: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; port: number }> {
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, 'inherit'],
  });
  closeSync(out);
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let waited = 0; waited < 30_000; waited += 50) {
    const port = readFileSync(logFile, 'utf8')
      .split('\n')
      .map((line) => (line.startsWith('{') ? (JSON.parse(line) as { port?: number }).port : undefined))
      .find(Boolean);
    if (port) return { child, port };
    if (exited) break;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`${args.join(' ')} did not start; see ${logFile}`);
}

// The ceiling: the least a node:http server can do. POST requests get the least a pledge-like
// endpoint can do (read the body, parse it as JSON, answer 201 with a counts-sized body): a second
// reference, since a POST with a unique body costs the load generator and the kernel more than a GET.
const HELLO = `
const http = require('node:http');
const reply = JSON.stringify({ created: true, pad: 'x'.repeat(560) });
const server = http.createServer((req, res) => {
  if (req.method !== 'POST') { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('hello'); return; }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => { JSON.parse(Buffer.concat(chunks).toString()); res.writeHead(201, { 'content-type': 'application/json' }); res.end(reply); });
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
`;

// The fixed stack's own limit: Hono on @hono/node-server as the service uses it (RegExpRouter, a
// plain-object Response with Content-Length), answering one GET route with a counts-sized body.
const HONO = `
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { RegExpRouter } from 'hono/router/reg-exp-router';
const body = JSON.stringify({ pad: 'x'.repeat(560) });
const app = new Hono({ router: new RegExpRouter() });
app.get('/api/v1/campaigns/:campaign/counts', () => new Response(body, { status: 200, headers: { etag: '"1"', 'cache-control': 'public, max-age=5', 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) } }));
// BENCH_HELPERS=1: the same route behind Hono's own helpers, and a POST body read both ways, each
// against the row above; the service uses a helper where it costs under 5% of the row it touches.
if (process.env.BENCH_HELPERS === '1') {
  const { cors } = await import('hono/cors');
  const { secureHeaders } = await import('hono/secure-headers');
  const { bodyLimit } = await import('hono/body-limit');
  const counts = () => new Response(body, { status: 200, headers: { etag: '"1"', 'cache-control': 'public, max-age=5', 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) } });
  app.use('/middleware/*', async (_c, next) => { await next(); });
  app.get('/middleware/counts', counts);
  app.use('/cors/*', cors({ origin: (origin) => origin, allowMethods: ['GET', 'POST'], allowHeaders: ['Content-Type'], exposeHeaders: ['ETag', 'Retry-After'], maxAge: 7200 }));
  app.get('/cors/counts', counts);
  app.use('/secure-headers/*', secureHeaders());
  app.get('/secure-headers/counts', counts);
  const created = (data) => { const text = JSON.stringify({ created: typeof data === 'object', pad: 'x'.repeat(540) }); return new Response(text, { status: 201, headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) } }); };
  app.post('/post/incoming', (c) => new Promise((done) => { const chunks = []; c.env.incoming.on('data', (chunk) => chunks.push(chunk)); c.env.incoming.on('end', () => done(created(JSON.parse(Buffer.concat(chunks).toString())))); }));
  app.post('/post/body-limit', bodyLimit({ maxSize: 2048 }), async (c) => created(await c.req.json()));
}
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(JSON.stringify({ port: info.port })));
`;

interface Row {
  name: string;
  connections: number;
  result: autocannon.Result;
  /** CPU time of the server per answered request (µs): its main thread, and its other threads (the SQLite worker). */
  cpu?: { main: number; others: number };
}

/**
 * CPU time (clock ticks) of each thread of process `pid`, from /proc (Linux; empty elsewhere). CPU per
 * request is steadier than requests per second when other work shares the machine, so the table
 * reports both.
 */
function threadTicks(pid: number | undefined): Map<string, number> {
  const ticks = new Map<string, number>();
  if (pid === undefined || !existsSync(`/proc/${pid}/task`)) return ticks;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(tid, Number(fields[11]) + Number(fields[12])); // utime + stime
    } catch {
      // the thread ended meanwhile
    }
  }
  return ticks;
}

/** Linux clock ticks are 1/100 s on every common kernel (USER_HZ). */
const TICK_US = 10_000;

function cpuPerRequest(pid: number | undefined, before: Map<string, number>, requests: number): Row['cpu'] {
  const after = threadTicks(pid);
  if (pid === undefined || after.size === 0 || requests === 0) return undefined;
  let main = 0;
  let others = 0;
  for (const [tid, ticks] of after) {
    const used = ticks - (before.get(tid) ?? 0);
    if (tid === String(pid)) main += used;
    else others += used;
  }
  return { main: (main * TICK_US) / requests, others: (others * TICK_US) / requests };
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  // autocannon notices the end of a run at its next sample tick: 100 ms instead of the default 1 s, or
  // a fixed-amount run would count up to a second of idle time in its duration.
  return autocannon({ pipelining: 1, sampleInt: 100, ...options });
}

/**
 * Runs a warm-up, then the measured run. With `exact`, the measured run sends a fixed number of
 * requests (what the warm-up rate gives in SECONDS) instead of stopping on a timer, so no request is
 * cut off in flight: every pledge the service stored then has its answer counted.
 */
async function measure(
  name: string,
  options: autocannon.Options,
  rows: Row[],
  server: ChildProcess,
  exact = false,
): Promise<autocannon.Result[]> {
  const results: autocannon.Result[] = [];
  for (const connections of CONNECTION_COUNTS)
    results.push(...(await measureAt(name, { ...options, connections }, rows, server, exact)));
  return results;
}

async function measureAt(
  name: string,
  options: autocannon.Options & { connections: number },
  rows: Row[],
  server: ChildProcess,
  exact: boolean,
): Promise<autocannon.Result[]> {
  process.stdout.write(`${name}, ${options.connections} connections: warm-up ${WARMUP_SECONDS} s, then ${SECONDS} s… `);
  const warmup = await run(exact ? { ...options, amount: 20_000 } : { ...options, duration: WARMUP_SECONDS });
  const rate = warmup.requests.total / Math.max(warmup.duration, 0.001);
  const before = threadTicks(server.pid);
  const result = await run(
    exact ? { ...options, amount: Math.round(rate * SECONDS) } : { ...options, duration: SECONDS },
  );
  const cpu = cpuPerRequest(server.pid, before, result.requests.total);
  process.stdout.write(
    `${Math.round(perSecond(result))} req/s${cpu ? `, CPU ${cpu.main.toFixed(1)} + ${cpu.others.toFixed(1)} µs/request` : ''}\n`,
  );
  rows.push({ name, connections: options.connections, result, cpu });
  return [warmup, result];
}

/** Requests answered per second over the whole run (autocannon's per-second average drops the last partial second). */
/** The service's environment for a benchmark: loopback, a random port, the per-address limits lifted. */
const SERVICE_ENV = {
  PORT: '0',
  HOST: '127.0.0.1',
  // One client address sends everything here: lift the per-address limits, keep every other default.
  PLEDGE_RATE_PER_MIN: '100000000',
  PLEDGE_RATE_BURST: '100000000',
  READ_RATE_PER_MIN: '100000000',
  READ_RATE_BURST: '100000000',
};

const PG_PLEDGES = 'PostgreSQL, 1 instance: POST pledge (durable, unique keys)';
const PG_PLEDGES_TWO = 'PostgreSQL, 2 instances round-robin: POST pledge (durable, unique keys)';

/**
 * The PostgreSQL rows: one instance, then two on the same database. Returns the database check's
 * line, or undefined when PostgreSQL is not installed here (or BENCH_POSTGRES=0).
 */
async function postgresRows(
  rows: Row[],
  dataDir: string,
  pledgeRequest: Omit<autocannon.Options, 'url'>,
): Promise<string | undefined> {
  if (process.env.BENCH_POSTGRES === '0') return undefined;
  let cluster: Awaited<ReturnType<typeof privateCluster>>;
  try {
    cluster = await privateCluster();
  } catch (error) {
    console.log(`PostgreSQL rows left out: no cluster could be started (${(error as Error).message.split('\n')[0]})`);
    return undefined;
  }
  const children: ChildProcess[] = [];
  try {
    const instance = async (n: number) => {
      const started = await startChild(['dist/server/main.js'], join(dataDir, `pg-${n}.log`), {
        ...SERVICE_ENV,
        DATA_DIR: join(dataDir, `pg-${n}`),
        DATABASE_URL: cluster.url,
      });
      children.push(started.child);
      return `http://127.0.0.1:${started.port}/api/v1/campaigns/${CAMPAIGN}`;
    };
    const first = await instance(1);
    const runs: autocannon.Result[] = [];
    await measure('PostgreSQL, 1 instance: GET counts', { url: `${first}/counts` }, rows, children[0]);
    runs.push(...(await measure(PG_PLEDGES, { ...pledgeRequest, url: `${first}/pledges` }, rows, children[0], true)));
    const second = await instance(2);
    // autocannon takes several URLs and spreads its connections over them in turn; its types say one.
    const both = (path: string) => [`${first}${path}`, `${second}${path}`] as unknown as string;
    await measure('PostgreSQL, 2 instances round-robin: GET counts', { url: both('/counts') }, rows, children[0]);
    runs.push(...(await measure(PG_PLEDGES_TWO, { ...pledgeRequest, url: both('/pledges') }, rows, children[0], true)));
    const answered201 = runs.reduce((sum, result) => sum + status(result, 201), 0);
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const stored = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM pledges')).rows[0].n);
    await client.end();
    if (stored !== answered201) process.exitCode = 1;
    return `PostgreSQL check: ${stored} pledges stored, ${answered201} answered 201 (warm-ups included): ${stored === answered201 ? 'equal ✓' : 'DIFFERENT ✗'}.`;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) => new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done(null)))),
    );
    await cluster.remove();
  }
}

const perSecond = (result: autocannon.Result) => result.requests.total / result.duration;
const status = (result: autocannon.Result, code: number) => result.statusCodeStats?.[`${code}`]?.count ?? 0;
const errorsOf = (result: autocannon.Result) =>
  result.errors + result.timeouts + result.non2xx + result.mismatches + result.resets;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lantoa-bench-'));
  const hello = await startChild(['-e', HELLO], join(dataDir, 'hello.log'));
  const hono = await startChild(['--input-type=module', '-e', HONO], join(dataDir, 'hono.log'));
  // The service as production runs it: compiled JavaScript, no tsx (npm run serve).
  execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'inherit' });
  const service = await startChild(['dist/server/main.js'], join(dataDir, 'service.log'), {
    ...SERVICE_ENV,
    DATA_DIR: dataDir,
  });
  const api = `http://127.0.0.1:${service.port}/api/v1/campaigns/${CAMPAIGN}`;
  const rows: Row[] = [];
  try {
    await measure('node:http hello world (ceiling)', { url: `http://127.0.0.1:${hello.port}/` }, rows, hello.child);
    await measure(
      'Hono, one route, counts-sized body, no logic (the stack itself)',
      { url: `http://127.0.0.1:${hono.port}/api/v1/campaigns/${CAMPAIGN}/counts` },
      rows,
      hono.child,
    );
    if (process.env.BENCH_HELPERS === '1') {
      const honoUrl = `http://127.0.0.1:${hono.port}`;
      await measure('Hono + a no-op middleware', { url: `${honoUrl}/middleware/counts` }, rows, hono.child);
      await measure(
        'Hono + hono/cors (with an Origin)',
        { url: `${honoUrl}/cors/counts`, headers: { origin: 'https://example.org' } },
        rows,
        hono.child,
      );
      await measure('Hono + hono/secure-headers', { url: `${honoUrl}/secure-headers/counts` }, rows, hono.child);
      const post = {
        method: 'POST' as const,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ unit: 'ba-tri', choice: 'smartphone', key: '[<id>]' }),
        idReplacement: true,
      };
      await measure(
        'Hono POST, body read from the node request',
        { ...post, url: `${honoUrl}/post/incoming` },
        rows,
        hono.child,
      );
      await measure(
        'Hono POST, hono/body-limit + c.req.json()',
        { ...post, url: `${honoUrl}/post/body-limit` },
        rows,
        hono.child,
      );
    }
    await measure('GET counts', { url: `${api}/counts` }, rows, service.child);
    const pledgeRequest = {
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      // autocannon puts a fresh unique id (url-safe, 30-odd characters) in place of [<id>] in every request.
      body: JSON.stringify({ unit: 'ba-tri', choice: 'smartphone', key: '[<id>]' }),
      idReplacement: true,
    };
    await measure(
      'node:http POST, parse JSON only (reference)',
      { ...pledgeRequest, url: `http://127.0.0.1:${hello.port}/` },
      rows,
      hello.child,
    );
    const pledgeRuns = await measure(
      'POST pledge (durable, unique keys)',
      { ...pledgeRequest, url: `${api}/pledges` },
      rows,
      service.child,
      true,
    );
    const answered201 = pledgeRuns.reduce((sum, result) => sum + status(result, 201), 0);
    service.child.kill('SIGTERM');
    await new Promise((done) => service.child.once('exit', done));
    const db = new Database(join(dataDir, 'pledges.sqlite'), { readonly: true });
    const stored = (db.prepare('SELECT COUNT(*) AS n FROM pledges').get() as { n: number }).n;
    db.close();
    const postgresCheck = await postgresRows(rows, dataDir, pledgeRequest);
    report(rows, answered201, stored, postgresCheck);
    console.log(`service log: ${readFileSync(join(dataDir, 'service.log'), 'utf8').split('\n').length - 1} lines`);
    if (stored !== answered201) process.exitCode = 1;
  } finally {
    hello.child.kill();
    hono.child.kill();
    service.child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Each case's best run: its capacity over the connection counts tried. */
function best(rows: Row[], name: string): Row {
  return rows
    .filter((row) => row.name === name)
    .reduce((top, row) => (perSecond(row.result) > perSecond(top.result) ? row : top));
}

function report(rows: Row[], answered201: number, stored: number, postgresCheck: string | undefined): void {
  const ceilingRow = best(rows, rows[0].name);
  const ceiling = perSecond(ceilingRow.result);
  const targets: Record<string, number> = { 'GET counts': 0.7, 'POST pledge (durable, unique keys)': 0.3 };
  const lines = [
    '| case | connections | req/s | % of ceiling | target (on the best) | p50 ms | p99 ms | errors | requests | server CPU µs/request (main + other threads) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((row) => {
      const { name, connections, result, cpu } = row;
      const share = perSecond(result) / ceiling;
      const target = targets[name];
      const isBest = best(rows, name) === row;
      const verdict = target === undefined || !isBest ? '' : `≥ ${target * 100}% ${share >= target ? '✓' : '✗'}`;
      const cpuText = cpu ? `${cpu.main.toFixed(1)} + ${cpu.others.toFixed(1)}` : '–';
      const rate = isBest ? `**${Math.round(perSecond(result))}**` : `${Math.round(perSecond(result))}`;
      return `| ${name} | ${connections} | ${rate} | ${Math.round(share * 100)}% | ${verdict} | ${result.latency.p50} | ${result.latency.p99} | ${errorsOf(result)} | ${result.requests.total} | ${cpuText} |`;
    }),
  ];
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform}`;
  const reference = best(rows, 'node:http POST, parse JSON only (reference)');
  const pledges = best(rows, 'POST pledge (durable, unique keys)');
  const relative = `At their best, durable pledges ran at ${Math.round((perSecond(pledges.result) / perSecond(reference.result)) * 100)}% of the POST reference.`;
  const check = `Database check: ${stored} pledges stored, ${answered201} answered 201 (warm-ups included): ${stored === answered201 ? 'equal ✓' : 'DIFFERENT ✗'}.`;
  const postgres = postgresCheck
    ? [
        postgresCheck,
        `PostgreSQL durable pledges at their best: ${Math.round(perSecond(best(rows, PG_PLEDGES).result))}/s on one instance, ${Math.round(perSecond(best(rows, PG_PLEDGES_TWO).result))}/s on two (goal 5,000/s), with the cluster, the instances and autocannon on these ${cpus().length} cores.`,
      ]
    : ['PostgreSQL rows left out: PostgreSQL is not installed here (or BENCH_POSTGRES=0).'];
  const section = [
    START,
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; autocannon on loopback, each case at ${CONNECTION_COUNTS.join(' and ')} connections, ${SECONDS} s after a ${WARMUP_SECONDS} s warm-up; **bold**: the case's best, which the ratio and target use.`,
    '',
    ...lines,
    '',
    relative,
    check,
    ...postgres,
    END,
  ].join('\n');
  console.log(`\n${lines.join('\n')}\n\n${relative}\n${check}\n${postgres.join('\n')}`);

  const intro = '# Benchmarks\n\n## Pledge service (`npm run bench:server`)\n\n';
  const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : `${intro}${START}\n${END}\n`;
  const updated = current.includes(START)
    ? current.replace(new RegExp(`${START}[\\s\\S]*?${END}`), section)
    : `${current.trimEnd()}\n\n${intro}${section}\n`;
  writeFileSync(DOC, updated);
  console.log(`\nwritten to ${DOC}`);
}

await main();
