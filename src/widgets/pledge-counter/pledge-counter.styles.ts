import { css } from 'lit';

export const pledgeCounterStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_accent-bar: var(--lantoa-pledge-bar-color, var(--_primary));
  }
  .card {
    min-height: inherit;
  }
  .title {
    margin: 0 0 0.75em;
  }
  .illustrative {
    margin: -0.5em 0 0.75em;
    color: var(--_text-muted);
    font-size: 0.875em;
  }
  .figures {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em 2em;
    margin: 0 0 0.75em;
  }
  .figure dt {
    color: var(--_text-muted);
    font-size: 0.875em;
  }
  .figure dd {
    margin: 0;
    font-size: 1.75em;
    font-weight: 700;
    line-height: 1.2;
    font-variant-numeric: tabular-nums;
  }
  .progress-label {
    margin: 0 0 0.25em;
    font-size: 0.875em;
  }
  .bar {
    height: 0.75em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface-alt);
    overflow: hidden;
  }
  .bar > span {
    display: block;
    height: 100%;
    background: var(--_accent-bar);
    transition: width 0.6s ease-out;
  }
  fieldset {
    margin-block-start: 1em;
  }
  legend {
    margin-block-end: 0.5em;
    font-weight: 700;
  }
  /* The choices' labels (the ranking's search label is plain). */
  fieldset label {
    display: flex;
    align-items: center;
    gap: 0.625em;
    min-height: var(--_tap);
    padding: 0.25em 0.5em;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  fieldset label:hover {
    background: var(--_surface-alt);
  }
  input[type='radio'] {
    width: 1.25em;
    height: 1.25em;
    margin: 0;
    accent-color: var(--_primary);
    flex: none;
  }
  button {
    margin-block-start: 0.75em;
  }
  button.secondary,
  button.retry {
    background: transparent;
    color: var(--_link);
  }
  button[disabled] {
    opacity: 0.7;
    cursor: progress;
  }
  .notice {
    margin: 1em 0 0;
    padding: 0.75em 1em;
    border-inline-start: 0.25em solid var(--_primary);
    background: var(--_surface-alt);
  }
  .notice strong {
    display: block;
  }
  .hint {
    margin: 0.5em 0 0;
    color: var(--_danger);
    font-weight: 700;
  }
  .loading {
    color: var(--_text-muted);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  table {
    margin-block-start: 1em;
  }
  caption {
    text-align: start;
    font-weight: 700;
    margin-block-end: 0.5em;
  }
  th,
  .number {
    overflow-wrap: normal;
  }
  thead th {
    white-space: nowrap;
    font-size: 0.875em;
  }
  th,
  td {
    padding: 0.375em 0.5em;
    border-block-end: 1px solid var(--_border);
    text-align: start;
    vertical-align: middle;
  }
  .number {
    text-align: end;
  }
  .narrow {
    width: 1%;
  }
  td .bar {
    min-width: 4em;
  }
  :host([variant='compact']) .card {
    padding: 0.75em;
  }
  :host([variant='compact']) .figure dd {
    font-size: 1.25em;
  }
  @media (prefers-reduced-motion: reduce) {
    .bar > span {
      transition: none;
    }
  }
`;
