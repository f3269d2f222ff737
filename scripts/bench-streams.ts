/**
 * `npm run bench:streams`: how many live streams one service holds, what each costs, and how fast an
 * update reaches all of them (issue 15: 50,000 streams at ≤ 16 KB each, every client updated within 2 s).
 *
 * Raises the open-file limit (`ulimit -n`, as root above the hard limit too) for itself and the
 * service, starts the real service (src/server/main.ts, as `npm start` does) on a temporary DATA_DIR,
 * opens BENCH_STREAMS streams (default 50,000) from raw sockets spread over BENCH_ADDRESSES loopback
 * addresses (127.0.0.2…; each address has its own ~28,000 ephemeral ports), waits until each has its
 * first event, measures the service's resident memory before and after, then posts one pledge and times
 * until every stream has the event carrying it (the service coalesces events: SSE_COALESCE_MS, 250 ms).
 * Loopback only; bounded by BENCH_TIMEOUT_S (default 300). Prints a Markdown table for docs/BENCHMARKS.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openFileLimit } from '../src/server/config/open-files.js';

const WANTED = Number(process.env.BENCH_STREAMS ?? 50_000);
const ADDRESSES = Number(process.env.BENCH_ADDRESSES ?? 5);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 300);
const OPEN_FILES = WANTED + 10_000;
/** Each end of a stream is a descriptor, in the service and here: as many as the raised limit allows (the hard limit binds without CAP_SYS_RESOURCE). */
const limit = openFileLimit() ?? OPEN_FILES;
const STREAMS = Math.min(WANTED, limit - 2000);
const CAMPAIGN = 'ben-tre-smartphone';
const ROOT = join(import.meta.dirname, '..');

function rssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  if (STREAMS < WANTED) console.log(`open-file limit ${limit} (the hard limit; raising it needs CAP_SYS_RESOURCE): ${STREAMS} streams instead of ${WANTED}`);
  const deadline = setTimeout(() => {
    console.error(`bench:streams: gave up after ${TIMEOUT_S} s`);
    process.exit(1);
  }, TIMEOUT_S * 1000);
  const dataDir = mkdtempSync(join(tmpdir(), 'lantoa-bench-streams-'));
  const service = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ACCESS_LOG: '0',
      MAX_STREAMS: String(STREAMS + 100),
      MAX_STREAMS_PER_ADDRESS: String(Math.ceil(STREAMS / ADDRESSES) + 100),
      MAX_CONNECTIONS_PER_ADDRESS: String(Math.ceil(STREAMS / ADDRESSES) + 200),
      READ_RATE_BURST: '1000000',
      READ_RATE_PER_MIN: '1000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const sockets: Socket[] = [];
  try {
    const port = await new Promise<number>((resolve, reject) => {
      createInterface({ input: service.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg?: string; port?: number; openFileLimit?: number };
        if (entry.msg === 'listening') {
          console.log(`service: open-file limit ${entry.openFileLimit}`);
          resolve(entry.port as number);
        }
      });
      service.once('exit', (code) => reject(new Error(`service exited (${code})`)));
    });
    const request = `GET /api/v1/campaigns/${CAMPAIGN}/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
    const events = new Uint8Array(STREAMS);
    const updatedAt = new Float64Array(STREAMS);
    let updateSentAt = 0;
    let firstEvents = 0;
    let updated = 0;
    let failed = 0;
    const baseline = rssKb(service.pid as number);

    /** Counts `event: counts` lines per socket (a line may straddle two chunks: the tail of the last one is kept). */
    const open = (index: number) =>
      new Promise<void>((resolve) => {
        const socket = connect({ port, host: '127.0.0.1', localAddress: `127.0.0.${2 + (index % ADDRESSES)}` }, () => socket.write(request));
        let tail = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => {
          const text = tail + chunk;
          let at = -1;
          while ((at = text.indexOf('event: counts', at + 1)) >= 0) {
            events[index] += 1;
            if (events[index] === 1) {
              firstEvents += 1;
              resolve();
            } else if (events[index] === 2) {
              updatedAt[index] = performance.now();
              updated += 1;
            }
          }
          tail = text.slice(-12);
        });
        socket.on('error', () => undefined);
        socket.on('close', () => {
          if (events[index] === 0) failed += 1;
          resolve();
        });
        sockets.push(socket);
      });

    const opening = performance.now();
    const BATCH = 1000;
    for (let start = 0; start < STREAMS; start += BATCH) {
      await Promise.all(Array.from({ length: Math.min(BATCH, STREAMS - start) }, (_, i) => open(start + i)));
      if (start % 10_000 === 0) process.stdout.write(`  ${start + BATCH} streams open…\n`);
    }
    const openSeconds = (performance.now() - opening) / 1000;
    if (failed > 0 || firstEvents < STREAMS) throw new Error(`${failed} streams failed, ${firstEvents} of ${STREAMS} got their first event`);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // let the service settle before reading its memory
    const loaded = rssKb(service.pid as number);

    updateSentAt = performance.now();
    const pledge = await fetch(`http://127.0.0.1:${port}/api/v1/campaigns/${CAMPAIGN}/pledges`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unit: 'ba-tri', choice: 'smartphone', key: crypto.randomUUID() }),
    });
    if (pledge.status !== 201) throw new Error(`pledge: ${pledge.status}`);
    while (updated < STREAMS && performance.now() - updateSentAt < 30_000) await new Promise((resolve) => setTimeout(resolve, 20));
    const latencies = Array.from(updatedAt, (at) => at - updateSentAt)
      .filter((ms) => ms > 0)
      .sort((a, b) => a - b);
    const perStreamKb = (loaded - baseline) / STREAMS;
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
    console.log(`\nMeasured ${new Date().toISOString().slice(0, 10)} on ${machine}; ${STREAMS} streams over ${ADDRESSES} loopback addresses, opened in ${openSeconds.toFixed(1)} s.\n`);
    console.log('| streams | service RSS before → after | memory per stream | updated | time to update p50 | p99 | last |');
    console.log('|---|---|---|---|---|---|---|');
    console.log(
      `| ${STREAMS} | ${Math.round(baseline / 1024)} → ${Math.round(loaded / 1024)} MB | ${perStreamKb.toFixed(1)} KB | ${updated} of ${STREAMS} | ${Math.round(percentile(latencies, 50))} ms | ${Math.round(percentile(latencies, 99))} ms | ${Math.round(latencies.at(-1) ?? NaN)} ms |`,
    );
    const ok = updated === STREAMS && perStreamKb <= 16 && (latencies.at(-1) ?? Infinity) <= 2000;
    console.log(`\nGoal (≤ 16 KB a stream, every client within 2 s): ${ok ? 'met' : 'NOT met'}`);
  } finally {
    clearTimeout(deadline);
    for (const socket of sockets) socket.destroy();
    service.kill('SIGTERM');
    await new Promise((resolve) => service.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Both ends of every stream are in processes started here: raise the limit once, for this process and its children.
if (process.env.BENCH_STREAMS_RAISED !== '1') {
  const child = spawn('bash', ['-c', `ulimit -n ${OPEN_FILES} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"`, 'bash', process.execPath, '--import', 'tsx', ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_STREAMS_RAISED: '1' },
  });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  await main();
}
