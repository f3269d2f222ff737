import { css, unsafeCSS, type CSSResult } from 'lit';

/** Custom properties for `theme="dark"`, and for `theme="auto"` when the visitor's setting is dark. */
export const darkTheme = (properties: CSSResult): CSSResult => css`
  :host([theme='dark']) {
    ${properties}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${properties}
    }
  }
`;

/**
 * Theme tokens. Pages theme every widget at once with the public `--lantoa-*` custom properties;
 * widgets read only the private `--_*` copies, so a missing public value falls back to our palette.
 * Every text/background pair below meets WCAG AA (4.5:1) in both palettes.
 */
const dark = unsafeCSS(`
  --_surface: var(--lantoa-color-surface, #15181d);
  --_surface-alt: var(--lantoa-color-surface-alt, #1d2532);
  --_text: var(--lantoa-color-text, #e8ebef);
  --_text-muted: var(--lantoa-color-text-muted, #b4bcc6);
  --_primary: var(--lantoa-color-primary, #1f5fb8);
  --_on-primary: var(--lantoa-color-on-primary, #ffffff);
  --_link: var(--lantoa-color-link, #9cc3ff);
  --_border: var(--lantoa-color-border, #5b6878);
  --_danger: var(--lantoa-color-danger, #ffb4ab);
  --_danger-surface: var(--lantoa-color-danger-surface, #3b1512);
  --_success: var(--lantoa-color-success, #8fdc9f);
  --_success-surface: var(--lantoa-color-success-surface, #12301b);
  color-scheme: dark;
`);

export const themeTokens = css`
  :host {
    /* The default text size of the browser, as the visitor chose it, whatever the page did to html or
       body (1rem = 10px themes set html to 62.5%); see resetStyles. A page rule on the element can enlarge it. */
    font-size: medium;
    --_font: var(
      --lantoa-font-family,
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      'Noto Sans',
      'Helvetica Neue',
      Arial,
      sans-serif
    );
    --_radius: var(--lantoa-radius, 0.5em);
    /* A tap target: 44 px at least (WCAG 2.5.5), more when the text is larger. Substituted where used,
       so the em is the size of that element. */
    --_tap: max(44px, 2.75em);
    --_surface: var(--lantoa-color-surface, #ffffff);
    --_surface-alt: var(--lantoa-color-surface-alt, #eef4fb);
    --_text: var(--lantoa-color-text, #1b1f24);
    --_text-muted: var(--lantoa-color-text-muted, #4a5360);
    --_primary: var(--lantoa-color-primary, #0b4ea2);
    --_on-primary: var(--lantoa-color-on-primary, #ffffff);
    --_accent: var(--lantoa-color-accent, #ffd23f);
    --_on-accent: var(--lantoa-color-on-accent, #1b1f24);
    --_link: var(--lantoa-color-link, #0b4ea2);
    --_border: var(--lantoa-color-border, #8593a3);
    --_danger: var(--lantoa-color-danger, #a4231b);
    --_danger-surface: var(--lantoa-color-danger-surface, #fdecea);
    --_success: var(--lantoa-color-success, #1b6e30);
    --_success-surface: var(--lantoa-color-success-surface, #e8f5eb);
    --_focus: var(--lantoa-color-focus, #ffd23f);
    --_focus-inner: var(--lantoa-color-focus-inner, #1b1f24);
    color-scheme: light;
  }
  /* Light unless the page opts in: a light union site must not show dark cards on a phone in dark mode
     (as Shoelace and USWDS do). Theme auto follows the setting of the visitor. */
  ${darkTheme(dark)}
  /* Outside hidden must win over any page rule that gives custom elements a display. */
  :host([hidden]) {
    display: none !important;
  }
`;

/**
 * Host pages restyle everything they can reach; inherited properties cross the shadow boundary.
 * `.reset` on a widget's outer box puts back the values our layout depends on.
 *
 * Sizes: the outer box takes the larger of the page's root size and the browser's default (the host's
 * `medium`), and everything inside sizes in `em`, never `rem`. So a theme with `html { font-size: 62.5% }`
 * shrinks nothing, a visitor who enlarged the browser's default font gets larger widgets on every site,
 * and a page that enlarges its root text enlarges the widgets with it.
 */
export const resetStyles = css`
  .reset {
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: max(1rem, 1em);
    font-weight: 400;
    font-style: normal;
    line-height: 1.5;
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-transform: none;
    text-indent: 0;
    text-shadow: none;
    white-space: normal;
    color: var(--_text);
    overflow-wrap: anywhere;
  }
  .reset *,
  .reset *::before,
  .reset *::after {
    box-sizing: inherit;
  }
  /* Two-tone focus ring: visible on light, dark and brand-coloured surfaces alike. */
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 2px var(--_focus-inner);
  }
  .problem {
    margin: 0;
    padding: 0.75em 1em;
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
    background: var(--_danger-surface);
    color: var(--_text);
  }
  .problem strong {
    color: var(--_danger);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;

/** The card every widget but the banner is drawn in, and its title. */
export const cardStyles = /* @__PURE__ */ css`
  .card {
    padding: 1em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .title {
    font-size: 1.125em;
    font-weight: 700;
    line-height: 1.3;
  }
`;

/**
 * The forms of the pledge counter and the quiz card: a fieldset without the browser's frame, and the primary
 * button, a full tap target in the brand colour.
 */
export const formStyles = /* @__PURE__ */ css`
  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0;
  }
  button {
    min-height: var(--_tap);
    padding: 0.5em 1.25em;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font: inherit;
    font-weight: 700;
    cursor: pointer;
  }
`;
