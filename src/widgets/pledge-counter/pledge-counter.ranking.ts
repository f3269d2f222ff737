/**
 * The province view's ranking (`variant="province"`), loaded only for that variant, with the data: usable at 150
 * units and more. Units are grouped as the campaign groups them (`group`: "Huyện, Thành đoàn", "Đoàn trực thuộc",
 * communes by former district), each group with its subtotal; a campaign without groups is one list. A search box
 * (from SEARCH_FROM units) finds a unit whatever the visitor types of its accents, and says politely how many match;
 * the visitor's own unit (`unit` attribute) is highlighted, its rank said above the list (the table's description),
 * and scrolled to inside the list, never the host page. A real table throughout: screen readers move by row and column.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Campaign, Counts, Unit } from '../../contract/pledge.js';
import { foldText } from '../../core/fold.js';
import { formatNumber, formatPercent, type Locale } from '../../core/i18n.js';
import type { PledgeCounterStrings } from './pledge-counter.strings.js';

/**
 * The ranking's own styles, added to the counter's shadow root when this module arrives (adoptedStyleSheets: a strict
 * CSP that forbids inline styles allows them), so a unit's page never downloads them.
 */
export const rankingStyles = css`
  .group th {
    padding-block-start: 1em;
    background: var(--_surface-alt);
    font-size: 0.9375em;
  }
  .retired {
    color: var(--_text-muted);
    font-size: 0.875em;
    font-weight: 400;
  }
  .mine > * {
    background: var(--_surface-alt);
    font-weight: 700;
  }
  .mine > :first-child {
    box-shadow: inset 0.25em 0 var(--_primary);
  }
  .yours {
    margin: 1em 0 0;
    font-weight: 700;
  }
  .search {
    margin-block-start: 1em;
  }
  .search label {
    display: block;
    font-weight: 700;
  }
  .search input {
    box-sizing: border-box;
    width: 100%;
    min-height: var(--_tap);
    margin-block-start: 0.25em;
    padding: 0.25em 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  .matches {
    min-height: 1.5em;
    margin: 0.25em 0 0;
    color: var(--_text-muted);
  }
  .ranking {
    max-height: 28em;
    overflow-y: auto;
    border-block: 1px solid var(--_border);
  }
  .ranking thead th {
    position: sticky;
    top: 0;
    background: var(--_surface);
  }
`;

/** From this many units the list gets a search box and a scrolling box of its own. */
export const SEARCH_FROM = 12;

export interface RankingView {
  locale: Locale;
  /** The counter's words in that language (passed, so they stay in the counter's own chunk). */
  t: PledgeCounterStrings;
  config: Campaign;
  counts: Counts;
  /** The visitor's unit (the `unit` attribute), highlighted. */
  mine?: string;
  /** What the visitor typed in the search box. */
  query: string;
  /** Rows rendered so far (the rest come in later tasks); the table is busy until all are there. */
  limit: number;
  onQuery: (query: string) => void;
}

interface Row extends Unit {
  count: number;
  /** Place in the whole province (1 = most pledges). */
  rank: number;
}

interface Group {
  name?: string;
  rows: Row[];
}

/**
 * Names as Vietnamese sorts them. One collator for every comparison: `localeCompare(b, 'vi')` builds one per call,
 * which at 150 units (about a thousand comparisons) made the ranking's render a long task on a slow phone.
 */
const byName = new Intl.Collator('vi').compare;

/** Every unit with its count and province rank, most pledges first (then by name, as Vietnamese sorts). */
function rankRows(config: Campaign, counts: Counts): Row[] {
  const byId = new Map(counts.units.map((u) => [u.id, u.count]));
  return config.units
    .map((unit) => ({ ...unit, count: byId.get(unit.id) ?? 0, rank: 0 }))
    .sort((a, b) => b.count - a.count || byName(a.name, b.name))
    .map((row, index) => ({ ...row, rank: index + 1 }));
}

