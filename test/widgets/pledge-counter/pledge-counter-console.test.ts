/**
 * <lantoa-pledge-counter> following the console's edits: a counts event naming another config (`counts.config`, the
 * config's ETag) makes an open counter fetch the config again; retired units; the province ranking at 150 units
 * (groups with subtotals, search, the visitor's unit). Against the stand-in campaign API of the test server
 * (test/stand-in-service.js): the test edits the campaign as the console would, and the stream carries the event.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import '../../../src/widgets/pledge-counter/pledge-counter.js';
import type { LantoaPledgeCounter } from '../../../src/widgets/pledge-counter/pledge-counter.js';
import type { Campaign } from '../../../src/contract/pledge.js';
import { until } from '../../helpers.js';

const API = `${location.origin}/test-fixtures/campaign-api`;

/** Publishes the campaign (config and counts per unit) as the console would; `config` absent: counts only. */
async function publish(id: string, body: { config?: Campaign; counts?: Record<string, number> }): Promise<void> {
  const answer = await fetch(`${API}/api/v1/campaigns/${id}`, { method: 'PUT', body: JSON.stringify(body) });
  expect(answer.status).to.equal(204);
}
const configReads = async (id: string) =>
  ((await (await fetch(`${API}/api/v1/campaigns/${id}/stats`)).json()) as { configReads: number }).configReads;

const campaign = (id: string, units: Campaign['units']): Campaign => ({
  id,
  title: { vi: 'Chiến dịch thử nghiệm', en: 'Test campaign' },
  choices: [{ id: 'smartphone', label: { vi: 'Tôi dùng điện thoại thông minh', en: 'I use a smartphone' } }],
  units,
  goal: 1000,
  goalsAreIllustrative: true,
  startDate: '2020-10-15',
  endDate: '2099-12-31',
});

/** The 150-unit test campaign (shared with the service's tests), with counts that differ per unit. */
async function campaign150(): Promise<{ config: Campaign; counts: Record<string, number> }> {
  const file = (await (await fetch('/test/fixtures/campaigns-150.json')).json()) as { campaigns: Campaign[] };
  const { id, title, note, choices, units, goal, goalsAreIllustrative, startDate, endDate } = file.campaigns[0];
  const config = { id, title, note, choices, units, goal, goalsAreIllustrative, startDate, endDate };
  return { config, counts: Object.fromEntries(units.map((u, i) => [u.id, (i * 37) % 211])) };
}

const shadow = (el: Element) => el.shadowRoot!;
const rankedRows = (el: Element) => [...shadow(el).querySelectorAll<HTMLTableRowElement>('tbody tr:not(.group)')];
const rowNames = (el: Element) => rankedRows(el).map((tr) => tr.querySelector('th')!.textContent!.trim());

async function loaded(el: LantoaPledgeCounter): Promise<void> {
  await until(() => !!shadow(el).querySelector('.title, [part="problem"]'), 8000, 'the counter to load');
  // A long ranking renders its first screen first, the rest in later tasks: the table is busy until then.
  await until(() => !shadow(el).querySelector('table[aria-busy]'), 8000, 'the whole ranking');
  await el.updateComplete;
}

