/**
 * The quiz's anonymous results for per-unit participation: a result (quiz, unit, score, total, key) goes
 * through the shared outbox (src/core/outbox.ts), so one taken offline is delivered once, later. Loaded
 * only when there is a result to send (a finished round with `unit`, or one queued by an earlier visit).
 */
import { quizResultsPath, quizStatsPath } from '../../contract/paths.js';
import { isQuizUnitFigures } from '../../contract/answer-checks.js';
import type { QuizResultRequest, QuizResultResponse, QuizStats } from '../../contract/quiz.js';
import { fetchJson } from '../../core/load.js';
import { newKey, type Queued, type SendResult } from '../../core/outbox.js';
import { Outbox, postJson } from '../../core/outbox-delivery.js';
import { serviceBase } from '../../core/api-client.js';
import type { Explain } from '../../core/i18n.js';
import type { LantoaElement } from '../../core/lantoa-element.js';

export interface PendingResult extends Queued {
  quiz: string;
  unit: string;
  score: number;
  total: number;
}

/** A unit's participation as the service counts it, and the unit's name. */
export interface UnitStats {
  name: string;
  participants: number;
  /** Average share of right answers, 0–1. */
  averageScore: number;
}

export interface ResultsOptions {
  storageKey: string;
  /** The `api` attribute (default: the origin the script came from). */
  api: string | undefined;
  /** Every outcome, with the unit's figures when the service sent them. */
  onResult: (result: PendingResult, outcome: SendResult, stats: UnitStats | null) => void;
  retryMs: () => number;
}

/**
 * The results of one quiz card for one service: its outbox (a controller of the card) sends what earlier visits
 * left at once, then each new one. When the card's `api` changes it is not stopped: it still delivers what was
 * queued for its service while the card is on the page.
 */
export class QuizResults {
  readonly api: string;
  private readonly outbox: Outbox<PendingResult>;

  constructor(host: LantoaElement, { storageKey, api, onResult, retryMs }: ResultsOptions) {
    const base = (this.api = serviceBase(api));
    this.outbox = new Outbox<PendingResult>(host, {
      storageKey,
      retryMs,
      owns: (result) => result.api === base,
      // Only unit, score, total and key leave the device.
      send: ({ quiz, unit, score, total, key }) =>
        postJson(base + quizResultsPath(quiz), { unit, score, total, key } satisfies QuizResultRequest),
      onResult: (result, outcome) => {
        if (outcome.outcome === 'rejected')
          host.logProblem(`result refused (HTTP ${outcome.status} ${outcome.code})`, outcome.message);
        onResult(result, outcome, outcome.outcome === 'sent' ? unitStats(outcome.body, result.unit) : null);
      },
    });
  }

  /**
   * Whether the service will count this card's results, asked when the card starts (not after the last
   * question): a refused site (403), an unknown quiz (404) or a unit the campaign does not have is explained;
   * any other failure (offline, a slow network) is not a reason to stop, and the result is queued as usual.
   */
  async check(quiz: string, unit: string): Promise<Explain | undefined> {
    // The stats (every unit of the quiz's campaign), or the HTTP status that refused them.
    const answer = await fetchJson(this.api + quizStatsPath(quiz)).catch((error: { status?: number }) => error.status);
    const ids = (answer as Partial<QuizStats> | undefined)?.units?.map?.((u) => u.id) ?? [];
    return answer === 403 || answer === 404 || (ids.length && !ids.includes(unit))
      ? (await import('../../core/service-problems.js')).quizProblem(answer, this.api, quiz, unit, ids)
      : undefined;
  }

  /** Queues the result on the device, then sends it; returns its idempotency key at once. */
  submit(quiz: string, unit: string, score: number, total: number): string {
    const key = newKey();
    void this.outbox.submit({ api: this.api, quiz, unit, score, total, key, queuedAt: Date.now() });
    return key;
  }
}

/**
 * The unit's figures and name in a result response (src/contract/quiz.ts `quizResultResponseSchema`); null when
 * the unit's figures are not as the contract says (nothing shown). Checked with the zod-free check generated from
 * their schema: zod would add 7 KB to a page whose whole budget is 18 KB, for two numbers and a name.
 */
function unitStats(body: unknown, unit: string): UnitStats | null {
  const units = (body as Partial<QuizResultResponse> | null)?.stats?.units;
  const row = Array.isArray(units) ? units.find((u) => u?.id === unit) : undefined;
  // The row itself (its id beside the figures): copying the three fields would cost bytes the budget lacks.
  return isQuizUnitFigures(row) ? row : null;
}
