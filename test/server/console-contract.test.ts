/**
 * The console's data contract, one suite run against both stores: console.sqlite (always) and PostgreSQL
 * (a fresh database on TEST_DATABASE_URL; skipped, saying so, when it is not set), as store-contract.test.ts
 * does for the records. What the service relies on: accounts and sessions (the token stored as its SHA-256
 * only; 8 h idle, sliding, `last_seen` written at most once a minute; 7 days absolute; ended by a password
 * change and by the account's removal), the audit log (ordered by id, paged), and the sites reached
 * (counters added up, also by two writers on one store, as two instances are). Two objects on one store
 * stand for two instances: what one writes, the other reads.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addAccount, removeAccount } from '../../src/server/admin/account-changes.js';
import { ABSOLUTE_MS, IDLE_MS, tokenHash } from '../../src/server/admin/accounts.js';
import { ACCOUNT_TABLES, AUDIT_TABLES, adminStores, Accounts, AuditLog } from '../../src/server/admin/admin-api.js';
import { SITES_TABLES, SiteReach } from '../../src/server/campaigns/reach.js';
import { openConsoleSql } from '../../src/server/store/console-open.js';
import type { ConsoleSql } from '../../src/server/store/console-sql.js';
import { freshDatabase, SKIP_POSTGRES } from '../helpers/postgres.js';
import { tempDir } from './helpers.js';

interface Subject {
  /** Opens the store on the same data (again after a close, as a restart or another instance would). */
  open(): Promise<ConsoleSql>;
  cleanup(): Promise<void>;
}

const TABLES = [ACCOUNT_TABLES, AUDIT_TABLES, SITES_TABLES];

const kinds: { name: string; skip: false | string; subject: () => Promise<Subject> }[] = [
  {
    name: 'SQLite',
    skip: false,
    subject: async () => {
      const dir = tempDir();
      return { open: () => openConsoleSql({ dataDir: dir.path }, TABLES), cleanup: async () => dir.remove() };
    },
  },
  {
    name: 'PostgreSQL',
    skip: SKIP_POSTGRES,
    subject: async () => {
      const database = await freshDatabase();
      return { open: () => openConsoleSql({ dataDir: '', databaseUrl: database.url }, TABLES), cleanup: database.drop };
    },
  },
];

const PASSWORD = 'mật khẩu đủ dài 2026';
const T0 = Date.parse('2026-10-10T01:00:00.000Z');

