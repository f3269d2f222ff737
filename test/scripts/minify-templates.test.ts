/**
 * The build's template minifier (scripts/minify-templates.ts, Lit's plugin): what reaches visitors has no
 * comments or indentation inside html`…`, css`…` and the unsafeCSS(`…`) palettes, the expressions stay in place,
 * and files outside src/ are left alone.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { minifyLitTemplates } from '../../scripts/minify-templates.js';

const SOURCE = `import { css, html, unsafeCSS } from 'lit';
const dark = unsafeCSS(\`
  --_text: var(--lantoa-color-text, #ffffff);
  color-scheme: dark;
\`);
export const styles = css\`
  /* why this rule: a comment no visitor needs */
  :host([theme='dark']) {
    \${dark}
  }
  .card {
    padding: 0.75em 1em;
  }
\`;
export const view = (name: string) => html\`
  <p class="card">
    <!-- a comment -->
    <strong>\${name}</strong>
  </p>
\`;
`;

async function transform(code: string, file: string): Promise<string | undefined> {
  const hook = minifyLitTemplates().transform as (
    this: unknown,
    code: string,
    id: string,
  ) => Promise<{ code: string } | null | undefined>;
  const result = await hook.call({ warn: assert.fail, error: assert.fail }, code, resolve(file));
  return result?.code;
}

test('html, css and the unsafeCSS palette lose comments and indentation; expressions stay', async () => {
  const out = await transform(SOURCE, 'src/widgets/x/x.ts');
  assert.ok(out, 'the file was transformed');
  assert.ok(out.includes('unsafeCSS(`--_text:var(--lantoa-color-text,#fff);color-scheme:dark`)'), out);
  assert.match(out, /css`:host\(\[theme=dark\]\)\{\$\{dark\}\}\.card\{padding:\.75em 1em\}`/);
  assert.ok(out.includes('html`<p class="card"><strong>${name}</strong></p>`'), out);
  assert.doesNotMatch(out, /comment|\n {2}/);
});

test('files outside src/ are not touched', async () => {
  assert.equal(await transform(SOURCE, 'test/x.ts'), undefined);
});
