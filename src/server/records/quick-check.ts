/**
 * The request bodies' fast checks: generated from the contract's zod schemas (src/contract/checks.ts), true
 * only for bodies the schema accepts. They run first on every pledge and result because they cost a fraction
 * of a zod parse; anything they do not accept goes through zod, which names the field and says what is wrong.
 */
export { quickPledge, quickQuizResult } from '../../contract/checks.js';
