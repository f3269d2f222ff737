/** The shared outbox (src/core/outbox.ts) and the seeded random numbers (src/core/random.ts). */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { dequeue, enqueue, newKey, readQueue, type Queued, type SendResult } from '../../src/core/outbox.js';
import { Outbox } from '../../src/core/outbox-delivery.js';
import { seededRandom, shuffled } from '../../src/core/random.js';
import { until } from '../helpers.js';

const KEY = 'lantoa:test:outbox';
const item = (key: string): Queued => ({ api: 'https://service.example', key, queuedAt: 1 });

/** A widget stand-in: the outbox is its reactive controller. Not connected unless a test puts it on the page. */
class OutboxHost extends LitElement {}
customElements.define('lantoa-outbox-host', OutboxHost);
const host = () => document.createElement('lantoa-outbox-host') as OutboxHost;

describe('core outbox', () => {
  afterEach(() => localStorage.removeItem(KEY));

  it('keeps items once per key and removes its storage key when empty (no "[]" left behind)', () => {
    enqueue(KEY, item('a'));
    enqueue(KEY, item('b'));
    enqueue(KEY, item('a'));
    expect(readQueue(KEY).map((queued) => queued.key)).to.deep.equal(['b', 'a']);
    dequeue(KEY, 'a');
    dequeue(KEY, 'b');
    expect(localStorage.getItem(KEY)).to.equal(null);
  });

  it('keeps an item that could not be sent, drops one refused for good, forgets one sent', async () => {
    const answers: Record<string, SendResult> = {
      busy: { outcome: 'retry', reason: 'HTTP 503' },
      refused: { outcome: 'rejected', status: 404, code: 'unknown_unit', message: '' },
      fine: { outcome: 'sent', body: {} },
    };
    const seen: string[] = [];
    const outbox = new Outbox<Queued>(host(), {
      storageKey: KEY,
      send: async (queued) => answers[queued.key],
      onResult: (queued, result) => seen.push(`${queued.key}:${result.outcome}`),
      retryMs: () => 60_000,
    });
    for (const key of ['busy', 'refused', 'fine']) await outbox.submit(item(key));
    outbox.hostDisconnected();
    expect(seen).to.deep.equal(['busy:retry', 'refused:rejected', 'fine:sent']);
    expect(readQueue(KEY).map((queued) => queued.key)).to.deep.equal(['busy']);
  });

  it('sends what an earlier visit left when started, one at a time, only its own service’s', async () => {
    enqueue(KEY, item('one'));
    enqueue(KEY, { ...item('other'), api: 'https://elsewhere.example' });
    enqueue(KEY, item('two'));
    const sent: string[] = [];
    let inFlight = 0;
    const outbox = new Outbox<Queued>(host(), {
      storageKey: KEY,
      owns: (queued) => queued.api === 'https://service.example',
      send: async (queued) => {
        expect(++inFlight).to.equal(1);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight -= 1;
        sent.push(queued.key);
        return { outcome: 'sent', body: null };
      },
    });
    outbox.hostConnected();
    outbox.flush(); // asked again while the first flush runs: nothing is sent twice
    await until(() => sent.length === 2, 2000, 'both items');
    await new Promise((resolve) => setTimeout(resolve, 100));
    outbox.hostDisconnected();
    expect(sent).to.deep.equal(['one', 'two']);
    expect(readQueue(KEY).map((queued) => queued.key)).to.deep.equal(['other']);
  });

  it('as its widget’s controller: starts when the widget connects, stops (no more sends when back online) when it leaves', async () => {
    enqueue(KEY, item('left-by-earlier-visit'));
    const sent: string[] = [];
    const answer: { value: SendResult } = { value: { outcome: 'sent', body: null } };
    const element = await fixture<OutboxHost>(html`<lantoa-outbox-host></lantoa-outbox-host>`);
    new Outbox<Queued>(element, {
      storageKey: KEY,
      retryMs: () => 60_000,
      send: async (queued) => (sent.push(queued.key), answer.value),
    });
    await until(
      () => sent.length === 1,
      2000,
      'the queued item, sent once the controller is added to a connected widget',
    );
    answer.value = { outcome: 'retry', reason: 'offline' };
    enqueue(KEY, item('queued-later'));
    element.remove();
    dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent).to.deep.equal(['left-by-earlier-visit']);
    document.body.append(element);
    await until(() => sent.length === 2, 2000, 'the item queued meanwhile, sent when the widget is back');
    expect(sent[1]).to.equal('queued-later');
    element.remove();
  });
});

describe('core outbox keys and flushes', () => {
  afterEach(() => localStorage.removeItem(KEY));

  it('makes random UUID v4 keys (getRandomValues: plain-http pages too), never the same twice', () => {
    const keys = Array.from({ length: 200 }, newKey);
    for (const key of keys)
      expect(key).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(keys).size).to.equal(keys.length);
    // Every hex digit shows up in the random positions (not stuck on a few values).
    expect(new Set(keys.join('').replace(/-/g, '')).size).to.equal(16);
  });

  it('flushes again after a flush that found nothing, and goes round once more when asked during one', async () => {
    const sent: string[] = [];
    const outbox = new Outbox<Queued>(host(), {
      storageKey: KEY,
      send: async (queued) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        sent.push(queued.key);
        return { outcome: 'sent', body: null };
      },
    });
    outbox.hostConnected(); // nothing queued yet
    enqueue(KEY, item('first'));
    outbox.flush();
    enqueue(KEY, item('second')); // queued while the flush sends "first": the flush asked for now picks it up
    outbox.flush();
    await until(() => sent.length === 2, 2000, 'both items');
    await new Promise((resolve) => setTimeout(resolve, 100));
    outbox.hostDisconnected();
    expect(sent).to.deep.equal(['first', 'second']);
    expect(readQueue(KEY)).to.deep.equal([]);
  });
});

describe('core random', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const draw = (seed: string) => Array.from({ length: 5 }, seededRandom(seed));
    expect(draw('ba-tri')).to.deep.equal(draw('ba-tri'));
    expect(draw('ba-tri')).to.not.deep.equal(draw('thanh-phu'));
    expect(draw('x').every((n) => n >= 0 && n < 1)).to.equal(true);
  });

  it('shuffles a copy, keeping every item', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const mixed = shuffled(items, seededRandom('seed'));
    expect(mixed).to.not.deep.equal(items);
    expect([...mixed].sort((a, b) => a - b)).to.deep.equal(items);
    expect(items[0]).to.equal(0);
  });
});
