/**
 * The "Guides" pages: the generated docs/widgets/*.md (npm run docs), shown in Storybook as they are, so the
 * guides and the widgets' stories cannot drift apart. Links between those pages become Storybook links; links to
 * other files of the repository become their path, which a Storybook reader can look up.
 */
import { toId } from 'storybook/internal/csf';

/** The page of each docs/widgets file, by file name; the .mdx files under guides/ carry the same titles. */
export const GUIDE_TITLES: Record<string, string> = {
  'README.md': 'Guides/Nhúng vào trang · Embedding',
  'banner.md': 'Guides/Banner',
  'pledge-counter.md': 'Guides/Pledge counter',
  'progress-chart.md': 'Guides/Progress chart',
  'quiz-card.md': 'Guides/Quiz card',
};

/** A link of a docs/widgets page, for the Markdown block: another guide's Storybook page, or the file's repository path. */
function guideLink(text: string, href: string): string {
  if (/^(https?:|#)/.test(href)) return `[${text}](${href})`;
  const [file] = href.split('#');
  if (file in GUIDE_TITLES) return `[${text}](?path=/docs/${toId(GUIDE_TITLES[file], 'Docs')})`;
  const path = new URL(href, 'https://repo/docs/widgets/').pathname.slice(1);
  return text.replaceAll('`', '') === path ? `\`${path}\`` : `${text} (\`${path}\`)`;
}

/** A docs/widgets page as the Markdown block shows it: without the generator's comment, with its links resolved. */
export function guide(markdown: string): string {
  return markdown
    .replace(/^<!--[\s\S]*?-->\s*/, '')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_match, text: string, href: string) => guideLink(text, href));
}
