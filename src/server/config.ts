/**
 * Service settings from the environment, validated at start-up (a typo in a number stops the start
 * with the variable's name instead of silently running with NaN). The README and docs/BENCHMARKS.md
 * list them; the defaults are the product's defaults, reasoned below.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';

const root = fileURLToPath(new URL('../..', import.meta.url));

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const envSchema = z.object({
  PORT: int(8787).pipe(z.number().max(65535)),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default(resolve(root, 'data')),
  CAMPAIGNS_FILE: z.string().min(1).default(resolve(root, 'campaigns/campaigns.json')),
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
  /** Clients remembered by each limiter (about 100 bytes each): bounds the limiter's memory. */
  RATE_LIMIT_MAX_CLIENTS: int(100_000, 1),
  /** Open event streams at once, all clients together (each holds a socket and a little memory). */
  MAX_STREAMS: int(10_000, 1),
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
  trustProxy: number;
  pledgeRate: { perMinute: number; burst: number };
  readRate: { perMinute: number; burst: number };
  rateLimitMaxClients: number;
  maxStreams: number;
  coalesceMs: number;
  heartbeatMs: number;
  accessLog: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the settings; throws {@link ConfigError} naming the bad variable. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  // An empty variable (FOO=) means "not set", as in most shells' habits.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(given);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment:\n${problems.join('\n')}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    campaignsFile: resolve(e.CAMPAIGNS_FILE),
    trustProxy: e.TRUST_PROXY,
    pledgeRate: { perMinute: e.PLEDGE_RATE_PER_MIN, burst: e.PLEDGE_RATE_BURST },
    readRate: { perMinute: e.READ_RATE_PER_MIN, burst: e.READ_RATE_BURST },
    rateLimitMaxClients: e.RATE_LIMIT_MAX_CLIENTS,
    maxStreams: e.MAX_STREAMS,
    coalesceMs: e.SSE_COALESCE_MS,
    heartbeatMs: e.SSE_HEARTBEAT_MS,
    accessLog: e.ACCESS_LOG === '1',
  };
}
