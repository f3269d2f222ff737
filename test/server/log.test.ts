/**
 * Access lines as the log writer thread makes them from batches of numbers (log.ts): names numbered
 * across batches, names past the table's bound carried in the batch, escaping, and the `ms` text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccessNames, type AccessBatch } from '../../src/server/log/log.js';

function batch(
  entries: [method: number, path: number, status: number, ms: number][],
  newNames: string[],
  extraNames: string[] = [],
): AccessBatch {
  const at = Date.UTC(2026, 10, 29, 3, 4, 5, 678);
  return {
    count: entries.length,
    times: Float64Array.from(entries, (_, i) => at + i),
    durations: Float64Array.from(entries, ([, , , ms]) => ms),
    statuses: Uint16Array.from(entries, ([, , status]) => status),
    methods: Int32Array.from(entries, ([method]) => method),
    paths: Int32Array.from(entries, ([, path]) => path),
    newNames: newNames.join('\n'),
    extraNames: extraNames.join('\n'),
  };
}

const parse = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('access lines', () => {
  it('are JSON lines with time, method, path, status and ms, names numbered across batches', () => {
    const names = new AccessNames();
    const first = parse(
      names.format(
        batch(
          [
            [0, 1, 200, 0.04],
            [2, 3, 201, 12.36],
          ],
          ['GET', '/api/v1/campaigns/x/counts', 'POST', '/api/v1/campaigns/x/pledges'],
        ),
      ),
    );
    assert.deepEqual(first, [
      {
        time: '2026-11-29T03:04:05.678Z',
        level: 'info',
        msg: 'request',
        method: 'GET',
        path: '/api/v1/campaigns/x/counts',
        status: 200,
        ms: 0,
      },
      {
        time: '2026-11-29T03:04:05.679Z',
        level: 'info',
        msg: 'request',
        method: 'POST',
        path: '/api/v1/campaigns/x/pledges',
        status: 201,
        ms: 12.4,
      },
    ]);
    // The next batch brings only its new name; the old numbers still resolve.
    const second = parse(
      names.format(
        batch(
          [
            [0, 4, 404, 1],
            [2, 3, 200, 0.25],
          ],
          ['/weird "path"\\'],
        ),
      ),
    );
    assert.deepEqual(
      second.map(({ method, path, status, ms }) => [method, path, status, ms]),
      [
        ['GET', '/weird "path"\\', 404, 1],
        ['POST', '/api/v1/campaigns/x/pledges', 200, 0.3],
      ],
    );
  });

  it('names past the bound travel in their batch (negative numbers)', () => {
    const names = new AccessNames();
    const lines = parse(
      names.format(
        batch(
          [
            [0, -2, 404, 0],
            [0, -1, 404, 0],
          ],
          ['GET'],
          ['/scan/1', '/scan/2'],
        ),
      ),
    );
    assert.deepEqual(
      lines.map((line) => line.path),
      ['/scan/2', '/scan/1'],
    );
  });
});
