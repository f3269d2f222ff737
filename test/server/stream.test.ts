/** The live stream: Server-Sent Events with the counts, coalesced, with a heartbeat. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { COUNTS_EVENT, countsSchema } from '../../src/contract/pledge.js';
import { join } from 'node:path';
import { loadCampaigns } from '../../src/server/campaigns.js';
import { CampaignCounts } from '../../src/server/counts.js';
import { StreamHub } from '../../src/server/stream.js';
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

  it('refuses an origin that is not allowed, and an unknown campaign', async () => {
    const refused = await fetch(`${service.api}/stream`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(refused.status, 403);
    const unknown = await fetch(`${service.url}/api/v1/campaigns/nowhere/stream`);
    assert.equal(unknown.status, 404);
  });
});
