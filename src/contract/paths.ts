/**
 * The API's paths and constants: plain values, no zod, so the browser widget can import them statically
 * while the schemas (src/contract/pledge.ts, src/contract/quiz.ts) load only with the data.
 */

/** Every API path starts here; a breaking change gets /api/v2 instead of changing these shapes. */
export const API_PREFIX = '/api/v1';

/** The Server-Sent Events `event:` name whose `data:` is a {@link Counts} JSON document. */
export const COUNTS_EVENT = 'counts';

/** Largest request body the service reads (bytes), pledges and quiz results alike; either is well under 200. */
export const MAX_BODY_BYTES = 2048;

/** Most questions a quiz result may count (`total`); `score` is at most `total`. */
export const MAX_QUIZ_QUESTIONS = 100;

/** Paths of the API, for the widget (prefix with the service origin) and the service's routes. */
export const apiPath = {
  campaign: (campaign: string) => `${API_PREFIX}/campaigns/${encodeURIComponent(campaign)}`,
  counts: (campaign: string) => `${apiPath.campaign(campaign)}/counts`,
  pledges: (campaign: string) => `${apiPath.campaign(campaign)}/pledges`,
  stream: (campaign: string) => `${apiPath.campaign(campaign)}/stream`,
  quiz: (quiz: string) => `${API_PREFIX}/quizzes/${encodeURIComponent(quiz)}`,
  quizResults: (quiz: string) => `${apiPath.quiz(quiz)}/results`,
  quizStats: (quiz: string) => `${apiPath.quiz(quiz)}/stats`,
};
