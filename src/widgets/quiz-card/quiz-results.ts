/**
 * The quiz's anonymous results for per-unit participation: a result (quiz, unit, score, total, key) goes
 * through the shared outbox (src/core/outbox.ts), so one taken offline is delivered once, later. Loaded
 * only when there is a result to send (a finished round with `unit`, or one queued by an earlier visit).
 */
import { API_PREFIX } from '../../contract/paths.js';
import { newKey, Outbox, postJson, type Queued, type SendResult } from '../../core/outbox.js';
import { serviceBase } from '../../core/service.js';

export interface PendingResult extends Queued {
  quiz: string;
  unit: string;
  score: number;
  total: number;
}

/** A unit's participation as the service counts it. */
export interface UnitStats {
  participants: number;
  /** Average share of right answers, 0–1. */
  averageScore: number;
}

const quizPath = (quiz: string) => `${API_PREFIX}/quizzes/${encodeURIComponent(quiz)}`;
export const resultsPath = (quiz: string) => `${quizPath(quiz)}/results`;
export const statsPath = (quiz: string) => `${quizPath(quiz)}/stats`;

/** Sends one result: only unit, score, total and key leave the device. */
export function sendResult(result: PendingResult): Promise<SendResult> {
  const { unit, score, total, key } = result;
  return postJson(result.api + resultsPath(result.quiz), { unit, score, total, key });
}

export interface ResultsOptions {
  storageKey: string;
  /** The `api` attribute (default: the origin the script came from). */
  api: string | undefined;
  /** Every outcome, with the unit's figures when the service sent them. */
  onResult: (result: PendingResult, outcome: SendResult, stats: UnitStats | null) => void;
  retryMs: () => number;
}

/** The results of one quiz card: sends what earlier visits left at once, then each new one. */
export class QuizResults {
  readonly api: string;
  private readonly outbox: Outbox<PendingResult>;

  constructor(options: ResultsOptions) {
    const api = (this.api = serviceBase(options.api));
    this.outbox = new Outbox<PendingResult>({
      storageKey: options.storageKey,
      send: sendResult,
      owns: (result) => result.api === api,
      onResult: (result, outcome) => options.onResult(result, outcome, outcome.outcome === 'sent' ? unitStats(outcome.body, result.unit) : null),
      retryMs: options.retryMs,
    });
    this.outbox.start();
  }

  /** Queues the result on the device, then sends it; returns its idempotency key at once. */
  submit(quiz: string, unit: string, score: number, total: number): string {
    const key = newKey();
    void this.outbox.submit({ api: this.api, quiz, unit, score, total, key, queuedAt: Date.now() });
    return key;
  }

  stop(): void {
    this.outbox.stop();
  }
}

const count = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * The unit's figures from the service's answer (the stats document, or a POST answer carrying it as
 * `stats`). Read field by field instead of with zod: the quiz page's whole budget is 18 KB and the widget
 * only shows two numbers; anything unexpected gives null (nothing shown).
 */
export function unitStats(body: unknown, unit: string): UnitStats | null {
  const stats = (body as { stats?: unknown } | null)?.stats ?? body;
  const units = (stats as { units?: unknown } | null)?.units;
  if (!Array.isArray(units)) return null;
  const row = (units as { id?: unknown; participants?: unknown; averageScore?: unknown }[]).find((u) => u?.id === unit);
  if (!row || !count(row.participants) || !count(row.averageScore) || row.averageScore > 1) return null;
  return { participants: row.participants, averageScore: row.averageScore };
}
