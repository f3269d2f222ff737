/**
 * The size check's console part (scripts/console-size.ts): it passes on clean public files and fails when a public
 * file carries console code, by its text or by a module its manifest lists, or when the console is over budget.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { checkConsole } from '../../scripts/console-size.js';

const root = mkdtempSync(join(tmpdir(), 'lantoa-console-size-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A dist/lantoa and a dist/console with the given files. */
function dist(publicFiles: Record<string, string>, consoleScript = 'console.log(1)') {
  const dir = mkdtempSync(join(root, 'dist-'));
  mkdirSync(join(dir, 'lantoa'));
  mkdirSync(join(dir, 'console', 'assets'), { recursive: true });
  for (const [name, text] of Object.entries(publicFiles)) writeFileSync(join(dir, 'lantoa', name), text);
  writeFileSync(join(dir, 'console', 'assets', 'index-AAAAAAAA.js'), consoleScript);
  writeFileSync(
    join(dir, 'console', 'manifest.json'),
    JSON.stringify({ 'index.html': { file: 'assets/index-AAAAAAAA.js', isEntry: true } }),
  );
  return [join(dir, 'lantoa'), join(dir, 'console')] as const;
}

const quiet = <T>(run: () => T): T => {
  const { log, error } = console;
  console.log = console.error = () => {};
  try {
    return run();
  } finally {
    Object.assign(console, { log, error });
  }
};

test('clean public files pass', () => {
  const dirs = dist({
    'banner.js': 'fetch("/api/v1/campaigns/x/feed")',
    'widgets-manifest.json': '{"src/widgets/banner/banner.ts":{}}',
  });
  assert.equal(
    quiet(() => checkConsole(...dirs)),
    true,
  );
});

test('a public file with the admin API path or a console element fails', () => {
  assert.equal(
    quiet(() => checkConsole(...dist({ 'shared-x.js': 'fetch("/api/v1/admin/session")' }))),
    false,
  );
  assert.equal(
    quiet(() => checkConsole(...dist({ 'banner.js': 'customElements.get("lantoa-console")' }))),
    false,
  );
});

test('a public manifest listing a console module fails, whatever the file says', () => {
  const manifest = JSON.stringify({ '../console/api.ts': { file: 'api-x.js' } });
  assert.equal(
    quiet(() => checkConsole(...dist({ 'widgets-manifest.json': manifest }))),
    false,
  );
  const contract = JSON.stringify({ 'src/contract/admin.ts': { file: 'admin-x.js' } });
  assert.equal(
    quiet(() => checkConsole(...dist({ 'banner.manifest.json': contract }))),
    false,
  );
});

test('a console over its budget fails', () => {
  const random = Array.from({ length: 200_000 }, (_, i) => ((i * 2654435761) % 4294967296).toString(36)).join('');
  assert.equal(
    quiet(() => checkConsole(...dist({}, random))),
    false,
  );
});
