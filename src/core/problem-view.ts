/**
 * The in-widget problem message and its words, loaded only when a widget has a problem to show (as
 * service-problems.ts): the happy path of every widget never pays for them.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Locale, Strings } from './i18n.js';
import type { Problem } from './problem.js';

const words: Strings<{
  problemTitle: string;
  unexpected: string;
  retry: string;
  invalidAttribute: (name: string, expected: string) => string;
}> = {
  vi: {
    problemTitle: 'Không hiển thị được tiện ích.',
    unexpected: 'Đã xảy ra lỗi không mong muốn. Vui lòng tải lại trang.',
    retry: 'Thử lại',
    invalidAttribute: (name, expected) => `Thuộc tính “${name}” không hợp lệ: cần ${expected}.`,
  },
  en: {
    problemTitle: 'This widget cannot be shown.',
    unexpected: 'Something unexpected went wrong. Please reload the page.',
    retry: 'Try again',
    invalidAttribute: (name, expected) => `The “${name}” attribute is invalid: expected ${expected}.`,
  },
};

/** A bug in a widget's rendering. */
export const unexpected: Problem = { explain: (locale) => words[locale].unexpected };

export const invalidAttribute = (locale: Locale, name: string, expected: string): string =>
  words[locale].invalidAttribute(name, expected);

/** A short localized message inside the widget's own box, and "Try again" when that can help. */
export function renderProblem({ explain, retry }: Problem, locale: Locale): TemplateResult {
  const t = words[locale];
  return html`<p part="problem" class="reset problem" role="status"><strong>${t.problemTitle}</strong> ${explain(locale)}</p>
    ${retry ? html`<button class="retry" type="button" @click=${retry}>${t.retry}</button>` : nothing}`;
}
