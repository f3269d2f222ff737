/** The widgets the build knows: tag, build name and entry module. Add a line per new widget. */
export const WIDGETS = [
  { tag: 'lantoa-banner', name: 'banner', entry: 'src/widgets/banner/banner.ts' },
  { tag: 'lantoa-pledge-counter', name: 'pledge-counter', entry: 'src/widgets/pledge-counter/pledge-counter.ts' },
  { tag: 'lantoa-progress-chart', name: 'progress-chart', entry: 'src/widgets/progress-chart/progress-chart.ts' },
  { tag: 'lantoa-quiz-card', name: 'quiz-card', entry: 'src/widgets/quiz-card/quiz-card.ts' },
] as const;
