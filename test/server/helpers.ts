/** Helpers for the service tests: real HTTP on a random port, a temporary SQLite file per service. */
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { errorSchema } from '../../src/contract/pledge.js';
import { configFromEnv, type ServiceConfig } from '../../src/server/config/config.js';
import { startService, type Service } from '../../src/server/service.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CAMPAIGN = 'ben-tre-smartphone';
/** The default campaign's quiz. */
export const QUIZ = 'chuyen-doi-so-ben-tre';
export const ALLOWED_ORIGIN = 'http://localhost:8787';

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'lantoa-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Settings as main.ts would read them, on a random loopback port, quiet, with `overrides`. */
export function testConfig(dataDir: string, overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  return { ...configFromEnv({}), port: 0, host: '127.0.0.1', dataDir, accessLog: false, ...overrides };
}

export interface TestService extends Service {
  dataDir: string;
  /** The default campaign's API base: `${api}/counts`, `${api}/pledges`. */
  api: string;
  /** The default quiz's API base: `${quizApi}/results`, `${quizApi}/stats`. */
  quizApi: string;
  /** The temporary folder holding the data folder and a campaigns file, when there is one ({@link stopTemp} removes it). */
  tempRoot?: string;
}

/** Starts the service in this process (same code as main.ts) on a random port. */
export async function start(dataDir: string, overrides: Partial<ServiceConfig> = {}): Promise<TestService> {
  const service = await startService(testConfig(dataDir, overrides), {
    widgetsDir: join(ROOT, 'dist/lantoa'),
    demoDir: join(ROOT, 'demo'),
  });
  return {
    ...service,
    dataDir,
    api: `${service.url}/api/v1/campaigns/${CAMPAIGN}`,
    quizApi: `${service.url}/api/v1/quizzes/${QUIZ}`,
  };
}

/** Starts the service on a fresh temporary data folder (for a test file's `before`); {@link stopTemp} undoes both. */
export async function startTemp(overrides: Partial<ServiceConfig> = {}): Promise<TestService> {
  return start(tempDir().path, overrides);
}

/**
 * Starts the service on a fresh data folder seeded from the default campaigns file with the sample campaign's
 * embedding policy set to `embed` ("listed": only its allowedOrigins may use it).
 */
export async function startWithEmbed(
  embed: 'open' | 'listed',
  overrides: Partial<ServiceConfig> = {},
): Promise<TestService> {
  const dir = tempDir().path;
  const file = JSON.parse(readFileSync(join(ROOT, 'campaigns/campaigns.json'), 'utf8')) as {
    campaigns: Record<string, unknown>[];
  };
  file.campaigns[0].embed = embed;
  const campaignsFile = join(dir, 'campaigns.json');
  writeFileSync(campaignsFile, JSON.stringify(file));
  return { ...(await start(join(dir, 'data'), { ...overrides, campaignsFile })), tempRoot: dir };
}

/** Stops a service from {@link startTemp} and removes its data folder. */
export async function stopTemp(service: TestService | undefined): Promise<void> {
  if (!service) return;
  await service.close();
  rmSync(service.tempRoot ?? service.dataDir, { recursive: true, force: true });
}

let keySeq = 0;
/** A new idempotency key: a UUID v4, as a widget's newKey() makes (there from getRandomValues). */
export function newKey(): string {
  keySeq += 1;
  return `${crypto.randomUUID()}-${keySeq}`.slice(0, 64);
}

/** POSTs a pledge as JSON; `body` may be any value or a raw string. */
export function postPledge(api: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return postJson(`${api}/pledges`, body, headers);
}

/** POSTs a quiz result as JSON to `${quizApi}/results`; `body` may be any value or a raw string. */
export function postResult(quizApi: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return postJson(`${quizApi}/results`, body, headers);
}

