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

const quizPath = (quiz: string) => `${API_PREFIX}/quizzes/${encodeURIComponent(quiz)}`;
const campaignPath = (campaign: string) => `${API_PREFIX}/campaigns/${encodeURIComponent(campaign)}`;

/** The quiz's two paths on their own, so the quiz card's bundle does not carry the campaign's (tree-shaking). */
export const quizResultsPath = (quiz: string) => `${quizPath(quiz)}/results`;
export const quizStatsPath = (quiz: string) => `${quizPath(quiz)}/stats`;

/** Paths of the API, for the widget (prefix with the service origin) and the service's routes. */
export const apiPath = {
  campaign: campaignPath,
  counts: (campaign: string) => `${campaignPath(campaign)}/counts`,
  pledges: (campaign: string) => `${campaignPath(campaign)}/pledges`,
  stream: (campaign: string) => `${campaignPath(campaign)}/stream`,
  /** The banner's messages (`{ messages }`), as the console publishes them. */
  feed: (campaign: string) => `${campaignPath(campaign)}/feed`,
  quiz: quizPath,
  quizResults: quizResultsPath,
  quizStats: quizStatsPath,
};
