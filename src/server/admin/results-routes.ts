/**
 * A campaign's results for the console, mounted at `/campaigns` on the admin app (service.ts), behind its
 * session guard: GET `/:campaign/results` (pledges per Vietnam day × unit × choice, quiz figures per unit),
 * `/:campaign/sites` (the sites that embed it: its reach) and `/:campaign/export.csv` (the same as files for
 * spreadsheets; `?what=sites` and `?what=quiz` for the other two). Read-only: nothing here changes state
 * (the guard adds `Cache-Control: no-store` to every answer).
 * No personal data exists in the store, so none can be exported.
 */
import { Hono, type Context } from 'hono';
import {
  EXPORT_CSV_COLUMNS,
  type CampaignDoc,
  type ResultsResponse,
  type Site,
  type sitesResponseSchema,
} from '../../contract/admin.js';
import { vietnamDay } from '../../contract/campaign-dates.js';
import type { QuizStats } from '../../contract/quiz.js';
import type { SiteCounts } from '../campaigns/reach.js';
import type { DailyRow, RecordStore } from '../store/store.js';
import type { AdminEnv } from './admin-env.js';
import { adminError } from './replies.js';
import { toCsv, type Cell } from './results-csv.js';
import type * as z from 'zod/mini';

export interface ResultsDeps {
  /** The campaigns as the console edits them (the CampaignRegistry). */
  campaigns: { get(id: string): CampaignDoc | undefined };
  store: Pick<RecordStore, 'daily'>;
  /** A quiz's live statistics (the in-memory aggregate the public stats come from); undefined when unknown. */
  quizStats(quiz: string): QuizStats | undefined;
  reach: { sites(campaign: string): Promise<SiteCounts[]> };
  /** The clock (the export's file name carries the Vietnam day). */
  now?: () => number;
}

/** Columns of `export.csv?what=sites` and `?what=quiz`. */
export const SITES_CSV_COLUMNS = ['origin', 'listed', 'first_seen', 'last_seen', 'reads', 'pledges'] as const;
export const QUIZ_CSV_COLUMNS = [
  'quiz',
  'quiz_title',
  'unit',
  'unit_name',
  'group',
  'participants',
  'average_score',
] as const;

const EXPORTS = ['pledges', 'sites', 'quiz'] as const;
type Export = (typeof EXPORTS)[number];

type SitesResponse = z.infer<typeof sitesResponseSchema>;

/** Index of each id in the campaign's order; ids it no longer lists come after, by id. */
function byCampaignOrder(ids: readonly string[]): (a: string, b: string) => number {
  const order = new Map(ids.map((id, index) => [id, index]));
  return (a, b) => (order.get(a) ?? ids.length) - (order.get(b) ?? ids.length) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Daily rows by day, then unit and choice in the campaign's order (the console's table and the CSV). */
function orderDays(doc: CampaignDoc, rows: DailyRow[]): DailyRow[] {
  const unit = byCampaignOrder(doc.units.map((u) => u.id));
  const choice = byCampaignOrder(doc.choices.map((c) => c.id));
  return rows.sort(
    (a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) || unit(a.unit, b.unit) || choice(a.choice, b.choice),
  );
}

/** Participants and mean score per unit of each of the campaign's quizzes, from the live statistics. */
function quizFigures(doc: CampaignDoc, deps: ResultsDeps): ResultsResponse['quizzes'] {
  return (doc.quizzes ?? []).map(({ id, title }) => {
    const stats = deps.quizStats(id);
    const byUnit = new Map(stats?.units.map((unit) => [unit.id, unit]));
    return {
      quiz: id,
      title,
      units: doc.units.map((unit) => ({
        unit: unit.id,
        participants: byUnit.get(unit.id)?.participants ?? 0,
        averageScore: byUnit.get(unit.id)?.averageScore ?? 0,
      })),
    };
  });
}

async function results(doc: CampaignDoc, deps: ResultsDeps): Promise<ResultsResponse> {
  const days = orderDays(doc, await deps.store.daily(doc.id));
  return {
    campaign: doc.id,
    total: days.reduce((sum, row) => sum + row.count, 0),
    days,
    quizzes: quizFigures(doc, deps),
  };
}

async function sites(doc: CampaignDoc, deps: ResultsDeps): Promise<Site[]> {
  const listed = new Set(doc.allowedOrigins);
  return (await deps.reach.sites(doc.id)).map((site) => ({ ...site, listed: listed.has(site.origin) }));
}

/** The rows of one export: unit names and choice labels in Vietnamese (the campaign office's language). */
async function exportRows(what: Export, doc: CampaignDoc, deps: ResultsDeps): Promise<[readonly string[], Cell[][]]> {
  const units = new Map(doc.units.map((unit) => [unit.id, unit]));
  switch (what) {
    case 'pledges': {
      const labels = new Map(doc.choices.map((choice) => [choice.id, choice.label.vi]));
      const { days } = await results(doc, deps);
      return [
        EXPORT_CSV_COLUMNS,
        days.map(({ day, unit, choice, count }) => [
          day,
          unit,
          units.get(unit)?.name ?? '',
          units.get(unit)?.group ?? '',
          choice,
          labels.get(choice) ?? '',
          count,
        ]),
      ];
    }
    case 'sites':
      return [
        SITES_CSV_COLUMNS,
        (await sites(doc, deps)).map((site) => [
          site.origin,
          site.listed ? 1 : 0,
          site.firstSeen,
          site.lastSeen,
          site.reads,
          site.pledges,
        ]),
      ];
    case 'quiz':
      return [
        QUIZ_CSV_COLUMNS,
        quizFigures(doc, deps).flatMap(({ quiz, title, units: figures }) =>
          figures.map(({ unit, participants, averageScore }) => [
            quiz,
            title.vi,
            unit,
            units.get(unit)?.name ?? '',
            units.get(unit)?.group ?? '',
            participants,
            averageScore,
          ]),
        ),
      ];
  }
}

export function resultsRoutes(deps: ResultsDeps): Hono<AdminEnv> {
  const now = deps.now ?? Date.now;
  const routes = new Hono<AdminEnv>();

  const campaignOf = (c: Context<AdminEnv>) => deps.campaigns.get(c.req.param('campaign') ?? '');
  const unknown = (c: Context<AdminEnv>) =>
    adminError(c, 404, 'unknown_campaign', `No campaign "${c.req.param('campaign') ?? ''}"`);

  routes.get('/:campaign/results', async (c) => {
    const doc = campaignOf(c);
    if (!doc) return unknown(c);
    return c.json(await results(doc, deps));
  });

  routes.get('/:campaign/sites', async (c) => {
    const doc = campaignOf(c);
    if (!doc) return unknown(c);
    return c.json({ embed: doc.embed, sites: await sites(doc, deps) } satisfies SitesResponse);
  });

  routes.get('/:campaign/export.csv', async (c) => {
    const doc = campaignOf(c);
    if (!doc) return unknown(c);
    const what = (c.req.query('what') ?? 'pledges') as Export;
    if (!EXPORTS.includes(what))
      return adminError(c, 400, 'invalid_field', `"what" is one of ${EXPORTS.join(', ')}`, { field: 'what' });
    const [columns, rows] = await exportRows(what, doc, deps);
    const name = `${doc.id}${what === 'pledges' ? '' : `-${what}`}-${vietnamDay(now())}.csv`;
    return c.body(toCsv(columns, rows), 200, {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      // The id is a slug (ascii letters, digits, "-"): safe inside the quotes as it is.
      'Content-Disposition': `attachment; filename="${name}"`,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  return routes;
}