describe('<lantoa-pledge-counter> following the console', () => {
  afterEach(() => localStorage.clear());

  describe('edits reach an open counter (counts.config)', () => {
    it('a unit added in the console is in the open ranking within a second of the stream event', async () => {
      const units = [
        { id: 'ba-tri', name: 'Ba Tri', goal: 100 },
        { id: 'cho-lach', name: 'Chợ Lách', goal: 100 },
      ];
      await publish('edit-add', { config: campaign('edit-add', units), counts: { 'ba-tri': 5 } });
      const el = await fixture<LantoaPledgeCounter>(
        html`<lantoa-pledge-counter api=${API} campaign="edit-add" variant="province"></lantoa-pledge-counter>`,
      );
      await loaded(el);
      expect(rowNames(el)).to.deep.equal(['Ba Tri', 'Chợ Lách']);
      expect(await configReads('edit-add')).to.equal(1);

      // Counts alone (a pledge elsewhere): same tag, no refetch.
      await publish('edit-add', { counts: { 'ba-tri': 5, 'cho-lach': 9 } });
      await until(() => rowNames(el)[0] === 'Chợ Lách', 3000, 'the new counts');
      expect(await configReads('edit-add')).to.equal(1);

      const edited = { ...campaign('edit-add', [...units, { id: 'thanh-phu', name: 'Thạnh Phú', goal: 50 }]) };
      edited.title = { vi: 'Chiến dịch đã sửa', en: 'Edited campaign' };
      await publish('edit-add', { config: edited, counts: { 'ba-tri': 5, 'cho-lach': 9, 'thanh-phu': 1 } });
      const published = performance.now();
      await until(() => rowNames(el).includes('Thạnh Phú'), 3000, 'the new unit');
      expect(performance.now() - published).to.be.below(1000);
      expect(shadow(el).querySelector('.title')!.textContent).to.equal('Chiến dịch đã sửa');
      // The config is kept by the browser for five minutes (max-age=300): the widget asked the service again.
      expect(await configReads('edit-add')).to.equal(2);
    });
  });

  it('real service: a unit added through the console is in the open ranking, a retired one marked', async () => {
    const service = await executeServerCommand<string, unknown>('pledge-service', { action: 'api' });
    const el = await fixture<LantoaPledgeCounter>(
      html`<lantoa-pledge-counter api=${service} campaign="closed-campaign" variant="province"></lantoa-pledge-counter>`,
    );
    await loaded(el);
    const before = rowNames(el);
    const config = (await (
      await fetch(`${service}/api/v1/campaigns/closed-campaign`, { cache: 'no-store' })
    ).json()) as Campaign;
    const units = [...config.units, { id: 'don-vi-moi', name: 'Đơn vị mới', goal: 10, retired: true }];
    await executeServerCommand('pledge-service', {
      action: 'console-edit',
      campaign: 'closed-campaign',
      change: { units },
    });
    const edited = performance.now();
    await until(() => rowNames(el).length === before.length + 1, 3000, 'the new unit');
    expect(performance.now() - edited).to.be.below(1500); // the stream event, then the config: within about a second
    expect(rowNames(el)).to.include('Đơn vị mới (đã ngừng nhận cam kết)');
  });

  describe('retired units', () => {
    const units = [
      { id: 'ba-tri', name: 'Ba Tri', goal: 100 },
      { id: 'cu-lao', name: 'Cù Lao', goal: 100, retired: true },
    ];
    before(() => publish('retired', { config: campaign('retired', units), counts: { 'ba-tri': 3, 'cu-lao': 7 } }));

    it('offers no form on a retired unit’s page and says why; its count stays', async () => {
      const el = await fixture<LantoaPledgeCounter>(
        html`<lantoa-pledge-counter api=${API} campaign="retired" unit="cu-lao"></lantoa-pledge-counter>`,
      );
      await loaded(el);
      expect(shadow(el).querySelector('form')).to.equal(null);
      expect(shadow(el).querySelector('.notice')!.textContent).to.contain('Cù Lao đã ngừng nhận cam kết');
      expect(shadow(el).querySelector('.figure dd')!.textContent).to.equal('7');
      await expect(el).to.be.accessible();
    });

    it('still offers the form on a unit that is not retired', async () => {
      const el = await fixture<LantoaPledgeCounter>(
        html`<lantoa-pledge-counter api=${API} campaign="retired" unit="ba-tri"></lantoa-pledge-counter>`,
      );
      await loaded(el);
      expect(shadow(el).querySelector('form')).to.not.equal(null);
    });

    for (const [lang, mark] of [
      ['vi', '(đã ngừng nhận cam kết)'],
      ['en', '(no longer taking pledges)'],
    ])
      it(`ranks a retired unit with its count, marked ${mark} (${lang})`, async () => {
        const el = await fixture<LantoaPledgeCounter>(
          html`<lantoa-pledge-counter api=${API} campaign="retired" variant="province" lang=${lang}></lantoa-pledge-counter>`,
        );
        await loaded(el);
        const [first] = rankedRows(el);
        expect(first.querySelector('th')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`Cù Lao ${mark}`);
        expect(first.querySelectorAll('td')[1].textContent).to.equal('7');
        await expect(el).to.be.accessible();
      });
  });

  describe('province ranking at 150 units', () => {
    before(async () => publish('test-150-units', await campaign150()));
    afterEach(() => setViewport({ width: 800, height: 600 }));

    it('groups the units with subtotals, in a captioned table, the visitor’s unit highlighted and scrolled to', async () => {
      const { config, counts } = await campaign150();
      const el = await fixture<LantoaPledgeCounter>(
        html`<lantoa-pledge-counter api=${API} campaign="test-150-units" variant="province" unit="don-vi-077"></lantoa-pledge-counter>`,
      );
      await loaded(el);
      expect(rankedRows(el)).to.have.length(150);
      const headers = [...shadow(el).querySelectorAll('tr.group th[scope="rowgroup"]')].map((th) => th.textContent!);
      expect(headers).to.have.length(10);
      // Each group's subtotal is the sum of its units' counts, in the campaign's group order.
      const sum = (group: string) =>
        new Intl.NumberFormat('vi-VN').format(
          config.units.filter((u) => u.group === group).reduce((total, u) => total + counts[u.id], 0),
        );
      expect(headers[0].trim()).to.match(new RegExp(`^Cụm thử nghiệm 01: ${sum('Cụm thử nghiệm 01')} cam kết`));
      expect(headers[9].trim()).to.match(new RegExp(`^Cụm thử nghiệm 10: ${sum('Cụm thử nghiệm 10')} cam kết`));
      // Within a group, most pledges first.
      const firstGroup = [...shadow(el).querySelectorAll('tbody')][0].querySelectorAll(
        'tr:not(.group) td:nth-of-type(2)',
      );
      const numbers = [...firstGroup].map((td) => Number(td.textContent!.replace(/\D/g, '')));
      expect(numbers).to.deep.equal([...numbers].sort((a, b) => b - a));

      const mine = shadow(el).querySelector<HTMLTableRowElement>('tr.mine')!;
      expect(mine.getAttribute('aria-current')).to.equal('true');
      expect(shadow(el).querySelectorAll('[aria-current]')).to.have.length(1);
      expect(mine.querySelector('th')!.textContent).to.contain('Đơn vị thử nghiệm 077');
      const rank = Number(mine.querySelector('td')!.textContent);
      // Said above the list (in view while it scrolls) and read with the table (its description).
      const yours = shadow(el).querySelector('#ranking-yours')!;
      expect(yours.textContent).to.equal(`Đơn vị của bạn: Đơn vị thử nghiệm 077, hạng ${rank}/150`);
      expect(shadow(el).querySelector('table')!.getAttribute('aria-describedby')).to.equal('ranking-yours');
      expect(shadow(el).querySelector('caption')!.textContent!.trim()).to.equal('Xếp hạng các đơn vị');
      // Scrolled to inside the list's own box, which the page did not scroll.
      const box = shadow(el).querySelector<HTMLElement>('.ranking')!;
      await until(() => box.scrollTop > 0, 2000, 'the list to scroll');
      const [row, frame] = [mine.getBoundingClientRect(), box.getBoundingClientRect()];
      expect(row.top).to.be.at.least(frame.top);
      expect(row.bottom).to.be.at.most(frame.bottom);
      expect(document.scrollingElement!.scrollTop).to.equal(0);
      await expect(el).to.be.accessible();
      // A search starts at the top of the list again, its first group's header in view.
      shadow(el).querySelector<HTMLInputElement>('input[type="search"]')!.focus();
      await sendKeys({ type: 'nghiem 00' });
      await until(() => rankedRows(el).length === 9, 2000, 'the search');
      expect(box.scrollTop).to.equal(0);
    });

    it('renders the first screen of rows first and the rest in later tasks, all in order in the end', async () => {
      const { config, counts } = await campaign150();
      const el = await fixture<LantoaPledgeCounter>(
        html`<lantoa-pledge-counter api=${API} campaign="test-150-units" variant="province"></lantoa-pledge-counter>`,
      );
      // Each render, as it happens: how many rows, and whether the table says it is still busy.
      const seen: { rows: number; busy: boolean }[] = [];
      const record = () => {
        const table = shadow(el).querySelector('table');
        if (table) seen.push({ rows: rankedRows(el).length, busy: table.getAttribute('aria-busy') === 'true' });
      };
      const observer = new MutationObserver(record);
      observer.observe(shadow(el), { childList: true, subtree: true, attributes: true });
      try {
        await loaded(el);
      } finally {
        observer.disconnect();
      }
      const [first] = seen;
      expect(first.rows, 'rows in the first render').to.be.within(12, 40);
      expect(first.busy, 'busy while rows are missing').to.equal(true);
      expect(seen.filter((s) => s.busy).length, 'renders before the table was complete').to.be.at.least(3);
      expect(shadow(el).querySelector('table')!.hasAttribute('aria-busy')).to.equal(false);
      // Complete, each group's units most pledges first, every unit once.
      expect(rankedRows(el)).to.have.length(150);
      expect(new Set(rowNames(el)).size).to.equal(150);
      for (const group of shadow(el).querySelectorAll('tbody')) {
        const numbers = [...group.querySelectorAll('tr:not(.group) td:nth-of-type(2)')].map((td) =>
          Number(td.textContent!.replace(/\D/g, '')),
        );
        expect(numbers).to.deep.equal([...numbers].sort((a, b) => b - a));
      }
      const ranks = rankedRows(el).map((tr) => Number(tr.querySelector('td')!.textContent));
      expect([...ranks].sort((a, b) => a - b)).to.deep.equal(config.units.map((_, i) => i + 1));
      expect(Object.keys(counts)).to.have.length(150);
      await expect(el).to.be.accessible();
    });

    it('finds units whatever the accents typed, and says politely how many (keyboard only)', async () => {
      const el = await fixture<LantoaPledgeCounter>(
        html`<lantoa-pledge-counter api=${API} campaign="test-150-units" variant="province"></lantoa-pledge-counter>`,
      );
      await loaded(el);
      const input = shadow(el).querySelector<HTMLInputElement>('input[type="search"]')!;
      // Labelled: its label names it for screen readers.
      expect(shadow(el).querySelector(`label[for="${input.id}"]`)!.textContent).to.equal('Tìm đơn vị');
      input.focus();
      await sendKeys({ type: 'don vi thu nghiem 01' });
      await until(() => rankedRows(el).length === 10, 2000, 'the search');
      expect(rowNames(el).every((name) => /^Đơn vị thử nghiệm 01\d$/.test(name))).to.equal(true);
      const status = shadow(el).querySelector('[role="status"].matches')!;
      expect(status.textContent!.trim()).to.equal('10 đơn vị phù hợp');
      // Groups without a match are left out; those with one keep their header (010–015 and 016–019: groups 01, 02).
      expect(
        [...shadow(el).querySelectorAll('tr.group')].map((tr) => tr.textContent!.split(':')[0].trim()),
      ).to.deep.equal(['Cụm thử nghiệm 01', 'Cụm thử nghiệm 02']);
      // Tab goes on to the list's scrolling box, which the keyboard can then scroll.
      await sendKeys({ press: 'Tab' });
      expect(shadow(el).activeElement).to.equal(shadow(el).querySelector('.ranking'));
      input.focus();
      input.select();
      await sendKeys({ type: 'xyz' });
      await until(() => rankedRows(el).length === 0, 2000, 'no match');
      expect(status.textContent!.trim()).to.equal('Không có đơn vị nào phù hợp');
    });

    it('is axe-clean in English, and fits a 375 px phone without sideways scrolling', async () => {
      await setViewport({ width: 375, height: 740 });
      const el = await fixture<LantoaPledgeCounter>(
        html`<lantoa-pledge-counter api=${API} campaign="test-150-units" variant="province" unit="don-vi-003" lang="en"></lantoa-pledge-counter>`,
      );
      await loaded(el);
      expect(shadow(el).querySelector('label')!.textContent).to.equal('Find a unit');
      expect(shadow(el).querySelector('#ranking-yours')!.textContent).to.match(
        /^Your unit: Đơn vị thử nghiệm 003, ranked \d+ of 150$/,
      );
      expect(document.documentElement.scrollWidth).to.be.at.most(375);
      await expect(el).to.be.accessible();
    });
  });

  describe('search folds Vietnamese accents', () => {
    const names = [
      'Ba Tri',
      'Bình Đại',
      'Châu Thành',
      'Chợ Lách',
      'Đồng Khởi',
      'Giồng Trôm',
      'Mỏ Cày Bắc',
      'Mỏ Cày Nam',
    ];
    const more = [
      'Thạnh Phú',
      'Thành phố Bến Tre',
      'Đoàn khối Cơ quan – Doanh nghiệp tỉnh',
      'Đoàn Thanh niên Công an tỉnh',
    ];
    const units = [...names, ...more].map((name, i) => ({ id: `u-${i}`, name, goal: 10 }));
    before(() => publish('accents', { config: campaign('accents', units) }));

    for (const [typed, found] of [
      ['ba tri', ['Ba Tri']],
      ['dong', ['Đồng Khởi']],
      ['DOAN', ['Đoàn khối Cơ quan – Doanh nghiệp tỉnh', 'Đoàn Thanh niên Công an tỉnh']],
      ['mo cay', ['Mỏ Cày Bắc', 'Mỏ Cày Nam']],
      ['Bến', ['Thành phố Bến Tre']],
    ] as const)
      it(`"${typed}" finds ${found.join(', ')}`, async () => {
        const el = await fixture<LantoaPledgeCounter>(
          html`<lantoa-pledge-counter api=${API} campaign="accents" variant="province"></lantoa-pledge-counter>`,
        );
        await loaded(el);
        shadow(el).querySelector<HTMLInputElement>('input[type="search"]')!.focus();
        await sendKeys({ type: typed });
        await until(() => rankedRows(el).length === found.length, 2000, `${typed} to filter`);
        expect(rowNames(el).sort()).to.deep.equal([...found].sort());
      });
  });
});
