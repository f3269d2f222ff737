/**
 * The console's part of the size check (scripts/size-check.ts): no public file (dist/lantoa) carries console
 * code, by the modules its manifests list and by the console's own markers in every file's text; and the
 * console's own size (dist/console), first load and lazy parts. Returns false when a check failed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Manifest } from 'vite';

const KB = 1024;
/** What the console's first load (document's script, its static imports, its CSS) may weigh, gzip -9. */
const CONSOLE_BUDGET = 64 * KB;

/** Console modules, by the source path a manifest keys them with. */
const CONSOLE_MODULE = /(^|\/)console\/.*\.ts$|(^|\/)contract\/admin\.ts$/;
/** Text only console code contains: its element names, the admin API's prefix, the session cookie's name. */
const CONSOLE_MARKERS = ['lantoa-console', '/api/v1/admin', 'lantoa_session'];

export function checkConsole(PUBLIC = 'dist/lantoa', CONSOLE = 'dist/console'): boolean {
  let ok = true;
  const fail = (message: string) => {
    console.error(`OVER  ${message}`);
    ok = false;
  };

  for (const file of readdirSync(PUBLIC)) {
    const text = readFileSync(`${PUBLIC}/${file}`, 'utf8');
    if (file.endsWith('manifest.json'))
      for (const key of Object.keys(JSON.parse(text) as Manifest))
        if (CONSOLE_MODULE.test(key)) fail(`${PUBLIC}/${file} lists the console module ${key}`);
    if (file.endsWith('.map')) continue; // a map names every source it came from; the code is what runs
    for (const marker of CONSOLE_MARKERS)
      if (text.includes(marker)) fail(`${PUBLIC}/${file} contains console code ("${marker}")`);
  }
  if (ok) console.log(`   ok              no file of ${PUBLIC} imports or contains console code`);

  if (!existsSync(`${CONSOLE}/manifest.json`)) {
    fail(`${CONSOLE} is not built (npm run build)`);
    return ok;
  }
  const manifest = JSON.parse(readFileSync(`${CONSOLE}/manifest.json`, 'utf8')) as Manifest;
  const gz = (file: string) => gzipSync(readFileSync(`${CONSOLE}/${file}`), { level: 9 }).length;
  const first = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || first.has(chunk.file)) return;
    first.add(chunk.file);
    chunk.css?.forEach((css) => first.add(css));
    chunk.imports?.forEach(visit);
  };
  visit('index.html');
  const firstBytes = [...first].reduce((sum, file) => sum + gz(file), 0);
  const lazy = Object.values(manifest)
    .map((chunk) => chunk.file)
    .filter((file) => !first.has(file));
  const lazyBytes = lazy.reduce((sum, file) => sum + gz(file), 0);
  const over = firstBytes > CONSOLE_BUDGET;
  console.log(
    `${(firstBytes / KB).toFixed(2).padStart(7)} KB  ${`${(CONSOLE_BUDGET / KB).toFixed(1)} KB`.padStart(10)}  ${over ? 'OVER ' : ''}console at /admin/: first load (${[...first].join(', ')})`,
  );
  console.log(
    `${(lazyBytes / KB).toFixed(2).padStart(7)} KB           -  console: lazy parts (chart.js for results, validation, CSV reader): ${lazy.length} files`,
  );
  if (over) ok = false;
  return ok;
}
