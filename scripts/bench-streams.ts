/**
 * `npm run bench:streams`: how many live streams one service holds, what each costs, and how fast an
 * update reaches all of them (issue 15: 50,000 streams at ≤ 16 KB each, every client updated within 2 s).
 *
 * Raises the open-file limit (`ulimit -n`, as root above the hard limit too) for itself and its
 * children, starts the real service (src/server/main.ts, as `npm start` does) on a temporary DATA_DIR,
 * opens BENCH_STREAMS streams (default 50,000) from raw sockets spread over BENCH_ADDRESSES loopback
 * addresses (127.0.0.2…; each address has its own ~28,000 ephemeral ports), one client process per
 * address, waits until each has its first event, measures the service's resident memory before and
 * after, then posts one pledge and times until every stream has the event carrying it (the service
 * coalesces events: SSE_COALESCE_MS, 250 ms). Also reports the CPU time the service and the clients
 * spent on that one update (on a shared machine wall time varies with the load; CPU time much less).
 * Loopback only; bounded by BENCH_TIMEOUT_S (default 300). Prints a Markdown table for docs/BENCHMARKS.md.
 *
 * The clients are as light as a socket allows (net.connect's `onread`: every read lands in one shared
 * buffer, no stream, string or Buffer per read), so the time measured is mostly the service's.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openFileLimit } from '../src/server/config/open-files.js';

const WANTED = Number(process.env.BENCH_STREAMS ?? 50_000);
const ADDRESSES = Number(process.env.BENCH_ADDRESSES ?? 5);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 300);
const OPEN_FILES = WANTED + 10_000;
/** Every stream is a descriptor in the service: as many as the raised limit allows (the hard limit binds without CAP_SYS_RESOURCE), less its own files. */
const limit = openFileLimit() ?? OPEN_FILES;
const STREAMS = Math.min(WANTED, limit - 500);
const CAMPAIGN = 'ben-tre-smartphone';
const ROOT = join(import.meta.dirname, '..');
/** Connections a client process opens at a time (each waits for its first event before the next batch). */
const BATCH = 200;
/** How long clients wait for the update before reporting what they have. */
const UPDATE_WAIT_MS = 30_000;

/** What the parent tells a client process, and what it answers. */
type ToClient = { port: number; address: string; count: number } | { update: true } | { stop: true };
type FromClient = { opened: number; failed: number } | { updatedAt: number[] };

