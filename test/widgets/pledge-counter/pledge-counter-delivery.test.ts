/**
 * The counter's pledge delivery (pledge-delivery.ts) is lazy: the province view, which has no form, does not download
 * it, unless pledges wait from an earlier visit, which it then delivers; a counter with a form loads it with its data.
 * Its own file: the checks below need a page where the module has not been loaded yet.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../../src/widgets/pledge-counter/pledge-counter.js';
import type { LantoaPledgeCounter } from '../../../src/widgets/pledge-counter/pledge-counter.js';
import { PLEDGE_OUTBOX } from '../../../src/widgets/pledge-counter/pledge-outbox.js';
import { until } from '../../helpers.js';

const API = await executeServerCommand<string, unknown>('pledge-service', { action: 'api' });
const CAMPAIGN = 'test-campaign';
const rows = (key?: string) =>
  executeServerCommand<number, unknown>('pledge-service', { action: 'rows', campaign: CAMPAIGN, key });

/** Whether this page has fetched the delivery module (the dev server serves it as pledge-delivery.ts). */
const deliveryLoaded = () =>
  performance.getEntriesByType('resource').some((entry) => /\/pledge-delivery\.ts\b/.test(entry.name));

const loaded = (el: LantoaPledgeCounter) =>
  until(() => !!el.shadowRoot?.querySelector('.title, [part="problem"]'), 8000, 'the counter to load');

describe('<lantoa-pledge-counter> pledge delivery, loaded only where needed', () => {
  afterEach(() => localStorage.clear());

  it('the province view without waiting pledges never downloads it', async () => {
    const el = await fixture<LantoaPledgeCounter>(
      html`<lantoa-pledge-counter api=${API} campaign=${CAMPAIGN} variant="province"></lantoa-pledge-counter>`,
    );
    await loaded(el);
    expect(el.shadowRoot!.querySelector('[part="problem"]')).to.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(deliveryLoaded()).to.equal(false);
  });

  it('the province view delivers a pledge an earlier visit left queued, once', async () => {
    const key = 'province-view-delivers-0001';
    localStorage.setItem(
      PLEDGE_OUTBOX,
      JSON.stringify([
        { api: API, campaign: CAMPAIGN, unit: 'ba-tri', choice: 'smartphone', key, queuedAt: Date.now() - 60_000 },
      ]),
    );
    const el = await fixture<LantoaPledgeCounter>(
      html`<lantoa-pledge-counter api=${API} campaign=${CAMPAIGN} variant="province"></lantoa-pledge-counter>`,
    );
    await until(() => localStorage.getItem(PLEDGE_OUTBOX) === null, 8000, 'the queue to empty');
    expect(deliveryLoaded()).to.equal(true);
    expect(await rows(key)).to.equal(1);
    await loaded(el);
  });

  it('a counter with a form loads it with its data, before the visitor pledges', async () => {
    const el = await fixture<LantoaPledgeCounter>(
      html`<lantoa-pledge-counter api=${API} campaign=${CAMPAIGN} unit="thanh-phu"></lantoa-pledge-counter>`,
    );
    await loaded(el);
    expect(deliveryLoaded()).to.equal(true);
  });
});
