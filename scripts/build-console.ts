/**
 * Builds the campaign console (src/console) into dist/console: index.html plus hashed assets under
 * dist/console/assets, served at /admin/ by src/server/admin/pages.ts. Its own Vite build, never mixed with
 * dist/lantoa: no public page can load console code (scripts/size-check.ts proves it). Run with tsx.
 */
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'vite';
import { minifyLitTemplates } from './minify-templates.js';

export const CONSOLE_OUT = 'dist/console';

await rm(CONSOLE_OUT, { recursive: true, force: true });
await build({
  configFile: 'vite.config.ts',
  logLevel: 'warn',
  root: resolve('src/console'),
  // Absolute: the same document answers every /admin/* path, so relative asset URLs would break on deep links.
  base: '/admin/',
  plugins: [minifyLitTemplates()],
  build: {
    outDir: resolve(CONSOLE_OUT),
    emptyOutDir: true,
    manifest: 'manifest.json',
    // The polyfill is inline-free but useless here (Chromium, Firefox, Safari all preload modules natively).
    modulePreload: { polyfill: false },
    rolldownOptions: { input: resolve('src/console/index.html') },
  },
});
console.log(`built ${CONSOLE_OUT}`);
