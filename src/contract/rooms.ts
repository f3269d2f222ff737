/**
 * The room each widget's snippet reserves (a `<style>` line, CSS `min-height`) so the host page does not move
 * while the script and the data are on their way: the embed builder's snippets, the service's pages and the bench
 * pages take it from here.
 */
/**
 * The banner's room, the one definition (the README, the docs, Storybook, the demo and bench pages and page.css
 * carry the same text; test/scripts/widget-docs.test.ts checks them): at each width at least the bar's height with
 * the sample campaign's feed messages and with its own headline and countdown, in Vietnamese and English
 * (test/e2e/banner-room.e2e.test.ts measures it), so nothing below moves when the feed arrives.
 */
export const BANNER_ROOM =
  '#lantoa-top{display:block;min-height:max(9rem,144px)}@media(min-width:36rem){#lantoa-top{min-height:max(10.5rem,168px)}}@media(min-width:64rem){#lantoa-top{min-height:max(7.25rem,116px)}}@media(min-width:80rem){#lantoa-top{min-height:max(5.75rem,92px)}}';
// As the public pages reserve them (assets/page.css): measured at 320 px, where English wraps most.
export const COUNTER_ROOM =
  'lantoa-pledge-counter{display:block;min-height:max(31rem,496px)}@media(max-width:36rem){lantoa-pledge-counter{min-height:max(34rem,544px)}}';
export const QUIZ_ROOM =
  'lantoa-quiz-card{display:block;min-height:max(30rem,480px)}@media(max-width:36rem){lantoa-quiz-card{min-height:max(38rem,608px)}}';
export const CHART_ROOM = 'lantoa-progress-chart{display:block;min-height:max(26rem,416px)}';
