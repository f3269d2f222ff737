/**
 * Rate limits: per client address, 429 with Retry-After, proxies trusted only when configured, bounded memory.
 * And what the connection guard tells a shutdown about the connections it waits for.
 */
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { ConnectionGuard } from '../../src/server/http/connections.js';
import { errorSchema } from '../../src/contract/pledge.js';
import { configFromEnv } from '../../src/server/config/config.js';
import { clientKey, RateLimiter } from '../../src/server/http/rate-limit.js';
import { newKey, postPledge, start, tempDir } from './helpers.js';

const pledge = () => ({ unit: 'ba-tri', choice: 'help-relative', key: newKey() });

describe('rate limits over HTTP', () => {
  it('pledges past the burst get 429 with Retry-After and a JSON error; reads have their own, looser bucket', async () => {
    const dir = tempDir();
    const service = await start(dir.path, {
      pledgeRate: { perMinute: 6, burst: 3 },
      readRate: { perMinute: 60, burst: 5 },
    });
    try {
      for (let i = 0; i < 3; i += 1) assert.equal((await postPledge(service.api, pledge())).status, 201);
      const limited = await postPledge(service.api, pledge());
      assert.equal(limited.status, 429);
      // 6 a minute: the next token comes within 10 s.
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 10, `Retry-After ${retryAfter}`);
      assert.equal(errorSchema.parse(await limited.json()).error.code, 'rate_limited');
      // Pledging is blocked, reading is not: separate buckets.
      for (let i = 0; i < 5; i += 1) assert.equal((await fetch(`${service.api}/counts`)).status, 200);
      assert.equal((await fetch(`${service.api}/counts`)).status, 429);
    } finally {
      await service.close();
      dir.remove();
    }
  });

  it('X-Forwarded-For is ignored by default and used when TRUST_PROXY is set', async () => {
    const dir = tempDir();
    const limits = { pledgeRate: { perMinute: 1, burst: 1 } };
    const direct = await start(dir.path, limits);
    try {
      assert.equal((await postPledge(direct.api, pledge(), { 'X-Forwarded-For': '203.0.113.1' })).status, 201);
      // A spoofed header does not buy a new bucket.
      assert.equal((await postPledge(direct.api, pledge(), { 'X-Forwarded-For': '203.0.113.2' })).status, 429);
    } finally {
      await direct.close();
    }
    const proxied = await start(dir.path, { ...limits, trustProxy: 1 });
    try {
      assert.equal((await postPledge(proxied.api, pledge(), { 'X-Forwarded-For': '203.0.113.1' })).status, 201);
      assert.equal((await postPledge(proxied.api, pledge(), { 'X-Forwarded-For': '203.0.113.2' })).status, 201);
      assert.equal((await postPledge(proxied.api, pledge(), { 'X-Forwarded-For': '203.0.113.1' })).status, 429);
      // A client-sent entry before the proxy's own is not trusted: the proxy appended the real address last.
      assert.equal(
        (await postPledge(proxied.api, pledge(), { 'X-Forwarded-For': '198.51.100.9, 203.0.113.2' })).status,
        429,
      );
    } finally {
      await proxied.close();
      dir.remove();
    }
  });
});

describe('RateLimiter', () => {
  it('allows the burst at once, then refills at the configured rate', () => {
    const limiter = new RateLimiter({ perMinute: 60, burst: 120, maxClients: 10 });
    const t0 = 1_000_000;
    for (let i = 0; i < 120; i += 1) assert.equal(limiter.take('venue', t0).ok, true, `pledge ${i}`);
    const refused = limiter.take('venue', t0);
    assert.deepEqual(refused, { ok: false, retryAfterSeconds: 1 });
    assert.equal(limiter.take('venue', t0 + 1000).ok, true, 'one a second at 60 a minute');
    assert.equal(limiter.take('venue', t0 + 1000).ok, false);
    assert.equal(limiter.take('other', t0).ok, true, 'another address has its own bucket');
  });

  it('the default lets a hundred people at one venue pledge in one go but caps a script', () => {
    const { pledgeRate } = configFromEnv({});
    const limiter = new RateLimiter({ ...pledgeRate, maxClients: 10 });
    let accepted = 0;
    // A script posting 50 a second for ten minutes from one address.
    for (let ms = 0; ms < 600_000; ms += 20) if (limiter.take('script', ms).ok) accepted += 1;
    assert.ok(accepted <= pledgeRate.burst + pledgeRate.perMinute * 10 + 1, `script got ${accepted}`);
    const venue = new RateLimiter({ ...pledgeRate, maxClients: 10 });
    for (let person = 0; person < 100; person += 1)
      assert.equal(venue.take('wifi', person * 50).ok, true, `person ${person}`);
  });

  it('keeps at most maxClients buckets, dropping the least recently seen', () => {
    const limiter = new RateLimiter({ perMinute: 60, burst: 1, maxClients: 100 });
    for (let i = 0; i < 10_000; i += 1) limiter.take(`10.0.${i >> 8}.${i & 255}`, 0);
    assert.equal(limiter.size, 100);
    assert.equal(limiter.take('10.0.39.15', 0).ok, false, 'a recent client is still limited');
  });
});

