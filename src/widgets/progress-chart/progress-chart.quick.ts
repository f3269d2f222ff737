/**
 * The chart's data checked without zod: the generated fast check of its schema (src/contract/chart-checks.ts, which
 * accepts exactly what the schema accepts), then what every valid document becomes. Loaded with the data; the
 * schema's chunk and zod (9.6 KB) load only when this says no, to explain what is wrong.
 */
import { quickChart } from '../../contract/chart-checks.js';
import type { Checked } from '../../core/validate.js';
import type { ChartData } from './progress-chart.data.js';
import type { ChartInput } from './progress-chart.schema.js';

/**
 * What a document the schema accepted becomes: a trend's periods as text ("2024", "Quý 1/2024"). What a schema cannot
 * say is checked here, for zod's path and the fast one alike: each series has one value per period.
 */
export function completeChartData(parsed: ChartInput): Checked<ChartData> {
  if (parsed.kind !== 'trend') return { ok: true, value: parsed };
  const periods = parsed.periods.map(String);
  const short = parsed.series.findIndex((s) => s.values.length !== periods.length);
  if (short !== -1) {
    return {
      ok: false,
      problem: {
        path: `series.${short}.values`,
        detail: `too_small_or_big (expected ${periods.length} values, one per period)`,
      },
    };
  }
  return { ok: true, value: { ...parsed, periods } };
}

/** The data completed when the fast check accepts it; undefined: ask zod (checkChartInput), which names the problem. */
export function quickChartData(data: unknown): Checked<ChartData> | undefined {
  const input = quickChart(data);
  return input && completeChartData(input);
}
