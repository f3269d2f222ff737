/**
 * `npx tsx scripts/bench-daily.ts [ROWS]`: what the console's daily results (RecordStore.daily) cost at
 * ROWS pledges (default 1,000,000) in a temporary pledges.sqlite: 90% in one campaign, 10% in another,
 * 150 units, 3 choices, over 60 days. Measures the first request after a start (the whole table, read a
 * slice at a time), how long commits made meanwhile waited, and later requests (the rows added since);
 * beside it, the same tally as one query (what one request would cost without slices). Prints a table.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/server/store/sqlite-store.js';
import { DAILY_PLEDGES, TABLES } from '../src/server/store/sqlite-tables.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'lantoa-bench-daily-'));
const file = join(dir, 'pledges.sqlite');
const DAY_MS = 86_400_000;
const start = Date.parse('2026-09-01T00:00:00.000Z');

function fill(): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(TABLES.pledge.schema);
  const insert = db.prepare(TABLES.pledge.insert);
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const at = new Date(start + Math.floor((i / rows) * 60 * DAY_MS)).toISOString();
      insert.run(i % 10 === 0 ? 'small' : 'large', `unit-${i % 150}`, `choice-${i % 3}`, `key-${i}-bench-daily`, at);
    }
  })();
  db.close();
}

/** One query over the whole table, the way a request would read it without slices. */
function oneQuery(campaign: string): number {
  const db = new Database(file, { readonly: true });
  const t = performance.now();
  db.prepare(DAILY_PLEDGES).all(0, Number.MAX_SAFE_INTEGER, campaign);
  const ms = performance.now() - t;
  db.close();
  return ms;
}

/** The first daily() of `campaign` after a start, with pledges committed one after the other meanwhile. */
async function firstRequest(campaign: string) {
  const store = await SqliteStore.open(file);
  const waits: number[] = [];
  let done = false;
  let key = 0;
  const t = performance.now();
  const running = store.daily(campaign).then((result) => ((done = true), result));
  while (!done) {
    const s = performance.now();
    await store.add({
      kind: 'pledge',
      campaign: 'large',
      unit: 'unit-1',
      choice: 'choice-1',
      key: `meanwhile-${campaign}-${key++}-bench`,
      createdAt: new Date().toISOString(),
    });
    waits.push(performance.now() - s);
  }
  await running;
  const firstMs = performance.now() - t;
  let s = performance.now();
  await store.daily(campaign);
  const nothingNewMs = performance.now() - s;
  await Promise.all(
    Array.from({ length: 1000 }, (_, i) =>
      store.add({
        kind: 'pledge',
        campaign,
        unit: 'unit-2',
        choice: 'choice-2',
        key: `after-${campaign}-${i}-bench`,
        createdAt: new Date().toISOString(),
      }),
    ),
  );
  s = performance.now();
  await store.daily(campaign);
  const after1000Ms = performance.now() - s;
  await store.close();
  return { firstMs, maxWait: Math.max(...waits), commits: waits.length, nothingNewMs, after1000Ms };
}

try {
  fill();
  console.log(
    `| campaign (of ${rows.toLocaleString('en')} pledges) | first request | commits meanwhile | longest commit wait | nothing new | 1,000 new | one query |`,
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const campaign of ['large', 'small']) {
    const single = oneQuery(campaign);
    const r = await firstRequest(campaign);
    console.log(
      `| ${campaign} | ${r.firstMs.toFixed(0)} ms | ${r.commits} | ${r.maxWait.toFixed(0)} ms | ${r.nothingNewMs.toFixed(1)} ms | ${r.after1000Ms.toFixed(1)} ms | ${single.toFixed(0)} ms |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