/** CPU time a process has used so far (user + system, ms; /proc counts in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

/** Epoch milliseconds with sub-millisecond precision, comparable between processes. */
const now = () => performance.timeOrigin + performance.now();

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** The next message of `child` that `accept` takes. */
function reply<T extends FromClient>(child: ChildProcess, accept: (message: FromClient) => message is T): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromClient) => {
      if (!accept(message)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`client process exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function main(): Promise<void> {
  if (STREAMS < WANTED)
    console.log(
      `open-file limit ${limit} (the hard limit; raising it needs CAP_SYS_RESOURCE): ${STREAMS} streams instead of ${WANTED}`,
    );
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
  const clients: ChildProcess[] = [];
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
    const baseline = rssKb(service.pid as number);

    const opening = performance.now();
    for (let i = 0; i < ADDRESSES; i += 1) {
      const count = Math.floor(STREAMS / ADDRESSES) + (i < STREAMS % ADDRESSES ? 1 : 0);
      const child = fork(import.meta.filename, [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, BENCH_STREAMS_CLIENT: '1' },
      });
      clients.push(child);
      child.send({ port, address: `127.0.0.${2 + i}`, count } satisfies ToClient);
    }
    const opened = await Promise.all(
      clients.map((child) => reply(child, (m): m is { opened: number; failed: number } => 'opened' in m)),
    );
    const openSeconds = (performance.now() - opening) / 1000;
    const failed = opened.reduce((sum, m) => sum + m.failed, 0);
    if (failed > 0) throw new Error(`${failed} of ${STREAMS} streams failed before their first event`);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // let the service settle before reading its memory
    const loaded = rssKb(service.pid as number);

    const cpuBefore = [service, ...clients].map((child) => cpuMs(child.pid as number));
    const results = clients.map((child) => reply(child, (m): m is { updatedAt: number[] } => 'updatedAt' in m));
    for (const child of clients) child.send({ update: true } satisfies ToClient);
    const updateSentAt = now();
    const pledge = await fetch(`http://127.0.0.1:${port}/api/v1/campaigns/${CAMPAIGN}/pledges`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ unit: 'ba-tri', choice: 'smartphone', key: crypto.randomUUID() }),
    });
    if (pledge.status !== 201) throw new Error(`pledge: ${pledge.status}`);
    const latencies = (await Promise.all(results))
      .flatMap((m) => m.updatedAt)
      .map((at) => at - updateSentAt)
      .sort((a, b) => a - b);
    const cpuAfter = [service, ...clients].map((child) => cpuMs(child.pid as number));
    const serviceCpu = cpuAfter[0] - cpuBefore[0];
    const clientCpu = cpuAfter.slice(1).reduce((sum, ms, i) => sum + ms - cpuBefore[i + 1], 0);

    const updated = latencies.length;
    const last = latencies.at(-1) ?? NaN;
    const perStreamKb = (loaded - baseline) / STREAMS;
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
    console.log(
      `\nMeasured ${new Date().toISOString().slice(0, 10)} on ${machine}; ${STREAMS} streams over ${ADDRESSES} loopback addresses (a client process each), opened in ${openSeconds.toFixed(1)} s.\n`,
    );
    console.log(
      '| streams | service RSS before → after | memory per stream | updated | time to update p50 | p99 | last | CPU for the update: service, clients |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    console.log(
      `| ${STREAMS} | ${Math.round(baseline / 1024)} → ${Math.round(loaded / 1024)} MB | ${perStreamKb.toFixed(1)} KB | ${updated} of ${STREAMS} | ${Math.round(percentile(latencies, 50))} ms | ${Math.round(percentile(latencies, 99))} ms | ${Math.round(last)} ms | ${serviceCpu} ms, ${clientCpu} ms |`,
    );
    const ok = updated === STREAMS && perStreamKb <= 16 && last <= 2000;
    console.log(`\nGoal (≤ 16 KB a stream, every client within 2 s): ${ok ? 'met' : 'NOT met'}`);
  } finally {
    clearTimeout(deadline);
    for (const child of clients) if (child.connected) child.send({ stop: true } satisfies ToClient);
    service.kill('SIGTERM');
    await new Promise((resolve) => service.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A client process: opens `count` streams from `address`, says when each has its first event (or
 * failed), then on `update` records when each receives its second event and sends the times back.
 */
function client(): void {
  const NEEDLE = Buffer.from('event: counts');
  /** One buffer for every socket's reads: each read is handled before the next one lands. */
  const shared = Buffer.alloc(64 * 1024);
  let events = new Uint8Array(0);
  /** The last bytes of each socket's previous read, where an event's name may have begun. */
  let tails = Buffer.alloc(0);
  let tailLengths = new Uint8Array(0);
  const window = Buffer.alloc(2 * NEEDLE.length);
  let updatedAt: number[] = [];
  let waiting = 0;
  let opened = 0;
  let failed = 0;
  let total = 0;
  let updating = false;
  let report: NodeJS.Timeout | undefined;
  const sockets: ReturnType<typeof connect>[] = [];

  /** Opens the next batch when this one is done: a bounded number of handshakes at a time, so the service's accept queue never overflows. */
  let nextBatch: () => void = () => undefined;
  const finishOpening = () => {
    if (opened + failed === total) process.send?.({ opened, failed } satisfies FromClient);
    else if ((opened + failed) % BATCH === 0) nextBatch();
  };
  const sendTimes = () => {
    clearTimeout(report);
    process.send?.({ updatedAt } satisfies FromClient);
  };
  /** Counts the events in `bytes` read by socket `index`, an event's name split over two reads included. */
  const onBytes = (index: number, bytes: Buffer) => {
    let found = 0;
    const tailLength = tailLengths[index];
    if (tailLength > 0) {
      tails.copy(window, 0, index * NEEDLE.length, index * NEEDLE.length + tailLength);
      const head = bytes.copy(window, tailLength, 0, Math.min(bytes.length, NEEDLE.length - 1));
      const straddling = window.subarray(0, tailLength + head).indexOf(NEEDLE);
      if (straddling >= 0 && straddling < tailLength) found += 1;
    }
    for (let at = bytes.indexOf(NEEDLE); at >= 0; at = bytes.indexOf(NEEDLE, at + NEEDLE.length)) found += 1;
    const keep = Math.min(bytes.length, NEEDLE.length - 1);
    bytes.copy(tails, index * NEEDLE.length, bytes.length - keep);
    tailLengths[index] = keep;
    for (; found > 0; found -= 1) {
      events[index] += 1;
      if (events[index] === 1) {
        opened += 1;
        finishOpening();
      } else if (events[index] === 2 && updating) {
        updatedAt.push(now());
        waiting -= 1;
        if (waiting === 0) sendTimes();
      }
    }
  };

  process.on('message', (message: ToClient) => {
    if ('stop' in message) {
      for (const socket of sockets) socket.destroy();
      process.exit(0);
    } else if ('update' in message) {
      updating = true;
      updatedAt = [];
      waiting = total;
      report = setTimeout(sendTimes, UPDATE_WAIT_MS);
    } else {
      const { port, address, count } = message;
      total = count;
      events = new Uint8Array(count);
      tails = Buffer.alloc(count * NEEDLE.length);
      tailLengths = new Uint8Array(count);
      const request = Buffer.from(`GET /api/v1/campaigns/${CAMPAIGN}/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      const openBatch = (start: number) => {
        nextBatch = () => openBatch(start + BATCH);
        for (let index = start; index < Math.min(count, start + BATCH); index += 1) {
          const socket = connect({
            port,
            host: '127.0.0.1',
            localAddress: address,
            onread: {
              buffer: shared,
              callback: (size: number, buffer: Uint8Array) => {
                onBytes(index, buffer.subarray(0, size) as Buffer);
                return true; // keep reading
              },
            },
          });
          socket.once('connect', () => socket.write(request));
          socket.on('error', () => undefined);
          socket.once('close', () => {
            if (events[index] === 0) {
              failed += 1;
              finishOpening();
            }
          });
          sockets.push(socket);
        }
      };
      openBatch(0);
    }
  });
}

if (process.env.BENCH_STREAMS_CLIENT === '1') {
  client();
} else if (process.env.BENCH_STREAMS_RAISED !== '1') {
  // Both ends of every stream are in processes started here: raise the limit once, for this process and its children.
  const child = spawn(
    'bash',
    [
      '-c',
      `ulimit -n ${OPEN_FILES} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"`,
      'bash',
      process.execPath,
      '--import',
      'tsx',
      ...process.argv.slice(1),
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, BENCH_STREAMS_RAISED: '1' },
    },
  );
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  await main();
}
