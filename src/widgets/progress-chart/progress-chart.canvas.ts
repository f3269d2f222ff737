/**
 * The canvas: chart.js, tree-shaken to the two controllers, three elements and two scales the three
 * kinds use, plus a small plugin of our own for targets and value labels (far smaller than
 * chartjs-plugin-annotation). Only ever imported with `import()`, when the element nears the viewport.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import type { ChartData, Formatters, Indicator, ProgressData } from './progress-chart.data.js';
import { SERIES_STYLES } from './progress-chart.legend.js';
import { pointTexts, targetLabel } from './progress-chart.summary.js';

// Nothing here imports Lit or the core (the legend takes the element's own template tags): the classic scripts
// (scripts/build.ts) load this chunk as it is, and it brings no second copy of them.
export { renderLegend } from './progress-chart.legend.js';
export { summarize } from './progress-chart.summary.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale);

/** Colours read from the element's theme tokens (light or dark), so the canvas follows the page's theme. */
export interface Palette {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  target: string;
  series: string[];
  font: string;
}

/** The colours of the element's theme tokens (light or dark, or the page's own), as its computed style has them. */
export function readPalette(host: Element): Palette {
  const style = getComputedStyle(host);
  const token = (name: string) => style.getPropertyValue(name).trim();
  return {
    text: token('--_text'),
    muted: token('--_text-muted'),
    grid: token('--_grid'),
    surface: token('--_surface'),
    target: token('--_text'),
    series: [1, 2, 3, 4].map((n) => token(`--_chart-${n}`)),
    font: token('--_font'),
  };
}

export interface DrawOptions {
  data: ChartData;
  /**
   * The element's own formatting (the same as its table's), passed in rather than imported, so the data
   * helpers stay in the element's chunk instead of a third chunk shared with this one.
   */
  f: Formatters;
  palette: Palette;
  animate: boolean;
  /** Called once the first frame is on the canvas. */
  onDrawn: () => void;
}

/** A target drawn across the plot (trend, compare) or as a tick on one bar (progress). */
interface Mark {
  value: number;
  label?: string;
  /** Bar index for a tick; undefined for a line across the plot. */
  index?: number;
  dash: number[];
}

interface TargetOptions {
  marks: Mark[];
  /** Text at the end of each bar (the value with its unit): the figure is never only a length or a colour. */
  valueLabels?: string[];
  palette: Palette;
}

const marksPlugin: Plugin<'bar' | 'line', TargetOptions> = {
  id: 'lantoaTargets',
  afterDatasetsDraw(chart, _args, options) {
    const { ctx, chartArea: area } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    const valueScale = horizontal ? chart.scales.x : chart.scales.y;
    const bars = chart.getDatasetMeta(0).data;
    const { palette } = options;
    ctx.save();
    ctx.font = `600 12px ${palette.font}`;
    ctx.textBaseline = 'middle';
    options.valueLabels?.forEach((label, index) => {
      const bar = bars[index]?.getProps(['x', 'y'], true) as { x: number; y: number } | undefined;
      if (!bar) return;
      const width = ctx.measureText(label).width;
      // After the bar, or after a target mark that would cross the figure; inside the bar's end if no room.
      let x = bar.x + 6;
      for (const mark of options.marks) {
        if (mark.index !== undefined && mark.index !== index) continue;
        const at = valueScale.getPixelForValue(mark.value);
        if (at >= x - 4 && at <= x + width + 4) x = at + 6;
      }
      const outside = x + width <= area.right;
      ctx.fillStyle = outside ? palette.text : palette.surface;
      ctx.textAlign = outside ? 'left' : 'right';
      ctx.fillText(label, outside ? x : bar.x - 6, bar.y);
    });
    ctx.strokeStyle = palette.target;
    ctx.fillStyle = palette.text;
    for (const mark of options.marks) {
      const at = valueScale.getPixelForValue(mark.value);
      ctx.setLineDash(mark.dash);
      ctx.lineWidth = 3;
      ctx.beginPath();
      if (mark.index !== undefined) {
        const bar = bars[mark.index]?.getProps(['y', 'height'], true) as { y: number; height: number } | undefined;
        if (!bar) continue;
        ctx.moveTo(at, bar.y - bar.height / 2 - 5);
        ctx.lineTo(at, bar.y + bar.height / 2 + 5);
      } else if (horizontal) {
        ctx.moveTo(at, area.top);
        ctx.lineTo(at, area.bottom);
      } else {
        ctx.moveTo(area.left, at);
        ctx.lineTo(area.right, at);
      }
      ctx.stroke();
      if (mark.label && mark.index === undefined) {
        ctx.textAlign = horizontal ? (at > (area.left + area.right) / 2 ? 'right' : 'left') : 'right';
        ctx.textBaseline = 'bottom';
        ctx.fillText(mark.label, horizontal ? at : area.right, horizontal ? area.top - 4 : at - 4);
      }
    }
    ctx.restore();
  },
};