for (const kind of kinds) {
  describe(`console data contract: ${kind.name}`, { skip: kind.skip }, () => {
    let subject: Subject;
    /** Two connections to one store: instance A and instance B. */
    let a: ConsoleSql;
    let b: ConsoleSql;
    const clock = { now: T0 };
    const now = () => clock.now;
    before(async () => {
      subject = await kind.subject();
      a = await subject.open();
      b = await subject.open();
    });
    after(async () => {
      await a?.close();
      await b?.close();
      await subject?.cleanup();
    });

    /** last_seen of the session of `token`, as stored. */
    const lastSeen = async (token: string) => {
      const sql = `SELECT last_seen FROM sessions WHERE token_hash = ${a.dialect === 'sqlite' ? '?' : '$1'}`;
      const rows = await a.all<{ last_seen: number | string }>(sql, [tokenHash(token)]);
      return rows.length === 0 ? undefined : Number(rows[0].last_seen);
    };

    it('accounts: added once per name, listed by name, role changed, removed; the password only as a hash', async () => {
      const accounts = new Accounts(a, now);
      assert.deepEqual(await accounts.add('tuan', 'editor', PASSWORD), {
        name: 'tuan',
        role: 'editor',
        createdAt: '2026-10-10T01:00:00.000Z',
      });
      assert.equal(await accounts.add('tuan', 'admin', PASSWORD), undefined, 'the name is taken');
      assert.ok(await accounts.add('an', 'admin', PASSWORD));
      const other = new Accounts(b, now);
      assert.deepEqual(
        (await other.list()).map((user) => `${user.name}:${user.role}`),
        ['an:admin', 'tuan:editor'],
        'the other instance lists them, by name',
      );
      const stored = await other.get('tuan');
      assert.ok(stored && stored.passwordHash !== PASSWORD && !stored.passwordHash.includes(PASSWORD));
      assert.equal(await other.setRole('tuan', 'admin'), true);
      assert.equal((await accounts.get('tuan'))?.role, 'admin');
      assert.equal(await accounts.setRole('nobody', 'admin'), false);
      assert.equal(await other.remove('an'), true);
      assert.equal(await accounts.remove('an'), false);
      assert.equal(await accounts.get('an'), undefined);
    });

    it('sessions: the token stored as SHA-256 only; started on A, valid on B with the current role; ended on B, gone on A', async () => {
      const onA = new Accounts(a, now);
      const onB = new Accounts(b, now);
      await onA.add('mai', 'editor', PASSWORD);
      const { token, session } = await onA.startSession({ name: 'mai', role: 'editor' });
      assert.equal(session.id, tokenHash(token));
      const stored = await b.all<Record<string, unknown>>('SELECT * FROM sessions');
      assert.ok(stored.some((row) => row.token_hash === tokenHash(token)));
      assert.ok(!JSON.stringify(stored).includes(token), 'the token itself is nowhere in the table');
      assert.deepEqual((await onB.session(token))?.user, { name: 'mai', role: 'editor' });
      await onA.setRole('mai', 'admin');
      assert.equal((await onB.session(token))?.user.role, 'admin', 'the role as it is now, not at sign-in');
      assert.equal(await onB.session('x'.repeat(43)), undefined);
      await onB.endSession(session.id);
      assert.equal(await onA.session(token), undefined);
    });

    it('sessions: 8 h idle, sliding, last_seen written at most once a minute; 7 days absolute', async () => {
      clock.now = T0;
      const onA = new Accounts(a, now);
      const onB = new Accounts(b, now);
      await onA.add('lan', 'admin', PASSWORD);
      const { token } = await onA.startSession({ name: 'lan', role: 'admin' });
      clock.now = T0 + 30_000;
      assert.ok(await onB.session(token));
      assert.equal(await lastSeen(token), T0, 'not written within the minute');
      clock.now = T0 + 61_000;
      const slid = await onB.session(token);
      assert.equal(await lastSeen(token), T0 + 61_000, 'written after a minute');
      assert.equal(slid?.idleExpiresAt, new Date(T0 + 61_000 + IDLE_MS).toISOString());
      assert.equal(slid?.expiresAt, new Date(T0 + ABSOLUTE_MS).toISOString());
      clock.now = T0 + 61_000 + IDLE_MS - 1;
      assert.ok(await onA.session(token), 'idle for just under 8 h: alive, and slid again');
      clock.now += IDLE_MS;
      assert.equal(await onA.session(token), undefined, 'idle for 8 h: ended');
      assert.equal(await lastSeen(token), undefined, 'and deleted');

      clock.now = T0;
      const second = await onA.startSession({ name: 'lan', role: 'admin' });
      // Used every 7 h: never idle, yet ended 7 days after sign-in.
      while (clock.now + 7 * 3_600_000 < T0 + ABSOLUTE_MS) {
        clock.now += 7 * 3_600_000;
        assert.ok(await onB.session(second.token), `alive at ${new Date(clock.now).toISOString()}`);
      }
      clock.now = T0 + ABSOLUTE_MS;
      assert.equal(await onB.session(second.token), undefined, '7 days after sign-in: ended');
      clock.now = T0;
    });

    it('sessions end on a password change (that account only) and on removal; a new sign-in sweeps ended ones', async () => {
      clock.now = T0;
      const onA = new Accounts(a, now);
      const onB = new Accounts(b, now);
      await onA.add('vy', 'editor', PASSWORD);
      await onA.add('khoa', 'editor', PASSWORD);
      const vy = await onA.startSession({ name: 'vy', role: 'editor' });
      const vy2 = await onB.startSession({ name: 'vy', role: 'editor' });
      const khoa = await onA.startSession({ name: 'khoa', role: 'editor' });
      const kept = (await onB.get('vy'))?.passwordHash;
      assert.ok(kept);
      assert.equal(await onB.storeHash('vy', kept, false), true, 'a hash stored without ending sessions');
      assert.ok(await onA.session(vy.token));
      assert.equal(await onB.setPassword('vy', 'một mật khẩu mới 2026'), true);
      assert.equal(await onA.session(vy.token), undefined);
      assert.equal(await onA.session(vy2.token), undefined);
      assert.ok(await onA.session(khoa.token), "another account's session stays");
      assert.equal(await onA.setPassword('nobody', PASSWORD), false);
      assert.equal(await onB.remove('khoa'), true);
      assert.equal(await onA.session(khoa.token), undefined, 'removed with its account');

      const old = await onA.startSession({ name: 'vy', role: 'editor' });
      clock.now = T0 + IDLE_MS;
      await onB.startSession({ name: 'vy', role: 'editor' });
      assert.equal(await lastSeen(old.token), undefined, 'the idle one was swept at the next sign-in');
      clock.now = T0;
    });

    it('audit: ordered by id, newest first, paged with next; before and after read back as written; one log for both', async () => {
      clock.now = T0;
      const onA = new AuditLog(a, now);
      const onB = new AuditLog(b, now);
      for (let i = 1; i <= 5; i += 1) {
        clock.now = T0 + i * 1000;
        await (i % 2 ? onA : onB).record({
          user: i % 2 ? 'lan' : 'mai',
          action: 'campaign.texts',
          target: `c${i}`,
          before: i === 1 ? null : { title: { vi: `Tiêu đề ${i - 1}` }, n: i - 1 },
          after: { title: { vi: `Tiêu đề ${i}` }, n: i, list: [1, 'hai', null] },
        });
      }
      const first = await onA.page(undefined, 2);
      assert.deepEqual(
        first.entries.map((entry) => entry.target),
        ['c5', 'c4'],
      );
      assert.ok(first.entries[0].id > first.entries[1].id);
      assert.equal(first.next, first.entries[1].id);
      const second = await onB.page(first.next ?? undefined, 2);
      assert.deepEqual(
        second.entries.map((entry) => entry.target),
        ['c3', 'c2'],
      );
      const last = await onA.page(second.next ?? undefined, 2);
      assert.deepEqual(
        last.entries.map((entry) => entry.target),
        ['c1'],
      );
      assert.equal(last.next, null, 'no more');
      const [c4] = first.entries;
      assert.deepEqual(
        { ...first.entries[1], id: 0 },
        {
          id: 0,
          at: new Date(T0 + 4000).toISOString(),
          user: 'mai',
          action: 'campaign.texts',
          target: 'c4',
          before: { title: { vi: 'Tiêu đề 3' }, n: 3 },
          after: { title: { vi: 'Tiêu đề 4' }, n: 4, list: [1, 'hai', null] },
        },
      );
      assert.equal(typeof c4.id, 'number');
      assert.equal(last.entries[0].before, null);
      assert.deepEqual(await onB.page(undefined, 200), await onA.page(undefined, 200), 'the same list on both');
      clock.now = T0;
    });

    it('account changes audited through the shared helpers land in the one log', async () => {
      const onB = adminStores(b, now);
      await addAccount(onB, 'cli', 'hoa', 'editor', PASSWORD);
      await removeAccount(onB, 'cli', 'hoa');
      const { entries } = await new AuditLog(a, now).page(undefined, 2);
      assert.deepEqual(
        entries.map(({ action, target, before: was, after: is }) => ({ action, target, was, is })),
        [
          { action: 'user.remove', target: 'hoa', was: { role: 'editor' }, is: null },
          { action: 'user.add', target: 'hoa', was: null, is: { role: 'editor' } },
        ],
      );
    });

    it('sites: two writers add to the same rows (counters summed, first and last seen kept), read back newest first', async () => {
      const site = 'https://doanthanhnien.bentre.gov.vn';
      const other = 'http://localhost:8080';
      const at = { now: T0 };
      const options = { flushMs: 0, now: () => at.now };
      const onA = await SiteReach.open(a, options);
      const onB = await SiteReach.open(b, options);
      onA.seen('sites-c', site, 'read');
      at.now = T0 + 60_000;
      onB.seen('sites-c', site, 'read');
      onB.seen('sites-c', site, 'pledge');
      at.now = T0 + 120_000;
      onA.seen('sites-c', other, 'read');
      await Promise.all([onA.flush(), onB.flush()]);
      await onB.flush(); // nothing new: must not add the same figures twice
      const expected = [
        {
          origin: other,
          firstSeen: '2026-10-10T01:02:00.000Z',
          lastSeen: '2026-10-10T01:02:00.000Z',
          reads: 1,
          pledges: 0,
        },
        {
          origin: site,
          firstSeen: '2026-10-10T01:00:00.000Z',
          lastSeen: '2026-10-10T01:01:00.000Z',
          reads: 2,
          pledges: 1,
        },
      ];
      assert.deepEqual(await onA.sites('sites-c'), expected);
      assert.deepEqual(await onB.sites('sites-c'), expected);
      at.now = T0 + 180_000;
      onB.seen('sites-c', site, 'read');
      assert.deepEqual(
        (await onB.sites('sites-c')).map(({ origin, reads }) => ({ origin, reads })),
        [
          { origin: site, reads: 3 },
          { origin: other, reads: 1 },
        ],
        'stored and not yet flushed, merged; the most recently seen first',
      );
      await onB.close();
      await onA.close();
      const reopened = await SiteReach.open(a, { ...options, maxOriginsPerCampaign: 2 });
      reopened.seen('sites-c', 'https://new.example.vn', 'read');
      assert.deepEqual(
        (await reopened.sites('sites-c')).map(({ origin, reads }) => ({ origin, reads })),
        [
          { origin: site, reads: 3 },
          { origin: other, reads: 1 },
        ],
        'the stored sites count toward the maximum; the rest was stored at close',
      );
      await reopened.close();
    });

    it('kept across a close and an open', async () => {
      await b.close();
      b = await subject.open();
      assert.ok(await new Accounts(b, now).get('tuan'));
      assert.equal((await new AuditLog(b, now).page(undefined, 200)).entries.length, 7);
      const reach = await SiteReach.open(b, { flushMs: 0 });
      assert.equal((await reach.sites('sites-c')).length, 2);
      await reach.close();
    });
  });
}