/** The rows by group, groups in the campaign's order; units without a group last (or alone: one list, no header). */
function groupRows(config: Campaign, rows: Row[]): Group[] {
  const names = [...new Set(config.units.map((u) => u.group))];
  return names
    .sort((a, b) => Number(a === undefined) - Number(b === undefined))
    .map((name) => ({ name, rows: rows.filter((row) => row.group === name) }));
}

export function renderRanking(view: RankingView): TemplateResult {
  const { locale, t, config, counts, mine, query, limit } = view;
  const rows = rankRows(config, counts);
  const groups = groupRows(config, rows);
  const grouped = groups.some((group) => group.name !== undefined);
  const long = rows.length >= SEARCH_FROM;
  const wanted = foldText(query.trim());
  const shown = (row: Row) => !wanted || foldText(row.name).includes(wanted);
  const found = rows.filter(shown).length;
  const own = rows.find((row) => row.id === mine);
  const number = (value: number) => formatNumber(locale, value);
  const percent = (count: number, goal: number) => formatPercent(locale, goal > 0 ? count / goal : 0);

  // Rows in display order (group by group) up to the limit: the first screen first, the rest in later tasks.
  let room = limit;
  const renderGroup = (group: Group) => {
    const visible = group.rows.filter((row) => shown(row) && room-- > 0);
    if (visible.length === 0) return nothing;
    const sum = (key: 'count' | 'goal') => group.rows.reduce((total, row) => total + row[key], 0);
    return html`<tbody>
      ${
        grouped
          ? html`<tr class="group">
            <th scope="rowgroup" colspan="4">
              ${t.subtotal(group.name ?? t.otherUnits, number(sum('count')), percent(sum('count'), sum('goal')))}
            </th>
          </tr>`
          : nothing
      }
      ${visible.map(
        (
          row,
        ) => html`<tr class=${row.id === mine ? 'mine' : nothing} aria-current=${row.id === mine ? 'true' : nothing}>
          <td class="number">${row.rank}</td>
          <th scope="row">${row.name}${row.retired ? html` <span class="retired">${t.retired}</span>` : nothing}</th>
          <td class="number">${number(row.count)}</td>
          <td class="number">${percent(row.count, row.goal)}</td>
        </tr>`,
      )}
    </tbody>`;
  };

  // Where the visitor's unit stands: above the list (in view while the list scrolls), and the table's description.
  const yours = own
    ? html`<p class="yours" id="ranking-yours">${t.yourUnit(own.name, own.rank, rows.length)}</p>`
    : nothing;
  const table = html`<table aria-describedby=${own ? 'ranking-yours' : nothing} aria-busy=${found > limit || nothing}>
    <caption id="ranking-caption">
      ${t.ranking}
    </caption>
    <thead>
      <tr>
        <th scope="col" class="number narrow">${t.rank}</th>
        <th scope="col">${t.unitColumn}</th>
        <th scope="col" class="number">${t.countColumn}</th>
        <th scope="col" class="number">${t.progressColumn}</th>
      </tr>
    </thead>
    ${groups.map(renderGroup)}
  </table>`;
  if (!long) return html`${yours}${table}`;
  return html`${yours}<div class="search">
      <label for="ranking-search">${t.search}</label>
      <input
        id="ranking-search"
        type="search"
        autocomplete="off"
        .value=${query}
        @input=${(event: InputEvent) => {
          const input = event.target as HTMLInputElement;
          // Another search starts at the top of the list, its first group's header in view.
          (input.getRootNode() as ShadowRoot).querySelector('.ranking')?.scrollTo({ top: 0 });
          view.onQuery(input.value);
        }}
      />
      <p class="matches" role="status">${wanted ? t.matches(found) : ''}</p>
    </div>
    <div class="ranking" tabindex="0" role="region" aria-labelledby="ranking-caption">${table}</div>`;
}

/**
 * Scrolls the list's own box (never the page: the widget is a guest there) so the visitor's unit shows near its top.
 * True once done, false while there is nothing to scroll to yet.
 */
export function scrollToMine(root: ParentNode): boolean {
  const row = root.querySelector<HTMLElement>('tr.mine');
  const box = row?.closest<HTMLElement>('.ranking');
  if (!row || !box) return false;
  box.scrollTop += row.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 3;
  return true;
}
