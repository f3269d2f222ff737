/**
 * Assembles the service from its settings (campaigns, store, counts and quiz stats, limits, streams, HTTP) and
 * takes it down in order. main.ts runs it from the environment; the tests run it in-process on a
 * random port with a temporary database.
 */
import { getRequestListener } from '@hono/node-server';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from './http/app.js';
import { readCampaignsFile } from './campaigns/campaigns.js';
import { CAMPAIGN_TABLES, CampaignRegistry, storeNeedsSeed, type InUse } from './campaigns/campaign-store.js';
import type { ServiceConfig } from './config/config.js';
import { log } from './log/log.js';
import { RateLimiter } from './http/rate-limit.js';
import { lockDataDir } from './store/data-lock.js';
import { isoNow } from './clock.js';
import { ConnectionGuard } from './http/connections.js';
import { checkLedger, DATABASE_FILE, markLedger } from './store/ledger.js';
import { answerClientErrors, requestError } from './http/protocol-errors.js';
import { createScopes, followRegistry, type Scopes } from './campaigns/scopes.js';
import { SqliteStore } from './store/sqlite-store.js';
import { PostgresStore } from './store/postgres/postgres-store.js';
import { SharedCampaignRegistry } from './store/postgres/shared-campaigns.js';
import type { RecordStore, Tallies } from './store/store.js';
import { StreamHub } from './http/stream.js';
import { mountPages } from './pages/routes.js';
import { publicUrlFromEnv, type PagesOptions } from './pages/options.js';
import { openConsoleDb, type ConsoleDb } from './store/console-db.js';
import { sqliteConsoleSql, type ConsoleSql } from './store/console-sql.js';
import { postgresConsoleSql } from './store/postgres/console-sql.js';
import { ACCOUNT_TABLES, AUDIT_TABLES, adminStores, createAdminApi } from './admin/admin-api.js';
import { campaignRoutes } from './admin/campaign-routes.js';
import { resultsRoutes } from './admin/results-routes.js';
import { SITES_TABLES, SiteReach } from './campaigns/reach.js';

export interface Service {
  /** http://host:port the service listens on (port resolved when 0 was asked). */
  url: string;
  port: number;
  /** The campaigns as stored (console.sqlite): what the console edits and the API serves. */
  campaigns: CampaignRegistry;
  /** Where the campaigns came from at this start, for the log. */
  campaignsSource: string;
  /** Graceful stop: no new connections, in-flight requests finish, streams end, the database closes. */
  close(): Promise<void>;
}

export interface ServiceDirs {
  widgetsDir: string;
  demoDir: string;
}

