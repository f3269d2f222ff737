/**
 * Lit's templates keep their text through the JS minifier: comments, indentation and spaces would travel to every
 * visitor. Lit's own Rollup plugin minifies the html`…` (html-minifier-next) and css`…` (lightningcss) templates of
 * src/. The dark palettes are `unsafeCSS(\`…\`)` declaration lists spliced into rules: the plugin sees only tagged
 * templates, so those are picked by their call and minified inside a throwaway rule.
 */
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import {
  defaultShouldMinifyCSS,
  minifyHTMLLiterals,
  type Options,
} from '@lit-labs/rollup-plugin-minify-html-literals/lib/minify-html-literals.js';
import { defaultStrategy } from '@lit-labs/rollup-plugin-minify-html-literals/lib/strategy.js';
import type { Plugin } from 'vite';

const { minifyCSS: minifyStylesheet } = defaultStrategy;
if (!minifyStylesheet)
  throw new Error('@lit-labs/rollup-plugin-minify-html-literals no longer minifies CSS: check its update');
/** A declaration list (no braces) is not a stylesheet to lightningcss: give it a rule for the time of minifying. */
const minifyCSS = (text: string) =>
  /[{}]/.test(text) ? minifyStylesheet(text) : minifyStylesheet(`a{${text}}`).slice(2, -1);

export function minifyLitTemplates(): Plugin {
  return minifyHTML({
    include: ['src/**/*.ts'],
    // A template the minifier cannot read stops the build, rather than shipping it unminified with a warning.
    failOnError: true,
    minifyHTMLLiterals: (source: string, options?: Options) =>
      minifyHTMLLiterals(source, {
        ...options,
        shouldMinifyCSS: (template) =>
          defaultShouldMinifyCSS(template) || source.slice(0, template.parts[0].start).endsWith('unsafeCSS(`'),
        strategy: { ...defaultStrategy, minifyCSS },
      }),
  }) as unknown as Plugin; // a Rollup plugin with one transform hook, which Vite runs as its own
}
