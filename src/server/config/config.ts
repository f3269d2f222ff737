/**
 * Service settings from the environment, validated at start-up (a typo in a number stops the start
 * with the variable's name instead of silently running with NaN). The README and docs/BENCHMARKS.md
 * list them; the defaults are the product's defaults, reasoned below.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { openFileLimit, RAISE_LIMIT_HINT, RESERVED_FILES } from './open-files.js';

// The repository root, from src/server/config/ and from the compiled dist/server/config/ alike.
const root = fileURLToPath(new URL('../../..', import.meta.url));

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
/** A number whose default depends on the open-file limit (worked out in configFromEnv). */
const sized = () => z.coerce.number().int().min(1).optional();

const envSchema = z.object({
  PORT: int(8787).pipe(z.number().max(65535)),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default(resolve(root, 'data')),
  CAMPAIGNS_FILE: z.string().min(1).default(resolve(root, 'campaigns/campaigns.json')),
  /** postgres://… : pledges and quiz results in PostgreSQL, shared by several instances; unset: SQLite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Number of reverse proxies in front (nginx = 1). 0: X-Forwarded-For is ignored. "true" means 1. */
  TRUST_PROXY: z
    .string()
    .default('0')
    .transform((value) => (value === 'true' ? 1 : value === 'false' ? 0 : Number(value)))
    .pipe(z.number().int().min(0).max(10)),
  // Pledges: one person pledges once, but a hundred people at a union event share the venue's Wi-Fi
  // address, and carrier-grade NAT puts whole neighbourhoods behind one. A burst of 120 lets a full
  // room pledge in the same minute; 60 a minute afterwards is one a second per address, which no
  // crowd sustains for long but which caps a flooding script at 3,600 an hour instead of thousands a second.
  PLEDGE_RATE_PER_MIN: int(60, 1),
  PLEDGE_RATE_BURST: int(120, 1),
  // Reads (config, counts, opening a stream) come from memory and cost little; the limit only stops a
  // runaway loop. 3,000 a minute lets a thousand phones behind one NAT address poll every 20 s.
  READ_RATE_PER_MIN: int(3000, 1),
  READ_RATE_BURST: int(1500, 1),
  // Public pages (/c/…, /embed/): rendered per request, share images drawn now and then. A room of 300 scanning
  // the poster's QR code on the venue's Wi-Fi opens them at once; a script looping on them is held to 10 a second.
  PAGE_RATE_PER_MIN: int(600, 1),
  PAGE_RATE_BURST: int(300, 1),
  /** Clients remembered by each limiter (about 100 bytes each): bounds the limiter's memory. */
  RATE_LIMIT_MAX_CLIENTS: int(100_000, 1),
  // Connections and streams: each holds a file descriptor, so their caps sit under the open-file
  // limit (defaults sized from it; a value over it stops the start). Per client address too, so one
  // address holding thousands of sockets leaves room for everybody else.
  MAX_CONNECTIONS: sized(),
  MAX_CONNECTIONS_PER_ADDRESS: sized(),
  /** Open event streams at once, all clients together (each holds a socket and a little memory). */
  MAX_STREAMS: sized(),
  MAX_STREAMS_PER_ADDRESS: sized(),
  /** A request whose headers have not all arrived after this long gets 408 and is closed (node:http headersTimeout). */
  HEADERS_TIMEOUT_MS: int(10_000, 100),
  /** The same for the whole request, body included (requestTimeout). */
  REQUEST_TIMEOUT_MS: int(30_000, 100),
  /** While no commit has shown that the disk takes writes, /healthz's write probe runs this often. */
  WRITE_PROBE_MS: int(10_000, 100),
  /** At shutdown, how long requests still being answered may take before their connections are cut. */
  SHUTDOWN_DRAIN_MS: int(10_000, 0),
  SSE_COALESCE_MS: int(250),
  SSE_HEARTBEAT_MS: int(15_000, 10),
  /** "0" turns the access log off (errors are always logged). */
  ACCESS_LOG: z.enum(['0', '1']).default('1'),
});

