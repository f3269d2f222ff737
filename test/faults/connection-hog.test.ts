/**
 * One address cannot shut out everyone (issue 15, items 1 and 2). The service runs as `npm start`
 * does, in a child process under `ulimit -n 1024` (systemd's default); the hog connects from
 * 127.0.0.2, the visitor from 127.0.0.3 (the whole 127.0.0.0/8 range is loopback).
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CAMPAIGN, newKey, rawRequest, spawnService, tempDir, type ChildService } from '../server/helpers.js';

const HOG = '127.0.0.2';
const VISITOR = '127.0.0.3';
/** The half-sent request's own address: the hog's may still be at its cap while the server closes its sockets. */
const SLOW = '127.0.0.4';
const LIMIT = 1024;

/** Opens `count` sockets from `localAddress`, `send` written on each; resolves once every one is connected or closed. */
async function openSockets(
  port: number,
  localAddress: string,
  count: number,
  send?: string,
): Promise<{ sockets: Socket[]; received: string[] }> {
  const sockets: Socket[] = [];
  const received: string[] = [];
  await Promise.all(
    Array.from(
      { length: count },
      (_, index) =>
        new Promise<void>((done) => {
          const socket = connect({ port, host: '127.0.0.1', localAddress }, () => {
            if (send !== undefined) socket.write(send);
            done();
          });
          received[index] = '';
          socket.setEncoding('utf8').on('data', (chunk: string) => (received[index] += chunk));
          socket.on('error', () => done());
          socket.on('close', () => done());
          sockets.push(socket);
        }),
    ),
  );
  return { sockets, received };
}

const until = async (test: () => boolean, ms: number, what: string) => {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe(`connection caps under ulimit -n ${LIMIT}`, () => {
  const dir = tempDir();
  let service: ChildService;
  let base: string;
  let port: number;
  before(async () => {
    service = spawnService(
      { DATA_DIR: dir.path, HEADERS_TIMEOUT_MS: '1500', READ_RATE_BURST: '100000', READ_RATE_PER_MIN: '100000' },
      { openFiles: LIMIT },
    );
    base = await service.ready;
    port = Number(new URL(base).port);
  });
  after(async () => {
    service.child.kill('SIGTERM');
    await service.exited;
    dir.remove();
  });

  it('reads its open-file limit at start, logs it, and sizes its caps under it', () => {
    const listening = service.stdout
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => entry.msg === 'listening');
    assert.ok(listening);
    assert.equal(listening.openFileLimit, LIMIT);
    const { maxConnections, maxConnectionsPerAddress, maxStreams, maxStreamsPerAddress } = listening as Record<
      string,
      number
    >;
    assert.ok(maxConnections < LIMIT, `maxConnections ${maxConnections}`);
    assert.ok(maxConnectionsPerAddress <= maxConnections / 4, `per address ${maxConnectionsPerAddress}`);
    assert.ok(maxStreams <= maxConnections && maxStreamsPerAddress < maxConnectionsPerAddress);
  });

  it('a hog holding 2,000 idle sockets on one address leaves another address reading, pledging and streaming', async () => {
    const hog = await openSockets(port, HOG, 2000);
    try {
      const open = hog.sockets.filter((socket) => !socket.destroyed).length;
      const counts = await rawRequest(`${base}/api/v1/campaigns/${CAMPAIGN}/counts`, { localAddress: VISITOR });
      assert.equal(counts.status, 200);
      const pledge = await rawRequest(`${base}/api/v1/campaigns/${CAMPAIGN}/pledges`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ unit: 'ba-tri', choice: 'smartphone', key: newKey() }),
        localAddress: VISITOR,
      });
      assert.equal(pledge.status, 201, pledge.body);
      // The hog's sockets past its address's cap were answered 503 (JSON) and closed at once.
      await until(
        () => hog.sockets.filter((socket) => !socket.destroyed).length <= 300,
        5000,
        'the hog keeps at most its cap',
      );
      const refused = hog.received.filter((text) => text.startsWith('HTTP/1.1 503'));
      // The others were let in up to the cap; those idle past HEADERS_TIMEOUT_MS got 408 and made room for more.
      const timedOut = hog.received.filter((text) => text.startsWith('HTTP/1.1 408'));
      assert.ok(
        refused.length >= 1000 && refused.length + timedOut.length >= 1700,
        `${refused.length} refused, ${timedOut.length} timed out, ${open} connected`,
      );
      assert.match(refused[0], /"code":"unavailable"/);
    } finally {
      for (const socket of hog.sockets) socket.destroy();
    }
  });

  it('one address cannot take every live-stream slot', async () => {
    const request = `GET /api/v1/campaigns/${CAMPAIGN}/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
    const hog = await openSockets(port, HOG, 400, request);
    try {
      await until(
        () =>
          hog.received.every(
            (text, index) => text.includes('event: counts') || text.includes(' 503 ') || hog.sockets[index].destroyed,
          ),
        10_000,
        'every hog stream answered',
      );
      const streaming = hog.received.filter((text) => text.includes('event: counts')).length;
      assert.ok(streaming > 0 && streaming < 400 / 2, `${streaming} hog streams open`);
      const visitor = await openSockets(port, VISITOR, 5, request);
      try {
        await until(
          () => visitor.received.every((text) => text.includes('event: counts')),
          5000,
          'the visitor streams',
        );
      } finally {
        for (const socket of visitor.sockets) socket.destroy();
      }
    } finally {
      for (const socket of hog.sockets) socket.destroy();
    }
  });

  it('closes a half-sent request in seconds', async () => {
    const started = Date.now();
    const slow = await openSockets(port, SLOW, 1, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    await until(
      () => slow.sockets[0].destroyed || slow.sockets[0].readableEnded,
      5000,
      'the half-sent request is closed',
    );
    assert.ok(Date.now() - started < 4000, `closed after ${Date.now() - started} ms`);
    assert.match(slow.received[0], /^HTTP\/1\.1 408/);
    slow.sockets[0].destroy();
  });
});

describe('open-file limit checked at start', () => {
  it(
    'refuses to start when MAX_CONNECTIONS exceeds the limit, saying how to raise it',
    { timeout: 20_000 },
    async () => {
      const dir = tempDir();
      try {
        const service = spawnService({ DATA_DIR: dir.path, MAX_CONNECTIONS: '5000' }, { openFiles: LIMIT });
        const { code, stderr } = await service.exited;
        assert.equal(code, 1);
        assert.match(stderr, /MAX_CONNECTIONS=5000 needs 5100 open files, but the limit is 1024/);
        assert.match(stderr, /LimitNOFILE=/);
        assert.match(stderr, /ulimit -n/);
      } finally {
        dir.remove();
      }
    },
  );
});
