/**
 * The legend under the canvas (part of the lazily loaded chart chunk): each mark's meaning in words next
 * to a swatch that carries shape and dash as well as colour.
 */
import type { SVGTemplateResult, TemplateResult } from 'lit';
import type { ChartData, Formatters } from './progress-chart.data.js';
import type { ChartStrings } from './progress-chart.strings.js';

/**
 * Lit's template tags, the element's own: this chunk also serves the classic scripts, whose Lit is inside them and
 * not the module graph's, so it imports none (a copy of Lit and the core would come with it, 9 KB).
 */
export type TemplateTags = Pick<typeof import('lit'), 'html' | 'svg' | 'nothing'>;

/**
 * How each series of a trend is drawn besides its colour (shape of its points, dash of its line), so
 * that series stay apart in greyscale, in print and for colour-blind readers. The legend uses the same.
 */
export const SERIES_STYLES = [
  { point: 'circle', dash: [] },
  { point: 'rect', dash: [8, 4] },
  { point: 'triangle', dash: [2, 3] },
  { point: 'rectRot', dash: [12, 4, 2, 4] },
] as const satisfies readonly { point: string; dash: readonly number[] }[];

const shapes = ({ svg }: TemplateTags): Record<string, SVGTemplateResult> => ({
  circle: svg`<circle cx="14" cy="7" r="4" />`,
  rect: svg`<rect x="10" y="3" width="8" height="8" />`,
  triangle: svg`<path d="M14 2.5 18.5 11h-9z" />`,
  rectRot: svg`<path d="M14 2 19 7 14 12 9 7z" />`,
});

type Swatch =
  { kind: 'bar' } | { kind: 'tick'; dash: string } | { kind: 'line'; dash: string; color: string; point?: string };

function swatch(tags: TemplateTags, s: Swatch): TemplateResult {
  const { html, svg, nothing } = tags;
  const shape =
    s.kind === 'bar'
      ? svg`<rect x="2" y="2" width="24" height="10" fill="var(--_chart-1)" />`
      : s.kind === 'tick'
        ? svg`<line x1="14" y1="0" x2="14" y2="14" stroke="var(--_text)" stroke-width="3" stroke-dasharray=${s.dash} />`
        : svg`<line x1="0" y1="7" x2="28" y2="7" stroke=${s.color} stroke-width="2.5" stroke-dasharray=${s.dash} />
            <g fill=${s.color}>${s.point ? shapes(tags)[s.point] : nothing}</g>`;
  return html`<svg viewBox="0 0 28 14" width="28" height="14" aria-hidden="true">${shape}</svg>`;
}

/** Legend entries: what each mark on the canvas means, in words next to its shape; `current` names the bars of a progress chart. */
export function renderLegend(
  tags: TemplateTags,
  data: ChartData,
  f: Formatters,
  t: ChartStrings,
  current: string,
): TemplateResult {
  const items: [Swatch, string][] = [];
  const dashed = '6 4';
  if (data.kind === 'progress') {
    items.push([{ kind: 'bar' }, current], [{ kind: 'tick', dash: '' }, t.target]);
    const reference = data.indicators.find((i) => i.reference)?.reference;
    if (reference) items.push([{ kind: 'tick', dash: '4 3' }, f.text(reference.label) || t.referenceColumn]);
  } else if (data.kind === 'compare') {
    items.push([{ kind: 'bar' }, t.value]);
    if (data.target)
      items.push([{ kind: 'line', dash: dashed, color: 'var(--_text)' }, f.text(data.target.label) || t.target]);
  } else {
    data.series.forEach((s, index) => {
      const style = SERIES_STYLES[index % SERIES_STYLES.length];
      items.push([
        { kind: 'line', dash: style.dash.join(' '), color: `var(--_chart-${(index % 4) + 1})`, point: style.point },
        f.text(s.label),
      ]);
    });
    if (data.target)
      items.push([{ kind: 'line', dash: dashed, color: 'var(--_text)' }, f.text(data.target.label) || t.target]);
  }
  const { html } = tags;
  return html`<ul class="legend" part="legend">
    ${items.map(([s, label]) => html`<li>${swatch(tags, s)}<span>${label}</span></li>`)}
  </ul>`;
}
