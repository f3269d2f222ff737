/**
 * What a public page shows of a campaign or unit, read from the service's scopes (campaign data and
 * the live in-memory counts), and the addresses of its pages.
 */
import type { Campaign } from '../../contract/pledge.js';
import type { CampaignScope, Scopes } from '../campaigns/scopes.js';
import type { PageLang } from './language.js';

/**
 * The quiz the widget carries built in (src/widgets/quiz-card/quiz-default.ts, DEFAULT_QUIZ_ID): a unit page
 * shows the quiz only when its campaign declares it, since results go to that quiz id.
 */
export const BUILT_IN_QUIZ = 'chuyen-doi-so-ben-tre';

export interface UnitView {
  id: string;
  name: string;
  count: number;
  goal: number;
  /** No longer takes pledges: its page shows its final count. */
  retired: boolean;
}

export interface CampaignView {
  campaign: Campaign;
  scope: CampaignScope;
  total: number;
  /** Every unit with its count, in the campaign's order. */
  units: UnitView[];
  /** The built-in quiz's title when the campaign declares it. */
  quizTitle?: Campaign['title'];
}

/** The campaign as a page shows it, or undefined when there is no such campaign. */
export function campaignView(scopes: Scopes, id: string): CampaignView | undefined {
  const scope = scopes.campaigns.get(id);
  if (!scope) return undefined;
  const campaign = scope.entry.public;
  const counts = scope.aggregate.snapshot().value;
  const byId = new Map(counts.units.map((unit) => [unit.id, unit.count]));
  return {
    campaign,
    scope,
    total: counts.total,
    units: campaign.units.map((unit) => ({
      id: unit.id,
      name: unit.name,
      goal: unit.goal,
      count: byId.get(unit.id) ?? 0,
      retired: unit.retired === true,
    })),
    quizTitle: scope.entry.quizzes.find((quiz) => quiz.id === BUILT_IN_QUIZ)?.title,
  };
}

/** Addresses of a campaign's or unit's pages under `base` (the public origin). */
export class PageUrls {
  constructor(
    readonly base: string,
    readonly campaign: string,
    readonly unit?: string,
  ) {}

  /** The page itself: /c/:campaign or /c/:campaign/:unit (ids are URL-safe slugs, contract's SLUG_PATTERN). */
  get page(): string {
    return `${this.base}/c/${this.campaign}${this.unit ? `/${this.unit}` : ''}`;
  }

  /** The page in one language: what canonical links and share buttons carry, so a card's language is fixed. */
  pageIn(lang: PageLang): string {
    return `${this.page}?lang=${lang}`;
  }

  image(lang: PageLang): string {
    return `${this.page}/og.png${lang === 'vi' ? '' : '?lang=en'}`;
  }
}
