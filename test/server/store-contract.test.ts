/**
 * The RecordStore contract, one suite run against both stores: the SQLite file (always) and PostgreSQL
 * (a fresh database on TEST_DATABASE_URL; skipped, saying so, when it is not set). What the service relies
 * on: a key counts once per kind and scope, concurrent repeats included; commit listeners see exactly the
 * new records before add() resolves; tallies, quiz sums and daily rows read back what was stored; all of
 * it survives closing and opening again; a closed store refuses records.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PostgresStore } from '../../src/server/store/postgres/postgres-store.js';
import { SqliteStore } from '../../src/server/store/sqlite-store.js';
import type { NewPledge, NewQuizResult, NewRecord, RecordStore } from '../../src/server/store/store.js';
import { freshDatabase, SKIP_POSTGRES } from '../helpers/postgres.js';
import { CAMPAIGN, newKey, QUIZ, tempDir } from './helpers.js';

interface Subject {
  /** Opens the store on the same data (a second call: after a close, as a restart would). */
  open(): Promise<RecordStore>;
  cleanup(): Promise<void>;
}

const kinds: { name: string; skip: false | string; subject: () => Promise<Subject> }[] = [
  {
    name: 'SQLite',
    skip: false,
    subject: async () => {
      const dir = tempDir();
      return { open: () => SqliteStore.open(join(dir.path, 'pledges.sqlite')), cleanup: async () => dir.remove() };
    },
  },
  {
    name: 'PostgreSQL',
    skip: SKIP_POSTGRES,
    subject: async () => {
      const database = await freshDatabase();
      return { open: () => PostgresStore.open(database.url), cleanup: database.drop };
    },
  },
];

const pledge = (key: string, fields: Partial<NewPledge> = {}): NewPledge => ({
  kind: 'pledge',
  campaign: CAMPAIGN,
  unit: 'ba-tri',
  choice: 'smartphone',
  key,
  createdAt: '2026-12-07T10:00:00.000Z',
  ...fields,
});
const result = (key: string, fields: Partial<NewQuizResult> = {}): NewQuizResult => ({
  kind: 'quiz-result',
  quiz: QUIZ,
  unit: 'ba-tri',
  score: 2,
  total: 3,
  key,
  createdAt: '2026-12-07T10:00:00.000Z',
  ...fields,
});

for (const kind of kinds) {
  describe(`RecordStore contract: ${kind.name}`, { skip: kind.skip }, () => {
    let subject: Subject;
    let store: RecordStore;
    before(async () => {
      subject = await kind.subject();
      store = await subject.open();
    });
    after(async () => {
      await store?.close();
      await subject?.cleanup();
    });

    it('a key counts once per kind and scope: 201 then repeats, other scopes and kinds apart', async () => {
      const key = newKey();
      assert.equal(await store.add(pledge(key)), true);
      assert.equal(await store.add(pledge(key, { unit: 'giong-trom' })), false, 'a repeat with other fields');
      assert.equal(await store.add(pledge(key, { campaign: 'other-campaign' })), true, 'another campaign');
      assert.equal(await store.add(result(key)), true, 'a quiz result with the same key');
      assert.equal(await store.add(result(key, { score: 3 })), false);
      assert.equal(store.healthy, true);
    });

    it('the same key sent many times at once counts once; listeners see only new records, before add() resolves', async () => {
      const seen: NewRecord[] = [];
      const stop = store.onCommit((records) => seen.push(...records));
      try {
        const key = newKey();
        const fresh = Array.from({ length: 20 }, () => newKey());
        const answers = await Promise.all([
          ...Array.from({ length: 10 }, () => store.add(pledge(key, { campaign: 'burst' }))),
          ...fresh.map((other) =>
            store.add(pledge(other, { campaign: 'burst' })).then((created) => {
              assert.ok(
                seen.some((record) => record.key === other),
                'the listener saw the record before its add() resolved',
              );
              return created;
            }),
          ),
        ]);
        assert.equal(answers.slice(0, 10).filter(Boolean).length, 1, 'one of the ten repeats is new');
        assert.deepEqual(
          answers.slice(10),
          fresh.map(() => true),
        );
        assert.equal(seen.filter((record) => record.key === key).length, 1);
        assert.equal(seen.length, 21);
      } finally {
        stop();
      }
    });

    it('tallies, quiz sums and daily rows (Vietnam days) read back what was stored', async () => {
      const campaign = 'tallied';
      await store.add(pledge(newKey(), { campaign, createdAt: '2026-12-06T16:59:59.999Z' })); // 23:59 in Vietnam
      await store.add(pledge(newKey(), { campaign, createdAt: '2026-12-06T17:00:00.000Z' })); // next day there
      await store.add(pledge(newKey(), { campaign, unit: 'giong-trom', choice: 'internet' }));
      const tally = await store.tally(campaign);
      const rows = [...tally.rows].sort((a, b) => (a.unit + a.choice < b.unit + b.choice ? -1 : 1));
      assert.deepEqual(rows, [
        { unit: 'ba-tri', choice: 'smartphone', count: 2 },
        { unit: 'giong-trom', choice: 'internet', count: 1 },
      ]);
      assert.equal(tally.lastAt, '2026-12-07T10:00:00.000Z');
      assert.deepEqual(await store.tally('no-such-campaign'), { rows: [], lastAt: null });
      assert.deepEqual(await store.daily(campaign), [
        { day: '2026-12-06', unit: 'ba-tri', choice: 'smartphone', count: 1 },
        { day: '2026-12-07', unit: 'ba-tri', choice: 'smartphone', count: 1 },
        { day: '2026-12-07', unit: 'giong-trom', choice: 'internet', count: 1 },
      ]);

      const quiz = 'tallied-quiz';
      await store.add(result(newKey(), { quiz, score: 1, total: 3, createdAt: '2026-12-07T11:00:00.000Z' }));
      await store.add(result(newKey(), { quiz, score: 2, total: 3 }));
      await store.add(result(newKey(), { quiz, unit: 'giong-trom', score: 5, total: 5 }));
      const quizTally = await store.quizTally(quiz);
      const quizRows = [...quizTally.rows].sort((a, b) => (a.unit < b.unit ? -1 : 1));
      // 1/3 and 2/3 in billionths, rounded half up: 333333333 + 666666667.
      assert.deepEqual(quizRows, [
        { unit: 'ba-tri', participants: 2, scoreNanos: 1_000_000_000 },
        { unit: 'giong-trom', participants: 1, scoreNanos: 1_000_000_000 },
      ]);
      assert.equal(quizTally.lastAt, '2026-12-07T11:00:00.000Z');
    });

    it('kept across a close and an open: tallies and keys; a closed store refuses records', async () => {
      const campaign = 'kept';
      const key = newKey();
      assert.equal(await store.add(pledge(key, { campaign })), true);
      await store.close();
      await assert.rejects(store.add(pledge(newKey(), { campaign })));
      store = await subject.open();
      assert.deepEqual((await store.tally(campaign)).rows, [{ unit: 'ba-tri', choice: 'smartphone', count: 1 }]);
      assert.equal(await store.add(pledge(key, { campaign })), false, 'the key is still known');
    });
  });
}
