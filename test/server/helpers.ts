/** Helpers for the service tests: real HTTP on a random port, a temporary SQLite file per service. */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { configFromEnv, type ServiceConfig } from '../../src/server/config.js';
import { startService, type Service } from '../../src/server/service.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CAMPAIGN = 'ben-tre-smartphone';
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
  api: string;
}

/** Starts the service in this process (same code as main.ts) on a random port. */
export async function start(dataDir: string, overrides: Partial<ServiceConfig> = {}): Promise<TestService> {
  const service = await startService(testConfig(dataDir, overrides), { widgetsDir: join(ROOT, 'dist/lantoa'), demoDir: join(ROOT, 'demo') });
  return { ...service, dataDir, api: `${service.url}/api/v1/campaigns/${CAMPAIGN}` };
}

let keySeq = 0;
/** A new idempotency key, as a widget would make with crypto.randomUUID(). */
export function newKey(): string {
  keySeq += 1;
  return `${crypto.randomUUID()}-${keySeq}`.slice(0, 64);
}

/** POSTs a pledge as JSON; `body` may be any value or a raw string. */
export function postPledge(api: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${api}/pledges`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Rows in the pledges table of a data dir, read with a separate connection (as an operator would). */
export function rowsInDatabase(dataDir: string, campaign = CAMPAIGN): number {
  const db = new Database(join(dataDir, 'pledges.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM pledges WHERE campaign = ?').get(campaign) as { n: number }).n;
  } finally {
    db.close();
  }
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

/** Runs src/server/main.ts in a child process, as `npm start` does, with extra environment. */
export function spawnService(env: Record<string, string>): ChildService {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/main.ts')], {
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
    void exited.then(({ code, stderr: text }) => reject(new Error(`service exited (${code}) before listening: ${text}`)));
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
