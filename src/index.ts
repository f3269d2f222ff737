/** Every Lantoa widget, registered (one line per widget of scripts/widgets.ts: test/scripts/widgets.test.ts checks it). The classic `lantoa.iife.js` bundle is built from this file. */
export { LantoaBanner } from './widgets/banner/banner.js';
export type { BannerVariant, BannerCtaDetail, BannerDismissDetail } from './widgets/banner/banner.js';
export { LantoaPledgeCounter } from './widgets/pledge-counter/pledge-counter.js';
export type { PledgeCounterVariant, PledgeEventDetail } from './widgets/pledge-counter/pledge-counter.js';
export { LantoaProgressChart } from './widgets/progress-chart/progress-chart.js';
export type { ChartReadyDetail } from './widgets/progress-chart/progress-chart.js';
export type { ChartData, ChartKind } from './widgets/progress-chart/progress-chart.data.js';
export { LantoaQuizCard } from './widgets/quiz-card/quiz-card.js';
export type { QuizAnswerDetail, QuizCompleteDetail } from './widgets/quiz-card/quiz-card.js';
