/**
 * `<lantoa-banner campaign="…">` follows the campaign's feed on the service (GET /api/v1/campaigns/:c/feed), checks
 * it again every `refresh` seconds and when the tab is shown again (a conditional request: 304 while nothing
 * changed), and loads zod only to explain an invalid feed. Against a stand-in endpoint of the test server
 * (web-test-runner.config.js, campaignFeed): ETag, 304, and a Cache-Control that lets the browser keep its copy
 * for a minute, so only a real revalidation finds an edit.
 *
 * Its own file, so that the page has loaded no validator before: "valid data loads no zod" is read from the
 * page's resource timing, which keeps every module the page ever requested.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../../src/widgets/banner/banner.js';
import type { LantoaBanner } from '../../../src/widgets/banner/banner.js';
import { part, shownText, until, withConsole } from '../../helpers.js';

const API = `${location.origin}/test-fixtures/feed-api`;
const feedUrl = (campaign: string) => `${API}/api/v1/campaigns/${campaign}/feed`;

const message = (id: string, vi: string, en = `${vi} (en)`) => ({
  id,
  headline: { vi, en },
  message: { vi: `${vi}: lời nhắn`, en: `${en}: message` },
  cta: { label: { vi: 'Xem', en: 'See' }, href: 'https://example.org/tin' },
});

async function publish(campaign: string, feed: unknown): Promise<void> {
  const answer = await fetch(feedUrl(campaign), { method: 'PUT', body: JSON.stringify(feed) });
  expect(answer.status).to.equal(204);
}

interface FeedStats {
  requests: number;
  conditional: number;
  notModified: number;
}
async function stats(campaign: string): Promise<FeedStats> {
  return (await (await fetch(`${API}/api/v1/campaigns/${campaign}/stats`)).json()) as FeedStats;
}

/** Module requests of the page so far whose URL matches. */
const requested = (pattern: RegExp) =>
  performance.getEntriesByType('resource').filter((entry) => pattern.test(entry.name));
const ZOD = /\/core\/validate\.ts|\/banner\.schema\.ts|node_modules\/zod\//;

