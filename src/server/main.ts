/**
 * Starts the Lantoa service from the environment: `npm start` (after a build) or
 * `tsx src/server/main.ts`. Settings: see config.ts (PORT, DATA_DIR, CAMPAIGNS_FILE, TRUST_PROXY, rates).
 */
import { resolve } from 'node:path';
import { CampaignsFileError } from './campaigns/campaigns.js';
import { ConfigError, configFromEnv } from './config/config.js';
import { DataDirLockedError } from './store/data-lock.js';
import { LedgerMissingError } from './store/ledger.js';
import { log } from './log/log.js';
import { DatabaseError } from './store/sqlite-store.js';
import { PostgresUnavailableError, redact } from './store/postgres/postgres-store.js';
import { startService } from './service.js';

try {
  const config = configFromEnv();
  const service = await startService(config, { widgetsDir: resolve('dist/lantoa'), demoDir: resolve('demo') });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info('shutting down', { signal });
      service.close().then(
        async () => {
          log.info('stopped');
          await log.close();
          process.exit(0);
        },
        (error: unknown) => {
          log.error('shutdown failed', error);
          void log.close().finally(() => process.exit(1));
        },
      );
    });
  }
  // Only now: a supervisor that stops the service as soon as it reads this line must find the
  // handlers in place (written first, a SIGTERM could arrive before them and kill it outright).
  log.info('listening', {
    url: service.url,
    port: service.port,
    dataDir: config.dataDir,
    records: config.databaseUrl ? redact(config.databaseUrl) : 'SQLite in the data directory',
    campaigns: service.campaignsSource,
    // The caps sized under the open-file limit (config.ts): what a hog or a crowd runs into.
    openFileLimit: config.openFileLimit ?? 'unknown',
    maxConnections: config.maxConnections,
    maxConnectionsPerAddress: config.trustProxy > 0 ? 'proxy' : config.maxConnectionsPerAddress,
    maxStreams: config.maxStreams,
    maxStreamsPerAddress: config.maxStreamsPerAddress,
  });
} catch (error) {
  // A bad campaigns file or setting, a data directory another service uses, a damaged or missing
  // database: say exactly what (and what to do), and stop (a service half-configured counts wrong).
  if (
    error instanceof CampaignsFileError ||
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof DatabaseError ||
    error instanceof PostgresUnavailableError ||
    error instanceof LedgerMissingError
  ) {
    log.error(error.message, undefined, error instanceof DatabaseError ? { code: error.code, file: error.file } : {});
    process.stderr.write(`\nlantoa: ${error.message}\n`);
  } else {
    log.error('start failed', error);
  }
  process.exit(1);
}
