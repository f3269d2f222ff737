/** Starts the Lantoa service: `npm start` (after a build) or `tsx src/server/main.ts`. */
import { serve } from '@hono/node-server';
import { resolve } from 'node:path';
import { createApp } from './app.js';

const port = Number(process.env.PORT ?? 8787);
const app = createApp({ widgetsDir: resolve('dist/lantoa'), demoDir: resolve('demo') });

const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '0.0.0.0' }, (info) => {
  console.log(JSON.stringify({ level: 'info', msg: 'listening', url: `http://localhost:${info.port}` }));
});

// Stop accepting, let in-flight requests finish, then exit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(JSON.stringify({ level: 'info', msg: `${signal}: shutting down` }));
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
