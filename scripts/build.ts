/**
 * Builds what the service serves under /lantoa/ (dist/lantoa):
 *   1. every widget as an ES module entry with hashed, shared chunks (cached long);
 *   2. loader.js, with the widget → files map of step 1 written into it (cached briefly);
 *   3. lantoa.iife.js, one classic script with every widget, for CMSs that strip type="module".
 * Run with tsx: `npm run build`.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { build, type Manifest } from 'vite';
import { WIDGETS } from './widgets.js';

const OUT = 'dist/lantoa';

await rm(OUT, { recursive: true, force: true });

// 1. Widgets: one entry per widget, shared code split into hashed chunks.
await build({
  configFile: 'vite.config.ts',
  logLevel: 'warn',
  build: {
    outDir: OUT,
    emptyOutDir: false,
    manifest: 'widgets-manifest.json',
    modulePreload: false, // the loader preloads; Vite's helper would guess the base URL wrongly on a host page
    rolldownOptions: {
      input: Object.fromEntries(WIDGETS.map((w) => [w.name, w.entry])),
      preserveEntrySignatures: 'exports-only',
      output: { entryFileNames: '[name]-[hash].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});

const viteManifest = JSON.parse(await readFile(`${OUT}/widgets-manifest.json`, 'utf8')) as Manifest;

/** The entry file, then every chunk it imports statically (transitively): what the loader requests at once. */
function filesOf(key: string): string[] {
  const files: string[] = [];
  const visit = (k: string) => {
    const chunk = viteManifest[k];
    if (files.includes(chunk.file)) return;
    files.push(chunk.file);
    chunk.imports?.forEach(visit);
  };
  visit(key);
  return files;
}

const loaderMap = Object.fromEntries(WIDGETS.map((w) => [w.tag, filesOf(w.entry)]));
// Kept beside the files for the size check and the tests: what a page with each widget loads up front.
await writeFile(`${OUT}/loader-map.json`, JSON.stringify(loaderMap, null, 2));

// 2. The loader, with the map built in (no extra request for a manifest).
await build({
  configFile: 'vite.config.ts',
  logLevel: 'warn',
  define: { __LANTOA_MANIFEST__: JSON.stringify(loaderMap) },
  build: {
    outDir: OUT,
    emptyOutDir: false,
    modulePreload: false,
    rolldownOptions: {
      input: { loader: 'src/loader.ts' },
      output: { entryFileNames: '[name].js' },
    },
  },
});

// 3. One classic script with everything (dynamic imports inlined: a classic script cannot split).
await build({
  configFile: 'vite.config.ts',
  logLevel: 'warn',
  build: {
    outDir: OUT,
    emptyOutDir: false,
    lib: { entry: 'src/index.ts', name: 'Lantoa', formats: ['iife'], fileName: () => 'lantoa.iife.js' },
    rolldownOptions: { output: { codeSplitting: false } },
  },
});

console.log(`built ${OUT}: loader map ${JSON.stringify(loaderMap)}`);