function postJson(url: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Asserts an error response: status, JSON body of the contract's shape, code and (optionally) field. */
export async function assertError(response: Response, status: number, code: string, field?: string): Promise<void> {
  const body: unknown = await response.json();
  assert.equal(response.status, status, JSON.stringify(body));
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const parsed = errorSchema.parse(body);
  assert.equal(parsed.error.code, code);
  assert.ok(parsed.error.message.length > 0);
  assert.equal(parsed.error.field, field);
}

/**
 * Asserts that a 200 `response` of `url` is cacheable briefly (max-age under a minute) with a strong
 * ETag, and that asking again with that ETag gives an empty 304. Returns the ETag.
 */
export async function assertRevalidates(url: string, response: Response): Promise<string> {
  assert.match(response.headers.get('cache-control') ?? '', /max-age=([1-9]|[1-5]\d)\b/);
  const etag = response.headers.get('etag') ?? '';
  assert.match(etag, /^"[^"]+"$/);
  const unchanged = await fetch(url, { headers: { 'If-None-Match': etag } });
  assert.equal(unchanged.status, 304);
  assert.equal(await unchanged.text(), '');
  return etag;
}

/** Rows in the pledges table of a data dir, read with a separate connection (as an operator would). */
export function rowsInDatabase(dataDir: string, campaign = CAMPAIGN): number {
  return countRows(dataDir, 'SELECT COUNT(*) AS n FROM pledges WHERE campaign = ?', campaign);
}

/** Rows in the quiz_results table of a data dir. */
export function resultRowsInDatabase(dataDir: string, quiz = QUIZ): number {
  return countRows(dataDir, 'SELECT COUNT(*) AS n FROM quiz_results WHERE quiz = ?', quiz);
}

function countRows(dataDir: string, sql: string, scope: string): number {
  const db = new Database(join(dataDir, 'pledges.sqlite'), { readonly: true });
  try {
    return (db.prepare(sql).get(scope) as { n: number }).n;
  } finally {
    db.close();
  }
}

/**
 * Runs `scripts/<script>` under tsx as a child process, as `npm run` would, with `env` added to (an undefined value:
 * removed from) this process's environment; resolves with its exit code and output.
 */
export function runScript(
  script: string,
  env: Record<string, string | undefined>,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const merged = Object.fromEntries(
    Object.entries({ ...process.env, ...env }).filter(([, value]) => value !== undefined),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((done) => child.once('close', (code) => done({ code, stdout, stderr })));
}

export interface ChildService {
  child: ChildProcess;
  /** Resolves with the exit code (or signal) and everything written to stderr. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Resolves with the base URL once the service logs "listening"; rejects if it exits first. */
  ready: Promise<string>;
  /** Every line written to stdout so far (JSON lines). */
  stdout: string[];
}

/**
 * Runs src/server/main.ts (under tsx) in a child process with extra environment; with `compiled`, the
 * built dist/server/main.js with plain node, as `npm run serve` does; with `openFiles`, under that
 * open-file limit (`ulimit -n`, as systemd's default of 1,024).
 */
export function spawnService(
  env: Record<string, string>,
  { openFiles, compiled = false }: { openFiles?: number; compiled?: boolean } = {},
): ChildService {
  const node = compiled
    ? [process.execPath, join(ROOT, 'dist/server/main.js')]
    : [process.execPath, '--import', 'tsx', join(ROOT, 'src/server/main.ts')];
  const [command, ...args] =
    openFiles === undefined ? node : ['bash', '-c', `ulimit -n ${openFiles} && exec "$@"`, 'bash', ...node];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ACCESS_LOG: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const stdout: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal, stderr })),
  );
  const ready = new Promise<string>((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      stdout.push(line);
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg === 'listening') resolveUrl(`http://127.0.0.1:${entry.port}`);
    });
    void exited.then(({ code, stderr: text }) =>
      reject(new Error(`service exited (${code}) before listening: ${text}`)),
    );
  });
  ready.catch(() => undefined); // a test that expects a failed start awaits `exited` instead
  return { child, exited, ready, stdout };
}

/** A Server-Sent Events client over fetch: collects `counts` events and comments. */
export async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: { event: string; id?: string; data: string }[] = [];
  const comments: string[] = [];
  let ended = false;
  const waiters = new Set<() => void>();
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = { event: 'message', data: '' } as { event: string; id?: string; data: string };
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('event: ')) fields.event = line.slice(7);
            else if (line.startsWith('id: ')) fields.id = line.slice(4);
            else if (line.startsWith('data: ')) fields.data += line.slice(6);
          }
          if (fields.data) events.push(fields);
        }
        for (const wake of waiters) wake();
      }
    } catch {
      // aborted by close()
    }
    ended = true;
    for (const wake of waiters) wake();
  })();
  /** Waits until `test` holds (checked after every chunk), failing after `ms`. */
  const until = (test: () => boolean, ms = 5000): Promise<void> =>
    new Promise((resolveWait, reject) => {
      const check = () => {
        if (test()) {
          cleanup();
          resolveWait();
        } else if (ended) {
          cleanup();
          reject(new Error('stream ended'));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${ms} ms; events: ${events.length}, comments: ${comments.length}`));
      }, ms);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return {
    response,
    events,
    comments,
    until,
    get ended() {
      return ended;
    },
    reading,
    close: () => controller.abort(),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request over node:http from a chosen local address (`localAddress`: the whole of
 * 127.0.0.0/8 is loopback, so each address is another client), on its own connection. Rejects after
 * `timeoutMs` (a service that cannot accept must fail the test, not hang it).
 */
export function rawRequest(
  url: string,
  {
    method = 'GET',
    headers = {},
    body,
    localAddress,
    timeoutMs = 5000,
  }: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    localAddress?: string;
    timeoutMs?: number;
  } = {},
): Promise<RawResponse> {
  return new Promise((resolveResponse, reject) => {
    const request = httpRequest(url, { method, headers, localAddress, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () =>
        resolveResponse({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
      );
      response.on('error', reject);
    });
    request.setTimeout(timeoutMs, () =>
      request.destroy(new Error(`${method} ${url} from ${localAddress ?? 'default'}: no answer in ${timeoutMs} ms`)),
    );
    request.on('error', reject);
    request.end(body);
  });
}