describe('<lantoa-banner campaign> (the console’s feed)', () => {
  afterEach(() => {
    localStorage.clear();
    document.documentElement.lang = 'vi';
  });

  it('shows the campaign’s current message from {api}/api/v1/campaigns/:campaign/feed, without loading zod', async () => {
    await publish('feed-follow', { messages: [message('mot', 'Tin thứ nhất')] });
    const el = await fixture<LantoaBanner>(
      html`<lantoa-banner campaign="feed-follow" api=${API} headline="Tin riêng"></lantoa-banner>`,
    );
    await until(() => shownText(el, 'headline') === 'Tin thứ nhất', 5000, 'the feed message');
    expect(shownText(el, 'message')).to.equal('Tin thứ nhất: lời nhắn');
    expect(part(el, 'cta')!.getAttribute('href')).to.equal('https://example.org/tin');
    expect((await stats('feed-follow')).requests).to.equal(1);
    // Valid data: the generated fast check said yes; neither zod nor the feed's schema was requested.
    expect(requested(ZOD).map((entry) => entry.name)).to.deep.equal([]);
  });

  it('checks again every `refresh` seconds: 304 while unchanged, the edit on screen once published', async () => {
    await publish('feed-refresh', { messages: [message('mot', 'Trước khi sửa')] });
    const el = await fixture<LantoaBanner>(
      html`<lantoa-banner campaign="feed-refresh" api=${API} refresh="1"></lantoa-banner>`,
    );
    await until(() => shownText(el, 'headline') === 'Trước khi sửa', 5000, 'the first message');
    // Unchanged: the browser asks with If-None-Match (its copy's ETag) and the service answers 304.
    let now = await stats('feed-refresh');
    const started = performance.now();
    while (now.notModified < 2 && performance.now() - started < 4000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      now = await stats('feed-refresh');
    }
    expect(now.notModified, '304 answers').to.be.at.least(2);
    expect(now.conditional).to.equal(now.requests - 1); // every request after the first is conditional
    expect(shownText(el, 'headline')).to.equal('Trước khi sửa');

    await publish('feed-refresh', { messages: [message('hai', 'Sau khi sửa')] });
    const edited = performance.now();
    await until(() => shownText(el, 'headline') === 'Sau khi sửa', 3000, 'the edit');
    expect(performance.now() - edited).to.be.below(2500); // within a refresh period (1 s) and the request
  });

  it('checks at once when the tab is shown again, not only at the next period', async () => {
    await publish('feed-visible', { messages: [message('mot', 'Tin cũ')] });
    const el = await fixture<LantoaBanner>(html`<lantoa-banner campaign="feed-visible" api=${API}></lantoa-banner>`);
    await until(() => shownText(el, 'headline') === 'Tin cũ', 5000, 'the first message');
    await publish('feed-visible', { messages: [message('moi', 'Tin mới')] });
    document.dispatchEvent(new Event('visibilitychange')); // the page is visible: as when the visitor comes back
    await until(() => shownText(el, 'headline') === 'Tin mới', 3000, 'the edit after visibilitychange');
    expect((await stats('feed-visible')).requests).to.equal(2);
  });

  it('is axe-clean following a campaign feed, in Vietnamese and English', async () => {
    await publish('feed-axe', { messages: [message('mot', 'Ngày Chuyển đổi số', 'Digital Transformation Day')] });
    const el = await fixture<LantoaBanner>(
      html`<lantoa-banner campaign="feed-axe" api=${API} dismissible></lantoa-banner>`,
    );
    await until(() => shownText(el, 'headline') === 'Ngày Chuyển đổi số', 5000, 'the vi message');
    await expect(el).to.be.accessible();
    el.lang = 'en';
    await el.updateComplete;
    expect(shownText(el, 'headline')).to.equal('Digital Transformation Day');
    await expect(el).to.be.accessible();
  });

  it('refuses a negative refresh with a localized message', async () => {
    await withConsole('error', async (log) => {
      const el = await fixture<LantoaBanner>(
        html`<lantoa-banner campaign="feed-bad" api=${API} refresh="-5" lang="en"></lantoa-banner>`,
      );
      await until(() => /refresh/.test(part(el, 'problem')?.textContent ?? ''), 3000, 'the problem message');
      expect(log.calls.join('\n')).to.contain('refresh="-5"');
    });
  });

  it('follows the real service: a message edited in the console shows on the open banner', async () => {
    const service = await executeServerCommand<string, unknown>('pledge-service', { action: 'api' });
    const edit = (messages: unknown[]) =>
      executeServerCommand('pledge-service', {
        action: 'console-edit',
        campaign: 'test-campaign',
        change: { messages },
      });
    await edit([message('truoc', 'Tin trong trang quản trị')]);
    const el = await fixture<LantoaBanner>(
      html`<lantoa-banner campaign="test-campaign" api=${service} refresh="1"></lantoa-banner>`,
    );
    await until(() => shownText(el, 'headline') === 'Tin trong trang quản trị', 5000, 'the published message');
    await edit([message('sau', 'Tin vừa sửa')]);
    const edited = performance.now();
    await until(() => shownText(el, 'headline') === 'Tin vừa sửa', 4000, 'the edit');
    expect(performance.now() - edited).to.be.below(3000);
    expect(requested(ZOD)).to.have.length(0);
  });

  // Last: it loads zod, which the first test proves is not loaded for valid data.
  it('explains an invalid feed with zod (loaded only now): the field path in the console, its own message shown', async () => {
    expect(requested(ZOD)).to.have.length(0);
    await publish('feed-invalid', { messages: [{ id: 'x', headline: { vi: 'Tin' }, countdownTo: '2026-02-30' }] });
    await withConsole('error', async (log) => {
      const el = await fixture<LantoaBanner>(
        html`<lantoa-banner campaign="feed-invalid" api=${API} headline="Tin riêng của trang"></lantoa-banner>`,
      );
      await until(() => log.calls.some((call) => call.includes('feed ignored')), 5000, 'the console error');
      expect(log.calls.join('\n')).to.contain('at "messages.0.countdownTo"');
      expect(log.calls.join('\n')).to.contain(feedUrl('feed-invalid'));
      await el.updateComplete;
      expect(shownText(el, 'headline')).to.equal('Tin riêng của trang');
    });
    expect(requested(ZOD).length).to.be.greaterThan(0);
  });
});
