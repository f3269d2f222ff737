/**
 * The log's lines as pino writes them (log.ts), into memory streams: access lines with time, method,
 * path, status and ms to a tenth; info on one stream, warnings and errors on the other; escaping; and
 * close() writing everything before it returns. The order of stdout lines in a real process and one
 * line per failing-writes episode are tested on the service (durability.test.ts, faults/disk-full).
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLog } from '../../src/server/log/log.js';

function memory() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, lines: () => text.trimEnd().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('log lines', () => {
  it('access lines are JSON with an ISO time, level, msg, method, path, status and ms to a tenth; info on stdout', async () => {
    const out = memory();
    const err = memory();
    const log = createLog(out.stream, err.stream);
    log.info('listening', { port: 8787 });
    log.access('GET', '/api/v1/campaigns/x/counts', 200, 0.04);
    log.access('POST', '/weird "path"\\\n', 201, 12.36);
    await log.close();
    const lines = out.lines();
    for (const line of lines) {
      assert.match(String(line.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      delete line.time;
    }
    assert.deepEqual(
      lines,
      [
        { level: 'info', msg: 'listening', port: 8787 },
        { level: 'info', msg: 'request', method: 'GET', path: '/api/v1/campaigns/x/counts', status: 200, ms: 0 },
        { level: 'info', msg: 'request', method: 'POST', path: '/weird "path"\\\n', status: 201, ms: 12.4 },
      ],
    );
    assert.deepEqual(err.lines(), []);
  });

  it('warnings and errors go to stderr, an error with its message and stack, no pid or hostname', async () => {
    const out = memory();
    const err = memory();
    const log = createLog(out.stream, err.stream);
    log.warn('connections refused over the caps', { refused: 3 });
    log.error('unhandled error', new Error('boom'), { path: '/x' });
    log.error('start failed', 'not an Error');
    const [warn, error, text] = err.lines();
    assert.deepEqual(out.lines(), []);
    assert.equal(warn.level, 'warn');
    assert.equal(warn.refused, 3);
    assert.equal(error.level, 'error');
    assert.equal(error.msg, 'unhandled error');
    assert.equal(error.error, 'boom');
    assert.match(String(error.stack), /^Error: boom\n\s+at /);
    assert.equal(error.path, '/x');
    assert.equal(text.error, 'not an Error');
    for (const line of [warn, error, text]) assert.deepEqual([line.pid, line.hostname], [undefined, undefined]);
  });
});
