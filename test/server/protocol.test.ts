/** Smaller gaps (issue 15, item 8): protocol-level 4xx with JSON bodies, Retry-After readable across origins, the same-host check's scheme, a campaigns file with a BOM. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { errorSchema } from '../../src/contract/pledge.js';
import {
  ALLOWED_ORIGIN,
  newKey,
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
before(async () => (service = await startTemp({ pledgeRate: { perMinute: 1, burst: 1 } })));
after(() => stopTemp(service));

/** Sends `raw` bytes on a new connection; resolves with everything the service wrote before closing it. */
function exchange(raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(service.url).port), '127.0.0.1', () => socket.write(raw));
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error(`no answer to ${JSON.stringify(raw.slice(0, 40))}`)));
  });
}

describe('protocol-level refusals', () => {
  const cases: [string, string, number, string][] = [
    ['a bad Host', 'GET /healthz HTTP/1.1\r\nHost: bad host\r\n\r\n', 400, 'bad_request'],
    ['no Host', 'GET /healthz HTTP/1.1\r\n\r\n', 400, 'bad_request'],
    ['a * target', 'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'bad_request'],
    ['a backslash path', 'GET /api\\v1/campaigns HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'bad_request'],
    [
      'headers over 16 KB',
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17_000)}\r\n\r\n`,
      431,
      'headers_too_large',
    ],
    [
      'conflicting lengths',
      'POST /api/v1/campaigns/x/pledges HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n',
      400,
      'bad_request',
    ],
    ['bytes that are not HTTP', 'hello\r\n\r\n', 400, 'bad_request'],
  ];
  for (const [what, raw, status, code] of cases) {
    it(`${what}: ${status} with a JSON error body, then the connection closes`, async () => {
      const text = await exchange(raw);
      assert.match(text, new RegExp(`^HTTP/1\\.1 ${status} `));
      const [head, body] = text.split('\r\n\r\n');
      assert.match(head, /content-type: application\/json/i);
      const error = errorSchema.parse(JSON.parse(body)).error;
      assert.equal(error.code, code);
      assert.ok(error.message.length > 10, error.message);
    });
  }
});

describe('CORS details', () => {
  it('Retry-After is readable by a page on an allowed origin (Access-Control-Expose-Headers)', async () => {
    const pledge = () =>
      postPledge(service.api, { unit: 'ba-tri', choice: 'smartphone', key: newKey() }, { Origin: ALLOWED_ORIGIN });
    assert.equal((await pledge()).status, 201);
    const limited = await pledge();
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.match(limited.headers.get('access-control-expose-headers') ?? '', /(^|,\s*)Retry-After(\s*,|$)/i);
  });

  it('the same-host check compares the scheme too: ftp:// (or any but http/https) is refused and not echoed', async () => {
    const host = new URL(service.url).host;
    for (const scheme of ['ftp', 'ws', 'file']) {
      const response = await fetch(`${service.api}/counts`, { headers: { Origin: `${scheme}://${host}` } });
      assert.equal(response.status, 403, scheme);
      assert.notEqual(response.headers.get('access-control-allow-origin'), `${scheme}://${host}`);
    }
    assert.equal((await fetch(`${service.api}/counts`, { headers: { Origin: `http://${host}` } })).status, 200);
  });

  it('behind a proxy, the Origin scheme must be the one X-Forwarded-Proto names (a listed campaign)', async () => {
    // An open campaign takes any http or https page anyway: the same-host rule matters for a listed one.
    const proxied = await startWithEmbed('listed', { trustProxy: 1 });
    try {
      const host = new URL(proxied.url).host;
      const counts = (origin: string) =>
        fetch(`${proxied.api}/counts`, {
          headers: { Origin: origin, 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.5' },
        });
      assert.equal((await counts(`https://${host}`)).status, 200);
      assert.equal((await counts(`http://${host}`)).status, 403);
    } finally {
      await stopTemp(proxied);
    }
  });
});

describe('campaigns file', () => {
  it('a UTF-8 byte-order mark at the start is accepted', async () => {
    const dir = tempDir();
    const file = join(dir.path, 'campaigns.json');
    writeFileSync(file, `\uFEFF${readFileSync(join(ROOT, 'campaigns/campaigns.json'), 'utf8')}`);
    const withBom = await start(join(dir.path, 'data'), { campaignsFile: file });
    try {
      assert.equal((await fetch(`${withBom.api}/counts`)).status, 200);
    } finally {
      await withBom.close();
      dir.remove();
    }
  });
});