export interface ServiceConfig {
  port: number;
  host: string;
  dataDir: string;
  campaignsFile: string;
  /** PostgreSQL connection string; undefined: the embedded SQLite store. */
  databaseUrl?: string;
  trustProxy: number;
  pledgeRate: { perMinute: number; burst: number };
  readRate: { perMinute: number; burst: number };
  pageRate: { perMinute: number; burst: number };
  rateLimitMaxClients: number;
  /** The soft open-file limit read at start (undefined: unknown, not Linux). */
  openFileLimit: number | undefined;
  /** Open connections at once, in all and per client address (socket address, IPv6 per /64). */
  maxConnections: number;
  maxConnectionsPerAddress: number;
  /** Open event streams, in all and per client address (behind TRUST_PROXY: the forwarded address). */
  maxStreams: number;
  maxStreamsPerAddress: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  writeProbeMs: number;
  shutdownDrainMs: number;
  coalesceMs: number;
  heartbeatMs: number;
  accessLog: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Connections when the open-file limit is unknown (not Linux): above the stream default. */
const UNKNOWN_LIMIT_CONNECTIONS = 16_000;

/**
 * Reads the settings; throws {@link ConfigError} naming the bad variable. `files` is the open-file
 * limit (read from the process unless given).
 */
export function configFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  files: number | undefined = openFileLimit(),
): ServiceConfig {
  // An empty variable (FOO=) means "not set", as in most shells' habits.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(given);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment:\n${problems.join('\n')}`);
  }
  const e = result.data;
  return {
    ...connectionCaps(e, files),
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    campaignsFile: resolve(e.CAMPAIGNS_FILE),
    ...(e.DATABASE_URL === undefined ? {} : { databaseUrl: e.DATABASE_URL }),
    trustProxy: e.TRUST_PROXY,
    pledgeRate: { perMinute: e.PLEDGE_RATE_PER_MIN, burst: e.PLEDGE_RATE_BURST },
    readRate: { perMinute: e.READ_RATE_PER_MIN, burst: e.READ_RATE_BURST },
    pageRate: { perMinute: e.PAGE_RATE_PER_MIN, burst: e.PAGE_RATE_BURST },
    rateLimitMaxClients: e.RATE_LIMIT_MAX_CLIENTS,
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    writeProbeMs: e.WRITE_PROBE_MS,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    coalesceMs: e.SSE_COALESCE_MS,
    heartbeatMs: e.SSE_HEARTBEAT_MS,
    accessLog: e.ACCESS_LOG === '1',
  };
}

type Caps = Pick<
  ServiceConfig,
  'openFileLimit' | 'maxConnections' | 'maxConnectionsPerAddress' | 'maxStreams' | 'maxStreamsPerAddress'
>;

/**
 * The connection and stream caps: given ones checked against the open-file limit and each other,
 * missing ones sized from it. Defaults: every file but {@link RESERVED_FILES} for connections, a
 * quarter of them per address (a crowd behind one NAT address needs many; one address still cannot
 * take them all); streams take at most 90 % of the connections (10,000 at most), and per address a
 * quarter of them and at most three quarters of the address's connections, so a client whose streams
 * are all open can still pledge.
 */
function connectionCaps(e: z.infer<typeof envSchema>, files: number | undefined): Caps {
  const budget = files === undefined ? undefined : files - RESERVED_FILES;
  if (budget !== undefined && budget < 16) {
    throw new ConfigError(
      `the open-file limit is ${files}, too low to serve (${RESERVED_FILES} files are needed besides connections): ${RAISE_LIMIT_HINT}`,
    );
  }
  const maxConnections = e.MAX_CONNECTIONS ?? budget ?? UNKNOWN_LIMIT_CONNECTIONS;
  if (budget !== undefined && maxConnections > budget) {
    throw new ConfigError(
      `MAX_CONNECTIONS=${maxConnections} needs ${maxConnections + RESERVED_FILES} open files, but the limit is ${files}: ${RAISE_LIMIT_HINT}, or lower MAX_CONNECTIONS to ${budget} or less`,
    );
  }
  const maxConnectionsPerAddress = e.MAX_CONNECTIONS_PER_ADDRESS ?? Math.max(1, Math.floor(maxConnections / 4));
  const maxStreams = e.MAX_STREAMS ?? Math.max(1, Math.min(10_000, Math.floor(maxConnections * 0.9)));
  const maxStreamsPerAddress =
    e.MAX_STREAMS_PER_ADDRESS ??
    Math.max(1, Math.min(Math.floor(maxConnectionsPerAddress * 0.75), Math.floor(maxStreams / 4)));
  const tooMany = (name: string, value: number, limit: string, bound: number) => {
    if (value > bound)
      throw new ConfigError(`${name}=${value} is more than ${limit} (${bound}): every one of them is a connection`);
  };
  tooMany('MAX_CONNECTIONS_PER_ADDRESS', maxConnectionsPerAddress, 'MAX_CONNECTIONS', maxConnections);
  tooMany('MAX_STREAMS', maxStreams, 'MAX_CONNECTIONS', maxConnections);
  tooMany('MAX_STREAMS_PER_ADDRESS', maxStreamsPerAddress, 'MAX_STREAMS', maxStreams);
  return { openFileLimit: files, maxConnections, maxConnectionsPerAddress, maxStreams, maxStreamsPerAddress };
}
