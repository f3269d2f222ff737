/** The data-source controller (src/core/load.ts) on a real LitElement host, in real Chromium. */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { DataSource, fetchJson, type Found } from '../../src/core/load.js';
import type { Problem } from '../../src/core/lantoa-element.js';
import { until } from '../helpers.js';

/** A widget stand-in: `value` and `url` are its inputs; `fetch` is the widget's part, here a controllable one. */
class SourceHost extends LitElement {
  static override properties = { value: { attribute: false }, url: {} };
  declare value: unknown;
  declare url: string | undefined;
  refresh = 0;
  readonly fetched: {
    url: string;
    signal: AbortSignal;
    resolve: (data: unknown) => void;
    reject: (error: unknown) => void;
  }[] = [];
  readonly found: Found[] = [];
  readonly source = new DataSource<unknown>(this, {
    args: () => [this.value, this.url],
    property: () => this.value,
    url: () => this.url,
    fetch: (url, signal) => new Promise((resolve, reject) => this.fetched.push({ url, signal, resolve, reject })),
    read: (found) => {
      this.found.push(found);
      if (found.data === 'bad') throw { explain: () => 'explained by the widget' } satisfies Problem;
      return found.data;
    },
    failed: () => ({ explain: () => 'unreachable' }),
    refreshSeconds: () => this.refresh,
  });
}
customElements.define('lantoa-source-host', SourceHost);

describe('core data source', () => {
  it('takes the property, else the inline JSON child, else the URL, else nothing', async () => {
    const el = await fixture<SourceHost>(
      html`<lantoa-source-host url="/a.json"><script type="application/json">{"from":"inline"}</script></lantoa-source-host>`,
    );
    await until(() => el.source.status === 'ready', 2000, 'the inline data');
    expect(el.source.value).to.deep.equal({ from: 'inline' });
    expect(el.fetched).to.have.length(0); // the URL is not even requested

    el.value = { from: 'property' };
    await until(() => (el.source.value as { from?: string })?.from === 'property', 2000, 'the property');

    el.querySelector('script')!.remove();
    el.value = undefined;
    await until(() => el.fetched.length === 1, 2000, 'the URL');
    expect(el.source.status).to.equal('loading');
    el.fetched[0].resolve({ from: 'url' });
    await until(() => el.source.status === 'ready', 2000, 'the URL data');
    expect(el.found.at(-1)).to.deep.include({ from: 'url', url: '/a.json' });

    el.url = undefined;
    await until(() => el.found.at(-1)?.from === 'none', 2000, 'nothing found');
  });

  it('aborts the load under way when an input changes: only the latest data lands', async () => {
    const el = await fixture<SourceHost>(html`<lantoa-source-host url="/first.json"></lantoa-source-host>`);
    await until(() => el.fetched.length === 1, 2000, 'the first request');
    el.url = '/second.json';
    await until(() => el.fetched.length === 2, 2000, 'the second request');
    expect(el.fetched[0].signal.aborted).to.equal(true);
    el.fetched[1].resolve('second');
    el.fetched[0].resolve('first, too late');
    await until(() => el.source.status === 'ready', 2000, 'the second data');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(el.source.value).to.equal('second');
  });

  it('aborts when the widget leaves the page and loads again when it comes back', async () => {
    const el = await fixture<SourceHost>(html`<lantoa-source-host url="/data.json"></lantoa-source-host>`);
    await until(() => el.fetched.length === 1, 2000, 'the request');
    const parent = el.parentElement!;
    el.remove();
    expect(el.fetched[0].signal.aborted).to.equal(true);
    parent.append(el);
    await until(() => el.fetched.length === 2, 2000, 'the request again');
    el.fetched[1].resolve('back');
    await until(() => el.source.value === 'back', 2000, 'the data after coming back');
  });

  it('shows a Problem the widget throws as it is, other failures as `failed` says; a failed refresh keeps the value', async () => {
    const el = await fixture<SourceHost>(html`<lantoa-source-host></lantoa-source-host>`);
    el.value = 'bad';
    await until(() => el.source.status === 'failed', 2000, 'the invalid data');
    expect(el.source.problem?.explain('vi')).to.equal('explained by the widget');

    el.value = undefined;
    el.refresh = 0.05; // seconds
    el.url = '/live.json';
    await until(() => el.fetched.length === 1, 2000, 'the request');
    el.fetched[0].resolve('first');
    await until(() => el.source.value === 'first', 2000, 'the first data');
    await until(() => el.fetched.length === 2, 2000, 'a refresh');
    el.fetched[1].reject(new TypeError('offline'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([el.source.status, el.source.value, el.source.problem]).to.deep.equal(['ready', 'first', undefined]);
    await until(() => el.fetched.length === 3, 2000, 'the next refresh');
    el.fetched[2].resolve('fresh');
    await until(() => el.source.value === 'fresh', 2000, 'the refreshed data');
    el.remove(); // stops the refresh
    const count = el.fetched.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(el.fetched.length).to.equal(count);

    el.refresh = 0;
    document.body.append(el);
    await until(() => el.fetched.length === count + 1, 2000, 'the load on coming back');
    el.fetched.at(-1)!.reject(new TypeError('offline'));
    await until(() => el.source.status === 'failed', 2000, 'the failure');
    expect(el.source.problem?.explain('vi')).to.equal('unreachable');
    el.remove();
  });

  it('reads a real JSON file through fetchJson', async () => {
    const el = await fixture<SourceHost>(html`<lantoa-source-host></lantoa-source-host>`);
    const source = new DataSource<unknown>(el, {
      args: () => [],
      url: () => '/test/fixtures/feed-valid.json',
      fetch: (url, signal) => fetchJson(url, { signal }),
      read: ({ data }) => data,
      failed: () => undefined,
    });
    el.requestUpdate();
    await until(() => source.status === 'ready', 5000, 'the file');
    expect(source.value).to.have.property('messages');
  });
});