/**
 * A progress chart of percentages is drawn on a 0–100 % axis; one that mixes units (people, records)
 * is drawn as the share of each indicator's own target, so the bars can sit on one axis.
 */
function progressScale(data: ProgressData): (indicator: Indicator, value: number) => number {
  const percent = data.indicators.every((i) => i.unit === '%');
  return (indicator, value) => (percent ? value : indicator.target > 0 ? (value / indicator.target) * 100 : 0);
}

/** Bars; the one picked with the arrow keys gets an outline in the text colour. */
const barStyle = (palette: Palette) => ({
  backgroundColor: palette.series[0],
  hoverBackgroundColor: palette.series[0],
  hoverBorderColor: palette.text,
  hoverBorderWidth: 3,
  barPercentage: 0.7,
  categoryPercentage: 0.9,
});

/**
 * Long Vietnamese labels on a phone: lines of at most `max` characters, broken between words, and no more
 * lines than the bar's row has room for (the rest ends in "…": the table and the summary have the full text).
 */
export function wrap(label: string, max: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1].slice(0, max - 1)}…`;
  return kept;
}

/** Tick labels are 12px with ~15px lines; a row gets its share of about 80% of the canvas height. */
const LABEL_LINE_PX = 15;

function configFor({ data, f, palette, animate }: DrawOptions): ChartConfiguration<'bar' | 'line'> {
  const { text: pick, format, intl } = f;
  const grid = { color: palette.grid };
  const ticks = { color: palette.muted };
  let labels: string[];
  let marks: Mark[] = [];
  let valueLabels: string[] | undefined;
  let type: 'bar' | 'line' = 'bar';
  let datasets: ChartConfiguration<'bar' | 'line'>['data']['datasets'];
  let valueAxis: Record<string, unknown> = {
    beginAtZero: true,
    grid,
    ticks: { ...ticks, callback: (v: number | string) => format(Number(v), 'unit' in data ? data.unit : undefined) },
  };

  if (data.kind === 'progress') {
    const at = progressScale(data);
    labels = data.indicators.map((i) => pick(i.label));
    const values = data.indicators.map((i) => at(i, i.value));
    datasets = [{ data: values, ...barStyle(palette) }];
    marks = data.indicators.flatMap((i, index) => [
      { index, value: at(i, i.target), dash: [] },
      ...(i.reference ? [{ index, value: at(i, i.reference.value), dash: [4, 3] }] : []),
    ]);
    valueLabels = data.indicators.map((i) => format(i.value, i.unit));
    const top = Math.max(100, ...values, ...marks.map((m) => m.value));
    valueAxis = {
      ...valueAxis,
      min: 0,
      max: Math.ceil(top / 10) * 10,
      ticks: { ...ticks, callback: (v: number | string) => format(Number(v), '%') },
    };
  } else if (data.kind === 'compare') {
    labels = data.units.map((u) => pick(u.label));
    datasets = [{ data: data.units.map((u) => u.value), ...barStyle(palette) }];
    valueLabels = data.units.map((u) => format(u.value, data.unit));
    if (data.target) marks = [{ value: data.target.value, dash: [6, 4], label: targetLabel(data, f) }];
    const top = Math.max(...data.units.map((u) => u.value), data.target?.value ?? 0);
    if (data.unit === '%' && top <= 100) valueAxis = { ...valueAxis, max: 100 };
  } else {
    type = 'line';
    labels = data.periods;
    datasets = data.series.map((s, index) => {
      const style = SERIES_STYLES[index % SERIES_STYLES.length];
      const color = palette.series[index % palette.series.length];
      return {
        type: 'line' as const,
        label: pick(s.label),
        data: s.values,
        borderColor: color,
        backgroundColor: color,
        borderDash: [...style.dash],
        pointStyle: style.point,
        pointRadius: 5,
        // The point picked with the arrow keys: bigger, ringed in the text colour (not a colour change alone).
        pointHoverRadius: 8,
        pointHoverBorderWidth: 3,
        pointHoverBorderColor: palette.text,
        borderWidth: 2.5,
        spanGaps: false,
      };
    });
    if (data.target) {
      marks = [{ value: data.target.value, dash: [6, 4], label: targetLabel(data, f) }];
      valueAxis = { ...valueAxis, suggestedMax: data.target.value };
    }
  }

  const horizontal = type === 'bar';
  const labelAxis = {
    grid: { display: !horizontal, color: palette.grid },
    ticks: {
      color: palette.text,
      autoSkip: !horizontal,
      // Called again on every resize, so the labels re-wrap to the width at hand.
      callback(this: { chart: Chart }, _value: number | string, index: number) {
        if (!horizontal) return labels[index];
        const rowLines = Math.floor((this.chart.height * 0.8) / Math.max(1, labels.length) / LABEL_LINE_PX);
        return wrap(labels[index] ?? '', this.chart.width < 480 ? 16 : 30, Math.max(1, Math.min(3, rowLines)));
      },
    },
  };
  return {
    type,
    data: { labels, datasets },
    plugins: [marksPlugin as Plugin<'bar' | 'line'>],
    options: {
      locale: intl,
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: animate ? { duration: 500 } : false,
      // No tooltips (the table holds every figure, one keypress away): nothing reacts to the pointer.
      events: [],
      font: { family: palette.font, size: 13 },
      color: palette.text,
      layout: { padding: { top: marks.some((m) => m.label) ? 22 : 6, right: 12 } },
      scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
      plugins: { lantoaTargets: { marks, valueLabels, palette } } as never,
    },
  };
}

export interface ChartHandle {
  /** Redraws for a new language, theme or data, without animation. */
  update: (next: DrawOptions) => void;
  /**
   * A key pressed on the focused canvas: arrows, Home and End pick a bar or period, marked on the canvas;
   * returns the sentence to read out, or null for any other key. `''` clears the pick (on blur).
   */
  key: (key: string) => string | null;
  destroy: () => void;
}

/** Draws the chart on `canvas`. */
export function drawChart(canvas: HTMLCanvasElement, options: DrawOptions): ChartHandle {
  let drawn = false;
  const create = (opts: DrawOptions) => {
    Chart.defaults.font.family = opts.palette.font;
    const config = configFor(opts);
    config.plugins = [
      ...(config.plugins ?? []),
      {
        id: 'lantoaDrawn',
        // The first frame on the canvas (afterRender would wait for the end of the entry animation).
        afterDraw: () => {
          if (drawn) return;
          drawn = true;
          opts.onDrawn();
        },
      },
    ];
    return new Chart(canvas, config);
  };
  let chart = create(options);
  let current = options;
  let point = -1;
  const mark = () => {
    chart.setActiveElements(
      point < 0 ? [] : chart.data.datasets.map((_, datasetIndex) => ({ datasetIndex, index: point })),
    );
    chart.update('none');
  };
  return {
    update(next) {
      chart.destroy();
      current = next;
      chart = create({ ...next, animate: false });
      if (point >= 0) mark();
    },
    key(key) {
      const texts = pointTexts(current.data, current.f);
      const last = texts.length - 1;
      const to: Record<string, number> = {
        ArrowRight: point + 1,
        ArrowDown: point + 1,
        ArrowLeft: point - 1,
        ArrowUp: point - 1,
        Home: 0,
        End: last,
        '': -1,
      };
      if (!(key in to) || last < 0) return null;
      point = key === '' ? -1 : Math.max(0, Math.min(last, to[key]));
      mark();
      return point < 0 ? '' : texts[point];
    },
    destroy: () => chart.destroy(),
  };
}
