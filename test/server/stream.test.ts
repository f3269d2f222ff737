/** The live stream: Server-Sent Events with the counts, coalesced, with a heartbeat. */
import { createAdaptorServer, type HttpBindings } from '@hono/node-server';
import assert from 'node:assert/strict';
import type { Server, ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { COUNTS_EVENT, countsSchema } from '../../src/contract/pledge.js';
import { join } from 'node:path';
import { loadCampaigns } from '../../src/server/campaigns/campaigns.js';
import { CampaignCounts } from '../../src/server/campaigns/counts.js';
import { StreamHub } from '../../src/server/http/stream.js';
import {
  ALLOWED_ORIGIN,
  CAMPAIGN,
  newKey,
  openStream,
  postPledge,
  ROOT,
  start,
  startTemp,
  startWithEmbed,
  stopTemp,
  tempDir,
  type TestService,
} from './helpers.js';

let service: TestService;

before(
  async () =>
    (service = await startTemp({ coalesceMs: 200, heartbeatMs: 300, pledgeRate: { perMinute: 1e6, burst: 1e6 } })),
);
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

      assert.equal(
        (await postPledge(service.api, { unit: 'mo-cay-bac', choice: 'smartphone', key: newKey() })).status,
        201,
      );
      for (const client of [a, b]) {
        await client.until(() => client.events.length === 2);
        assert.equal(totalOf(client.events[1].data), before + 1);
        assert.equal(
          countsSchema.parse(JSON.parse(client.events[1].data)).units.find((unit) => unit.id === 'mo-cay-bac')?.count,
          1,
        );
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
      await Promise.all(
        Array.from({ length: 40 }, () =>
          postPledge(service.api, { unit: 'ba-tri', choice: 'help-relative', key: newKey() }),
        ),
      );
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

  it("HEAD gives the stream's headers without holding one of the MAX_STREAMS", async () => {
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

  it(
    'drops a client that does not read once about 16 KB of events wait for it; the others keep every event, and its place is free again',
    { timeout: 60_000 },
    async () => {
      const { hub, counts, units, choice, stalls, url, close } = await bigEventsHub({ maxStreamsPerAddress: 1 });
      const reader = await openStream(url, { 'x-client': 'reader' });
      const stalled = rawStream(url, 'stalled');
      try {
        await reader.until(() => reader.events.length === 1);
        await stalled.firstBytes;
        stalled.socket.pause(); // reads nothing more
        assert.equal(hub.size, 2);
        assert.equal(
          (await fetch(url, { headers: { 'x-client': 'stalled' } })).status,
          503,
          'one stream per address here',
        );
        let sent = 0;
        for (; stalls.length === 0 && sent < 2000; sent += 1) {
          counts.apply(units[sent % units.length].id, choice, new Date(Date.UTC(2027, 0, 1, 0, 0, sent)).toISOString());
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        assert.equal(stalls.length, 1, 'the stalled client was dropped');
        assert.equal(hub.size, 1, 'the reader is still open');
        // The reader got every event, whole, the last with every pledge.
        await reader.until(() => reader.events.length === 1 + sent, 10_000);
        assert.equal(countsSchema.parse(JSON.parse(reader.events[sent].data)).total, sent);
        // The dropped client's place is free: the same address opens a stream again.
        const again = await openStream(url, { 'x-client': 'stalled' });
        try {
          assert.equal(again.response.status, 200);
          await again.until(() => again.events.length === 1);
          assert.equal(countsSchema.parse(JSON.parse(again.events[0].data)).total, sent);
        } finally {
          again.close();
        }
      } finally {
        reader.close();
        stalled.socket.destroy();
        await close();
      }
    },
  );

  it(
    'over HTTP, drops a client that does not read by what waits for it in the process (response and socket buffers), and cuts its connection',
    { timeout: 60_000 },
    async () => {
      const { hub, counts, units, choice, stalls, url, connections, close } = await bigEventsHub({});
      const stalled = rawStream(url, 'client');
      try {
        await stalled.firstBytes;
        stalled.socket.pause(); // reads nothing more
        let eventBytes = 0;
        for (let i = 0; stalls.length === 0 && i < 2000; i += 1) {
          counts.apply(units[i % units.length].id, choice, new Date(Date.UTC(2027, 0, 1, 0, 0, i)).toISOString());
          eventBytes = Buffer.byteLength(counts.snapshot().body);
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        assert.equal(stalls.length, 1, 'dropped once');
        assert.ok(
          stalls[0] > 16 * 1024 && stalls[0] <= 16 * 1024 + eventBytes + 200,
          `${stalls[0]} bytes waited in the process (events of ${eventBytes})`,
        );
        assert.equal(hub.size, 0);
        const end = Date.now() + 5000;
        while ((await connections()) > 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
        assert.equal(await connections(), 0, 'the connection was cut, not left open with its buffers');
      } finally {
        stalled.socket.destroy();
        await close();
      }
    },
  );

  it('an HTTP/1.0 client gets the events unframed (no chunked encoding), the first and every later one', async () => {
    const { counts, units, choice, url, close } = await bigEventsHub({});
    const client = rawStream(url, 'old', '1.0');
    try {
      await client.firstBytes;
      counts.apply(units[0].id, choice, new Date(Date.UTC(2027, 0, 1)).toISOString());
      const end = Date.now() + 5000;
      while (client.text().split('event: counts').length < 3 && Date.now() < end)
        await new Promise((resolve) => setTimeout(resolve, 20));
      const [head, body] = client.text().split('\r\n\r\n');
      assert.match(head, /^HTTP\/1\.1 200 /);
      assert.doesNotMatch(head, /transfer-encoding/i);
      // Two whole events and nothing else: a chunk-size line would sit between them.
      const events = body.split('\n\n').filter(Boolean);
      assert.equal(events.length, 2, body.slice(0, 200));
      assert.match(events[0], /^retry: 5000\nevent: counts\nid: .+\ndata: \{/);
      assert.match(events[1], /^event: counts\nid: .+\ndata: \{/);
      assert.equal(countsSchema.parse(JSON.parse(events[1].split('data: ')[1])).total, 1);
    } finally {
      client.socket.destroy();
      await close();
    }
  });

  it('at shutdown (closeAll) every stream ends with the chunked terminator and its place is freed', async () => {
    const { hub, url, close } = await bigEventsHub({});
    const client = rawStream(url, 'client');
    try {
      await client.firstBytes;
      hub.closeAll();
      assert.equal(hub.size, 0);
      const end = Date.now() + 5000;
      while (!client.text().endsWith('\r\n0\r\n\r\n') && Date.now() < end)
        await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(client.text().endsWith('\r\n0\r\n\r\n'), JSON.stringify(client.text().slice(-40)));
    } finally {
      client.socket.destroy();
      await close();
    }
  });

  it('a stream whose request was being handled when closeAll ran gets the counts and ends at once, not held open', async () => {
    const { hub, url, close } = await bigEventsHub({});
    hub.closeAll(); // shutdown began while this request was on its way through the handler
    const client = rawStream(url, 'late');
    try {
      await client.firstBytes;
      const end = Date.now() + 5000;
      while (!client.text().endsWith('\r\n0\r\n\r\n') && Date.now() < end)
        await new Promise((resolve) => setTimeout(resolve, 20));
      assert.match(client.text(), /event: counts\nid: .+\ndata: \{/);
      assert.ok(client.text().endsWith('\r\n0\r\n\r\n'), JSON.stringify(client.text().slice(-40)));
      assert.equal(hub.size, 0);
    } finally {
      client.socket.destroy();
      await close();
    }
  });

  it('refuses an origin a listed campaign does not allow, and an unknown campaign', async () => {
    const listed = await startWithEmbed('listed');
    try {
      const refused = await fetch(`${listed.api}/stream`, { headers: { Origin: 'https://evil.example' } });
      assert.equal(refused.status, 403);
    } finally {
      await stopTemp(listed);
    }
    const unknown = await fetch(`${service.url}/api/v1/campaigns/nowhere/stream`);
    assert.equal(unknown.status, 404);
  });
});

/**
 * A StreamHub behind a real node:http server (@hono/node-server, as the service), for one campaign
 * with 400 units so each event is ~20 KB and the kernel's socket buffers (MBs on loopback) fill in a
 * few hundred events. The client key is the request's `x-client` header.
 */
async function bigEventsHub(options: { maxStreamsPerAddress?: number }) {
  const entry = loadCampaigns(join(ROOT, 'campaigns/campaigns.json')).get(CAMPAIGN);
  assert.ok(entry);
  const units = Array.from({ length: 400 }, (_, i) => ({ ...entry.public.units[0], id: `unit-${i}` }));
  const counts = new CampaignCounts({ ...entry.public, units });
  const stalls: number[] = [];
  const hub = new StreamHub(new Map([[CAMPAIGN, counts]]), {
    coalesceMs: 0,
    heartbeatMs: 60_000,
    ...options,
    onStalled: (queued) => stalls.push(queued),
  });
  const server = createAdaptorServer({
    fetch: (request, env) => {
      const key = request.headers.get('x-client') ?? '';
      if (hub.refusal(key)) return new Response(null, { status: 503 });
      return hub.open(CAMPAIGN, {}, key, (env as HttpBindings).outgoing as ServerResponse);
    },
  }) as Server;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`;
  const connections = () => new Promise<number>((done) => server.getConnections((_error, count) => done(count)));
  const close = async () => {
    hub.closeAll();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { hub, counts, units, choice: entry.public.choices[0].id, stalls, url, connections, close };
}

/** A stream request over a raw socket, so the test decides when (and whether) it reads. */
function rawStream(url: string, client: string, version = '1.1') {
  const { hostname, port, pathname } = new URL(url);
  const socket = connect(Number(port), hostname);
  const chunks: Buffer[] = [];
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.write(`GET ${pathname} HTTP/${version}\r\nHost: x\r\nx-client: ${client}\r\n\r\n`);
  const firstBytes = new Promise((resolve) => socket.once('data', resolve));
  return { socket, firstBytes, text: () => Buffer.concat(chunks).toString('utf8') };
}