export async function startService(
  config: ServiceConfig,
  dirs: ServiceDirs,
  pages: PagesOptions = { publicUrl: publicUrlFromEnv() },
): Promise<Service> {
  // Validate everything before touching the disk: a bad campaigns file must not leave a database behind.
  // The file is read only to seed an empty store; from then on the store is the source.
  const seed = storeNeedsSeed(config.dataDir) ? readCampaignsFile(config.campaignsFile) : undefined;
  mkdirSync(config.dataDir, { recursive: true });
  const unlock = lockDataDir(config.dataDir);
  let store: RecordStore;
  let consoleDb: ConsoleDb | undefined;
  // Accounts, sessions, audit and sites: console.sqlite, or with PostgreSQL its tables, shared by every
  // instance (a session started through one is valid on all; the audit log is one list).
  let consoleData: ConsoleSql;
  try {
    // With PostgreSQL the ledger is the database (its keys are unique there): no pledges.sqlite to guard.
    if (!config.databaseUrl) checkLedger(config.dataDir);
    // With PostgreSQL, console.sqlite keeps only the local copy of the campaigns.
    consoleDb = openConsoleDb(
      config.dataDir,
      config.databaseUrl ? [CAMPAIGN_TABLES] : [ACCOUNT_TABLES, AUDIT_TABLES, CAMPAIGN_TABLES, SITES_TABLES],
    );
    if (config.databaseUrl) {
      store = await PostgresStore.open(config.databaseUrl);
      consoleData = await postgresConsoleSql(config.databaseUrl).catch(async (error: unknown) => {
        await store.close();
        throw error;
      });
    } else {
      consoleData = sqliteConsoleSql(consoleDb);
      store = await SqliteStore.open(join(config.dataDir, DATABASE_FILE), undefined, config.writeProbeMs);
      markLedger(config.dataDir, isoNow());
    }
  } catch (error) {
    consoleDb?.close();
    unlock();
    throw error;
  }

  // What has records, from the in-memory counts and stats: an edit may not drop those units and choices.
  const inUse = (id: string): InUse => {
    const used = scopes.campaigns.get(id)?.aggregate.used() ?? { units: new Set<string>(), choices: new Set<string>() };
    for (const quiz of scopes.quizzes.values())
      if (quiz.entry.public.id === id) for (const unit of quiz.aggregate.used()) used.units.add(unit);
    return used;
  };
  // With PostgreSQL the campaigns are shared by every instance (the local console.sqlite is its copy).
  const campaigns = config.databaseUrl
    ? new SharedCampaignRegistry(consoleDb, { inUse })
    : new CampaignRegistry(consoleDb, { inUse });
  // Said in the `listening` line (main.ts): where the campaigns came from, and that the store is the source now.
  let campaignsSource =
    seed && campaigns.seed(seed, { user: 'service', action: 'campaign.seed' })
      ? `seeded from ${config.campaignsFile} at this start; from now on the store is the source (the file is not read again)`
      : 'the store (console.sqlite); the campaigns file is not read (npm run campaigns -- import FILE replaces a campaign)';
  if (campaigns instanceof SharedCampaignRegistry && config.databaseUrl) {
    await campaigns.share(config.databaseUrl);
    campaignsSource = `PostgreSQL, shared by every instance (${campaignsSource})`;
  }
  const scopes: Scopes = createScopes(campaigns.list());
  // Which sites embed each campaign: counted in memory by the API's guard, added to the table every 5 s.
  const reach = await SiteReach.open(consoleData);
  for (const [id, scope] of scopes.campaigns) scope.aggregate.reset(await store.tally(id));
  for (const [id, scope] of scopes.quizzes) scope.aggregate.reset(await store.quizTally(id));
  // Counts and stats move on commit, once per batch, before any of its records is answered.
  const unsubscribe = store.onCommit((records) => {
    for (const record of records) {
      if (record.kind === 'pledge')
        scopes.campaigns.get(record.campaign)?.aggregate.apply(record.unit, record.choice, record.createdAt);
      else scopes.quizzes.get(record.quiz)?.aggregate.apply(record.unit, record.score, record.total, record.createdAt);
    }
  });
  // Several instances on one database: counts start again from it when the store says they must
  // (a reconnect, another instance's commit missed); from that snapshot onCommit carries on.
  const restart = ({ campaigns: counted, quizzes: scored }: Tallies) => {
    for (const [id, scope] of scopes.campaigns) scope.aggregate.reset(counted.get(id) ?? { rows: [], lastAt: null });
    for (const [id, scope] of scopes.quizzes) scope.aggregate.reset(scored.get(id) ?? { rows: [], lastAt: null });
  };
  const unfollowStore = store.follow ? await store.follow(restart) : () => undefined;

  const counts = new Map([...scopes.campaigns].map(([id, scope]) => [id, scope.aggregate]));
  let stalledStreams = 0;
  const streams = new StreamHub(counts, {
    coalesceMs: config.coalesceMs,
    heartbeatMs: config.heartbeatMs,
    maxStreams: config.maxStreams,
    maxStreamsPerAddress: config.maxStreamsPerAddress,
    onStalled: () => (stalledStreams += 1),
  });
  // Edits (the console's, or an import by another process) reach config, counts, feed and streams at once.
  const unfollow = followRegistry(campaigns, scopes, {
    store,
    added: (scope) => streams.add(scope.id, scope.aggregate),
  });
  const limiter = (rate: { perMinute: number; burst: number }) =>
    new RateLimiter({ ...rate, maxClients: config.rateLimitMaxClients });
  const readLimiter = limiter(config.readRate);
  const { accounts, audit } = adminStores(consoleData);
  const admin = createAdminApi({
    accounts,
    audit,
    trustProxy: config.trustProxy,
    accessLog: config.accessLog,
    publicUrl: pages.publicUrl,
  });
  // Mounted before the admin app is mounted on the site: app.route copies the routes present then.
  admin.route(
    '/campaigns',
    campaignRoutes({
      campaigns,
      auditor: audit,
      total: (id) => scopes.campaigns.get(id)?.aggregate.snapshot().value.total ?? 0,
    }),
  );
  admin.route(
    '/campaigns',
    resultsRoutes({
      campaigns,
      store,
      quizStats: (quiz) => scopes.quizzes.get(quiz)?.aggregate.snapshot().value,
      reach,
    }),
  );
  const app = createApp({
    ...dirs,
    healthy: () => store.healthy,
    scopes,
    store,
    streams,
    writeLimiter: limiter(config.pledgeRate),
    readLimiter,
    trustProxy: config.trustProxy,
    accessLog: config.accessLog,
    reach,
    admin,
  });
  mountPages(app, {
    scopes,
    limiter: limiter(config.pageRate),
    trustProxy: config.trustProxy,
    widgetsDir: dirs.widgetsDir,
    ...pages,
  });
  // What createAdaptorServer does, plus an errorHandler: a request the adapter cannot read gets a JSON 400.
  const server = createServer(
    // A request must arrive in seconds: a client trickling its headers (or never sending any) holds a
    // socket, and sockets are bounded by the open-file limit. Checked every second, not every 30.
    // No Host: the adapter's JSON 400 rather than node:http's empty one.
    {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: 1000,
      requireHostHeader: false,
    },
    getRequestListener(app.fetch, { errorHandler: requestError }),
  );
  answerClientErrors(server);
  // Per address only on direct connections: behind a proxy every socket is the proxy's (connections.ts).
  const connections = new ConnectionGuard({
    maxConnections: config.maxConnections,
    maxConnectionsPerAddress: config.trustProxy > 0 ? undefined : config.maxConnectionsPerAddress,
  });
  connections.attach(server);
  // Refusals come in floods (a client retrying in a loop): a line a minute at most says how many.
  const report = setInterval(() => {
    const refused = connections.takeRefused();
    if (refused > 0)
      log.warn('connections refused over the caps', {
        refused,
        open: connections.size,
        maxConnections: config.maxConnections,
        maxConnectionsPerAddress: config.maxConnectionsPerAddress,
      });
    if (stalledStreams > 0) log.warn('streams dropped: clients not reading', { dropped: stalledStreams });
    stalledStreams = 0;
  }, 60_000);
  report.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // server.close stops accepting and closes idle keep-alive sockets (Node ≥ 19); it calls back when
      // the last connection is gone. Streams never end by themselves, so end them now.
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      streams.closeAll();
      // Connections whose request finishes from now on (ended streams, in-flight pledges) go idle but
      // would linger for the keep-alive timeout: keep closing the idle ones until none is left.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const timer = setTimeout(() => {
        log.warn('shutdown: cutting connections still open', {
          afterMs: config.shutdownDrainMs,
          open: connections.size,
          requests: connections.busyRequests(),
        });
        server.closeAllConnections();
      }, config.shutdownDrainMs);
      await drained;
      clearInterval(sweep);
      clearInterval(report);
      clearTimeout(timer);
      unsubscribe();
      unfollowStore();
      unfollow();
      campaigns.close();
      await store.close();
      await reach.close();
      await consoleData.close();
      consoleDb.close();
      unlock();
    })());

  return { url: `http://${host}:${port}`, port, campaigns, campaignsSource, close };
}
