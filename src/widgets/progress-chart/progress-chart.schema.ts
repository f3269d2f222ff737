/**
 * What `<lantoa-progress-chart>` accepts from outside (a `data` property, an inline JSON child, a JSON
 * URL, or rows from a CSV file or a table): one schema per kind. Loaded lazily, only with outside data.
 */
import { check, isoDate, localizedText, z, type Checked } from '../../core/validate.js';

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

/** What the schema accepts (a trend's periods may be numbers), before completeChartData. */
export type ChartInput = z.input<typeof chartDataSchema>;

/** Validates with zod; the widget then completes the document as on the fast path (progress-chart.quick.ts). */
export function checkChartInput(data: unknown): Checked<ChartInput> {
  return check(chartDataSchema, data);
}
