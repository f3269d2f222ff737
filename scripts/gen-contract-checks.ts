/**
 * Writes src/contract/checks.ts from the contract's zod schemas (scripts/contract-checks.ts): `npm run contract:checks`
 * after a schema changes. With `--check` it writes nothing and fails when the file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CHECKS_FILE, generateChecks } from './contract-checks.js';

const text = generateChecks();
if (process.argv.includes('--check')) {
  if (readFileSync(CHECKS_FILE, 'utf8') !== text) {
    console.error(`${CHECKS_FILE} is stale: run npm run contract:checks`);
    process.exit(1);
  }
} else {
  writeFileSync(CHECKS_FILE, text);
  console.log(`wrote ${CHECKS_FILE}`);
}
