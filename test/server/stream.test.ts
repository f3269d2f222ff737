/** The live stream: Server-Sent Events with the counts, coalesced, with a heartbeat. */
import { createAdaptorServer, type HttpBindings } from '@hono/node-server';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { COUNTS_EVENT, countsSchema } from '../../src/contract/pledge.js';
import { join } from 'node:path';
import { loadCampaigns } from '../../src/server/campaigns/campaigns.js';
import { CampaignCounts } from '../../src/server/campaigns/counts.js';
import { StreamHub } from '../../src/server/http/stream.js';
import { ALLOWED_ORIGIN, CAMPAIGN, newKey, openStream, postPledge, ROOT, start, startTemp, stopTemp, tempDir, type TestService } from './helpers.js';

let service: TestService;

before(async () => (service = await startTemp({ coalesceMs: 200, heartbeatMs: 300, pledgeRate: { perMinute: 1e6, burst: 1e6 } })));
after(() => stopTemp(service));

const totalOf = (data: string) => countsSchema.parse(JSON.parse(data)).total;

describe('stream', () => {
  it('sends the counts at once, then every client sees a new pledge', async () => {
    const a = await openStream(`${service.api}/stream`, { Origin: ALLOWED_ORIGIN });
    const b = await openStream(`${service.api}/stream`);
    try {
      assert.equal(a.response.status, 200);
      assert.match(a.response.headers.get('content-type') ?? '', /^text\/event-stream/);
      assert.equal(a.response.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
      await a.until(() => a.events.length === 1);
      await b.until(() => b.events.length === 1);
      assert.equal(a.events[0].event, COUNTS_EVENT);
      const before = totalOf(a.events[0].data);

      assert.equal((await postPledge(service.api, { unit: 'mo-cay-bac', choice: 'smartphone', key: newKey() })).status, 201);
      for (const client of [a, b]) {
        await client.until(() => client.events.length === 2);
        assert.equal(totalOf(client.events[1].data), before + 1);
        assert.equal(countsSchema.parse(JSON.parse(client.events[1].data)).units.find((unit) => unit.id === 'mo-cay-bac')?.count, 1);
      }
      // The event id is the counts' ETag: the same one GET /counts gives now.
      assert.equal(a.events[1].id, (await fetch(`${service.api}/counts`)).headers.get('etag'));
    } finally {
      a.close();
      b.close();
    }
  });

  it('coalesces a burst: 40 pledges arrive in a few events, the last one with every pledge', async () => {
    const client = await openStream(`${service.api}/stream`);
    try {
      await client.until(() => client.events.length === 1);
      const before = totalOf(client.events[0].data);
      await Promise.all(Array.from({ length: 40 }, () => postPledge(service.api, { unit: 'ba-tri', choice: 'help-relative', key: newKey() })));
      await client.until(() => totalOf(client.events[client.events.length - 1].data) === before + 40);
      const sent = client.events.length - 1;
      assert.ok(sent >= 1 && sent <= 5, `${sent} events for 40 pledges`);
    } finally {
      client.close();
    }
  });

  it('sends a heartbeat comment while nothing changes', async () => {
    const client = await openStream(`${service.api}/stream`);
    try {
      await client.until(() => client.comments.includes('heartbeat'), 2000);
    } finally {
      client.close();
    }
  });

  it('503 with Retry-After past MAX_STREAMS open streams', async () => {
    const other = tempDir();
    const small = await start(other.path, { maxStreams: 1 });
    const first = await openStream(`${small.api}/stream`);
    try {
      await first.until(() => first.events.length === 1);
      const second = await fetch(`${small.api}/stream`);
      assert.equal(second.status, 503);
      assert.ok(Number(second.headers.get('retry-after')) > 0);
      assert.equal(((await second.json()) as { error: { code: string } }).error.code, 'unavailable');
    } finally {
      first.close();
      await small.close();
      other.remove();
    }
  });

  it('HEAD gives the stream\'s headers without holding one of the MAX_STREAMS', async () => {
    const other = tempDir();
    const small = await start(other.path, { maxStreams: 1 });
    try {
      for (let i = 0; i < 2; i += 1) {
        const head = await fetch(`${small.api}/stream`, { method: 'HEAD' });
        assert.equal(head.status, 200);
        assert.match(head.headers.get('content-type') ?? '', /^text\/event-stream/);
      }
      const stream = await openStream(`${small.api}/stream`);
      try {
        assert.equal(stream.response.status, 200);
        await stream.until(() => stream.events.length === 1);
      } finally {
        stream.close();
      }
    } finally {
      await small.close();
      other.remove();
    }
  });

  it('drops a client that does not read once about 16 KB of events wait for it, and frees its place', async () => {
    // In process, so nothing reads the Response body: what the socket would not take piles up in the stream.
    const entry = loadCampaigns(join(ROOT, 'campaigns/campaigns.json')).get(CAMPAIGN);
    assert.ok(entry);
    const counts = new CampaignCounts(entry.public);
    const hub = new StreamHub(new Map([[CAMPAIGN, counts]]), { coalesceMs: 0, heartbeatMs: 60_000 });
    try {
      const stalled = hub.open(CAMPAIGN, {});
      assert.equal(stalled.status, 200);
      assert.equal(hub.size, 1);
      for (let i = 0; hub.size > 0 && i < 200; i += 1) {
        counts.apply(entry.public.units[0].id, entry.public.choices[0].id, new Date(Date.UTC(2027, 0, 1, 0, 0, i)).toISOString());
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      assert.equal(hub.size, 0, 'the stalled client was dropped');
      // What it had been sent stays readable up to the point it was dropped, then the stream ends.
      const text = await stalled.text();
      const queued = Buffer.byteLength(text);
      assert.ok(queued > 16 * 1024 && queued < 16 * 1024 + 1024, `${queued} bytes waited`);
      assert.ok(text.endsWith('\n\n'), 'whole events only');
    } finally {
      hub.closeAll();
    }
  });

  it('over HTTP, drops a client that does not read by what waits for it in the process (stream, response and socket buffers), and cuts its connection', { timeout: 60_000 }, async () => {
    const entry = loadCampaigns(join(ROOT, 'campaigns/campaigns.json')).get(CAMPAIGN);
    assert.ok(entry);
    // Many units make each event ~20 KB, so the kernel's socket buffers (MBs on loopback) fill in a few hundred events.
    const units = Array.from({ length: 400 }, (_, i) => ({ ...entry.public.units[0], id: `unit-${i}` }));
    const counts = new CampaignCounts({ ...entry.public, units });
    const stalls: number[] = [];
    const hub = new StreamHub(new Map([[CAMPAIGN, counts]]), { coalesceMs: 0, heartbeatMs: 60_000, onStalled: (queued) => stalls.push(queued) });
    const server = createAdaptorServer({ fetch: (_request, env) => hub.open(CAMPAIGN, {}, 'client', (env as HttpBindings).outgoing) }) as Server;
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    try {
      socket.on('error', () => undefined);
      const connections = () => new Promise<number>((done) => server.getConnections((_error, count) => done(count)));
      socket.write(`GET /stream HTTP/1.1\r\nHost: x\r\n\r\n`);
      await new Promise((resolve) => socket.once('data', resolve));
      socket.pause(); // reads nothing more
      let eventBytes = 0;
      for (let i = 0; stalls.length === 0 && i < 2000; i += 1) {
        counts.apply(units[i % units.length].id, entry.public.choices[0].id, new Date(Date.UTC(2027, 0, 1, 0, 0, i)).toISOString());
        eventBytes = Buffer.byteLength(counts.snapshot().body);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      assert.equal(stalls.length, 1, 'dropped once');
      assert.ok(stalls[0] > 16 * 1024 && stalls[0] <= 16 * 1024 + eventBytes + 200, `${stalls[0]} bytes waited in the process (events of ${eventBytes})`);
      assert.equal(hub.size, 0);
      const end = Date.now() + 5000;
      while ((await connections()) > 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(await connections(), 0, 'the connection was cut, not left open with its buffers');
    } finally {
      socket.destroy();
      hub.closeAll();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses an origin that is not allowed, and an unknown campaign', async () => {
    const refused = await fetch(`${service.api}/stream`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(refused.status, 403);
    const unknown = await fetch(`${service.url}/api/v1/campaigns/nowhere/stream`);
    assert.equal(unknown.status, 404);
  });
});
