/**
 * Starts one of the service's worker threads (the SQLite writer, the log writer) from the caller's
 * folder, whether the service runs compiled (`npm run serve`: the worker is a .js file beside the
 * caller) or from TypeScript under tsx (the tests). A worker does not inherit the main thread's module
 * hooks, so under TypeScript a two-line bootstrap registers tsx first.
 */
import { Worker } from 'node:worker_threads';

/** `name` is the worker module's file name without extension, next to `callerUrl` (the caller's import.meta.url). */
export function startWorker(callerUrl: string, name: string, workerData?: unknown): Worker {
  const fromTs = callerUrl.endsWith('.ts');
  const url = new URL(`./${name}.${fromTs ? 'ts' : 'js'}`, callerUrl);
  if (!fromTs) return new Worker(url, { workerData });
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