describe('clientKey', () => {
  it('uses the socket address unless proxies are trusted', () => {
    assert.equal(clientKey('127.0.0.1', '203.0.113.7', 0), '127.0.0.1');
    assert.equal(clientKey('::ffff:127.0.0.1', undefined, 0), '127.0.0.1');
    assert.equal(clientKey('10.0.0.2', '203.0.113.7', 1), '203.0.113.7');
    assert.equal(clientKey('10.0.0.2', '198.51.100.1, 203.0.113.7', 1), '203.0.113.7');
    assert.equal(clientKey('10.0.0.2', '198.51.100.1, 203.0.113.7', 2), '198.51.100.1');
  });

  it("takes a forwarded address only when it is one: garbage and long values share the proxy's key", () => {
    // Ports and brackets as some proxies write them; IPv6 by /64 as for sockets; any case.
    assert.equal(clientKey('10.0.0.2', '203.0.113.7:51234', 1), '203.0.113.7');
    assert.equal(clientKey('10.0.0.2', '[2001:DB8:1:2::5]:443', 1), '2001:db8:1:2::/64');
    assert.equal(clientKey('10.0.0.2', '2001:0db8:0001:0002:0000:0000:0000:0005', 1), '2001:db8:1:2::/64');
    assert.equal(clientKey('10.0.0.2', '::ffff:203.0.113.7', 1), '203.0.113.7');
    assert.equal(clientKey('10.0.0.2', '64:ff9b::203.0.113.7', 1), '64:ff9b:0:0::/64');
    for (const garbage of [
      'unknown',
      'x'.repeat(8192),
      '999.1.1.1',
      '203.0.113.7 evil',
      '<script>',
      '1.2.3',
      '',
      ' , ',
    ]) {
      assert.equal(clientKey('10.0.0.2', garbage, 1), '10.0.0.2', JSON.stringify(garbage.slice(0, 20)));
    }
    // Fewer entries than trusted proxies: the first one is the client's own word.
    assert.equal(clientKey('10.0.0.2', '203.0.113.7', 2), '10.0.0.2');
  });

  it('an 8 KB X-Forwarded-For costs the limiter a short key, not 8 KB a client', async () => {
    const dir = tempDir();
    const service = await start(dir.path, { trustProxy: 1, pledgeRate: { perMinute: 1, burst: 1 } });
    try {
      // Every made-up value lands in one bucket: the second is limited, however different.
      assert.equal(
        (await postPledge(service.api, pledge(), { 'X-Forwarded-For': `a${'x'.repeat(8000)}` })).status,
        201,
      );
      assert.equal(
        (await postPledge(service.api, pledge(), { 'X-Forwarded-For': `b${'y'.repeat(8000)}` })).status,
        429,
      );
      assert.equal((await postPledge(service.api, pledge(), { 'X-Forwarded-For': '203.0.113.9' })).status, 201);
    } finally {
      await service.close();
      dir.remove();
    }
    const limiter = new RateLimiter({ perMinute: 60, burst: 10, maxClients: 1000 });
    for (let i = 0; i < 1000; i += 1) limiter.take(clientKey('10.0.0.2', `${i}-${'z'.repeat(8000)}`, 1), 0);
    assert.equal(limiter.size, 1);
  });

  it('groups IPv6 clients by /64', () => {
    assert.equal(clientKey('2001:db8:1:2:aaaa::1', undefined, 0), '2001:db8:1:2::/64');
    assert.equal(clientKey('2001:db8:1:2:bbbb:cccc:dddd:eeee', undefined, 0), '2001:db8:1:2::/64');
    assert.notEqual(clientKey('2001:db8:1:3::1', undefined, 0), '2001:db8:1:2::/64');
    assert.equal(clientKey('::1', undefined, 0), '0:0:0:0::/64');
  });
});

describe('ConnectionGuard.busyRequests', () => {
  it('names the requests still being answered (method and path, no query), not the idle keep-alive connections', async () => {
    const held: ServerResponse[] = [];
    const server = createServer((request, response) => {
      if (request.url?.startsWith('/slow')) held.push(response);
      else response.end('ok');
    });
    const guard = new ConnectionGuard({ maxConnections: 100, maxConnectionsPerAddress: 100 });
    guard.attach(server);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      assert.equal(await (await fetch(`${base}/quick`)).text(), 'ok'); // leaves an idle keep-alive connection
      const slow = fetch(`${base}/slow/stream?unit=secret`).catch(() => undefined);
      const end = Date.now() + 5000;
      while (held.length === 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(guard.busyRequests(), ['GET /slow/stream']);
      held[0].end('done');
      assert.equal(await (await slow)?.text(), 'done');
      const settled = Date.now() + 5000;
      while (guard.busyRequests().length > 0 && Date.now() < settled)
        await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(guard.busyRequests(), []);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
