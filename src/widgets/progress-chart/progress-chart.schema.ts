/**
 * What `<lantoa-progress-chart>` accepts from outside (a `data` property, an inline JSON child, a JSON
 * URL, or rows from a CSV file or a table): one schema per kind. Loaded lazily, only with outside data.
 */
import { check, isoDate, localizedText, z, type Checked } from '../../core/validate.js';
import type { ChartData } from './progress-chart.data.js';

export { describeInvalid, describeRowsProblem } from './progress-chart.problems.js';

const value = z.number();
const deadline = z.optional(z.union([z.int().check(z.gte(1900), z.lte(2200)), isoDate]));
const unit = z.optional(z.string().check(z.maxLength(20)));
const target = z.object({ value, label: z.optional(localizedText), deadline });
const common = {
  title: z.optional(localizedText),
  illustrative: z.optional(z.boolean()),
  source: z.optional(localizedText),
  note: z.optional(localizedText),
};

export const progressSchema = z.object({
  kind: z.literal('progress'),
  ...common,
  indicators: z
    .array(z.object({ label: localizedText, value, target: value, deadline, unit, reference: z.optional(target) }))
    .check(z.maxLength(40)),
});

export const trendSchema = z.object({
  kind: z.literal('trend'),
  ...common,
  unit,
  /** Years may be written as numbers (2024) or text ("Quý 1/2024"). */
  periods: z.array(z.union([z.string().check(z.minLength(1)), z.int()])).check(z.maxLength(100)),
  series: z.array(z.object({ label: localizedText, values: z.array(z.nullable(value)) })).check(z.maxLength(8)),
  target: z.optional(target),
});

export const compareSchema = z.object({
  kind: z.literal('compare'),
  ...common,
  unit,
  units: z.array(z.object({ label: localizedText, value })).check(z.maxLength(200)),
  target: z.optional(target),
});

export const chartDataSchema = z.discriminatedUnion('kind', [progressSchema, trendSchema, compareSchema]);

/** Validates, then checks what a schema cannot say: every series has one value per period. */
export function checkChartData(data: unknown): Checked<ChartData> {
  const checked = check(chartDataSchema, data);
  if (!checked.ok) return checked;
  const parsed = checked.value;
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
