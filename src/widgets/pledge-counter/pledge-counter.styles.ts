import { css } from 'lit';

export const pledgeCounterStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_accent-bar: var(--lantoa-pledge-bar-color, var(--_primary));
  }
  .card {
    min-height: inherit;
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .title {
    margin: 0 0 0.75rem;
    font-size: 1.125rem;
    font-weight: 700;
    line-height: 1.3;
  }
  .illustrative {
    margin: -0.5rem 0 0.75rem;
    color: var(--_text-muted);
    font-size: 0.875rem;
  }
  .figures {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 2rem;
    margin: 0 0 0.75rem;
  }
  .figure dt {
    color: var(--_text-muted);
    font-size: 0.875rem;
  }
  .figure dd {
    margin: 0;
    font-size: 1.75rem;
    font-weight: 700;
    line-height: 1.2;
    font-variant-numeric: tabular-nums;
  }
  .progress-label {
    margin: 0 0 0.25rem;
    font-size: 0.875rem;
  }
  .bar {
    height: 0.75rem;
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
    margin: 1rem 0 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0;
    margin-block-end: 0.5rem;
    font-weight: 700;
  }
  label {
    display: flex;
    align-items: center;
    gap: 0.625rem;
    min-height: 2.75rem;
    padding: 0.25rem 0.5rem;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  label:hover {
    background: var(--_surface-alt);
  }
  input[type='radio'] {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    accent-color: var(--_primary);
    flex: none;
  }
  button {
    margin-block-start: 0.75rem;
  }
  button.secondary {
    background: transparent;
    color: var(--_link);
  }
  button[disabled] {
    opacity: 0.7;
    cursor: progress;
  }
  .notice {
    margin: 1rem 0 0;
    padding: 0.75rem 1rem;
    border-inline-start: 0.25rem solid var(--_primary);
    background: var(--_surface-alt);
  }
  .notice strong {
    display: block;
  }
  .hint {
    margin: 0.5rem 0 0;
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
    margin-block-start: 1rem;
  }
  caption {
    text-align: start;
    font-weight: 700;
    margin-block-end: 0.5rem;
  }
  th,
  .number {
    overflow-wrap: normal;
  }
  thead th {
    white-space: nowrap;
    font-size: 0.875rem;
  }
  th,
  td {
    padding: 0.375rem 0.5rem;
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
    min-width: 4rem;
  }
  :host([variant='compact']) .card {
    padding: 0.75rem;
  }
  :host([variant='compact']) .figure dd {
    font-size: 1.25rem;
  }
  @media (prefers-reduced-motion: reduce) {
    .bar > span {
      transition: none;
    }
  }
`;
