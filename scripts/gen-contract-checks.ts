/**
 * Writes the contract's fast checks (src/contract/checks.ts, src/contract/feed-checks.ts) from its zod schemas
 * (scripts/contract-checks.ts): `npm run contract:checks` after a schema changes. With `--check` it writes nothing
 * and fails when a file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CHECK_FILES, generateChecks } from './contract-checks.js';

for (const [file, checks] of Object.entries(CHECK_FILES)) {
  const text = generateChecks(checks);
  if (process.argv.includes('--check')) {
    if (readFileSync(file, 'utf8') !== text) {
      console.error(`${file} is stale: run npm run contract:checks`);
      process.exitCode = 1;
    }
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
}
