/** The console's look: the widgets' theme tokens and reset (src/core/theme.ts) plus admin layout, forms, tables. */
import { css } from 'lit';
import { resetStyles, themeTokens } from '../core/theme.js';

const consoleRules = css`
  :host {
    display: block;
    font-size: 1rem;
    color: var(--_text);
  }
  h1 {
    font-size: 1.75rem;
    line-height: 1.2;
    margin: 0 0 0.75rem;
  }
  h2 {
    font-size: 1.3rem;
    margin: 1.5rem 0 0.5rem;
  }
  h3 {
    font-size: 1.1rem;
    margin: 1rem 0 0.5rem;
  }
  h1:focus {
    outline: none;
  }
  h1:focus-visible {
    outline: 3px solid var(--_focus);
  }
  p {
    margin: 0 0 0.75rem;
  }
  a {
    color: var(--_link);
  }
  label,
  .label {
    display: block;
    font-weight: 600;
    margin: 0.75rem 0 0.25rem;
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    box-sizing: border-box;
    width: 100%;
    max-width: 40rem;
    min-height: 44px;
    padding: 0.4rem 0.6rem;
    border: 2px solid #4a5360;
    border-radius: 4px;
    background: #fff;
    color: var(--_text);
    font: inherit;
  }
  input[type='number'] {
    max-width: 10rem;
  }
  input[readonly] {
    background: var(--_surface-alt);
  }
  textarea {
    min-height: 5rem;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger) !important;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    font-weight: 400;
    margin: 0.5rem 0;
  }
  .check input {
    width: 1.4rem;
    height: 1.4rem;
  }
  fieldset {
    min-width: 0;
    margin: 0 0 1rem;
    padding: 0.75rem 1rem 1rem;
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: var(--_surface);
  }
  legend {
    font-weight: 700;
    padding: 0 0.25rem;
  }
  button,
  .button {
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 44px;
    min-width: 44px;
    padding: 0.4rem 1rem;
    border: 2px solid var(--_primary);
    border-radius: 4px;
    background: var(--_primary);
    color: var(--_on-primary);
    font: inherit;
    font-weight: 700;
    text-decoration: none;
    cursor: pointer;
  }
  button.secondary,
  .button.secondary {
    background: var(--_surface);
    color: var(--_primary);
  }
  button.danger {
    background: var(--_surface);
    border-color: var(--_danger);
    color: var(--_danger);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 1rem 0;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
    column-gap: 1rem;
  }
  .status {
    margin: 0.75rem 0;
    padding: 0.5rem 0.75rem;
    border-left: 5px solid var(--_success);
    background: var(--_success-surface);
  }
  .error-summary {
    margin: 0.75rem 0;
    padding: 0.75rem 1rem;
    border: 3px solid var(--_danger);
    background: var(--_surface);
  }
  .error-summary h2 {
    margin: 0 0 0.5rem;
    font-size: 1.1rem;
  }
  .error-summary ul {
    margin: 0;
    padding-left: 1.25rem;
    color: var(--_danger);
  }
  .field-error {
    display: block;
    color: var(--_danger);
    font-weight: 700;
    margin: 0.25rem 0;
  }
  .muted {
    color: var(--_text-muted);
  }
  .table-wrap {
    overflow-x: auto;
    max-width: 100%;
    margin: 0.5rem 0 1rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    background: var(--_surface);
  }
  caption {
    text-align: start;
    font-weight: 700;
    padding: 0.25rem 0;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.5rem;
    border-bottom: 1px solid var(--_border);
  }
  td.number,
  th.number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  pre {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font-size: 0.85rem;
    max-height: 16rem;
    overflow: auto;
  }
`;

/** A table with `class="stack"` and `data-label` on its cells becomes one card per row on a phone. */
const stackedTables = css`
  @media (max-width: 40rem) {
    table.stack thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    table.stack tr {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 0 0.75rem;
      padding: 0.5rem 0;
      border-bottom: 2px solid var(--_border);
    }
    table.stack th,
    table.stack td {
      border: 0;
      padding: 0.25rem 0;
      text-align: start;
    }
    table.stack tr > :first-child,
    table.stack tr > :last-child {
      grid-column: 1 / -1;
    }
    table.stack [data-label]::before {
      content: attr(data-label);
      display: block;
      font-weight: 600;
      font-size: 0.9rem;
    }
  }
`;

export const consoleStyles = [themeTokens, resetStyles, consoleRules, stackedTables];
