import { css, unsafeCSS } from 'lit';
import { darkTheme } from '../../core/theme.js';

/**
 * Chart colours: every series colour is at least 3:1 against the card (WCAG 1.4.11, graphics) in its
 * palette, and each series is also told apart by point shape and dash, never by colour alone.
 */
const dark = unsafeCSS(`
  --_chart-1: var(--lantoa-chart-color-1, #9cc3ff);
  --_chart-2: var(--lantoa-chart-color-2, #ffb4ab);
  --_chart-3: var(--lantoa-chart-color-3, #7fd49a);
  --_chart-4: var(--lantoa-chart-color-4, #f0c060);
  --_grid: #3a4350;
`);

export const progressChartStyles = css`
  :host {
    display: block;
    --_chart-1: var(--lantoa-chart-color-1, var(--_primary));
    --_chart-2: var(--lantoa-chart-color-2, #b3261e);
    --_chart-3: var(--lantoa-chart-color-3, #1e7a3c);
    --_chart-4: var(--lantoa-chart-color-4, #7a4b00);
    --_grid: #d5dbe3;
  }
  ${darkTheme(dark)}
  .card {
    display: flex;
    flex-direction: column;
    gap: 0.5em;
    /* Table, chart, message and loading state all take the same room, so nothing below moves. It grows only
       when the chart would get less than its floor (a long note and source on a phone), from the first render. */
    min-height: var(--lantoa-chart-height, 26em);
    margin: 0;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25em 0.75em;
  }
  .badge {
    padding: 0 0.5em;
    border: 1px dashed var(--_text-muted);
    border-radius: var(--_radius);
    color: var(--_text);
    font-size: 0.8125em;
    white-space: nowrap;
  }
  .box {
    position: relative;
    /* At least 12em for the chart; its content never sizes it (a pasted table or a message scrolls inside). */
    flex: 1 0 12em;
    contain: size;
    overflow: auto;
  }
  .layer {
    position: absolute;
    inset: 0;
  }
  .layer.table {
    overflow: auto;
  }
  .layer.chart {
    display: flex;
    flex-direction: column;
    gap: 0.5em;
  }
  /* chart.js sizes the canvas to this box (responsive, no fixed aspect ratio). */
  .canvas {
    position: relative;
    flex: 1;
    min-height: 0;
  }
  .off {
    visibility: hidden;
  }
  canvas {
    display: block;
  }
  .status {
    margin: 0;
    color: var(--_text-muted);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9375em;
  }
  th,
  td {
    padding: 0.375em 0.5em;
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
    /* Whole words: a narrow table scrolls sideways in its (focusable) region instead of breaking a header mid-word. */
    overflow-wrap: normal;
    min-width: 4.5em;
  }
  thead th {
    font-weight: 700;
  }
  tbody th {
    min-width: 9em;
    font-weight: 400;
  }
  .number {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .foot {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em 1em;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.875em;
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 0.375em;
  }
  button {
    min-height: var(--_tap);
    padding: 0.5em 1em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    border-color: var(--_text);
    box-shadow: inset 0 0 0 1px var(--_text);
  }
  .retry {
    margin-top: 0.75em;
  }
  .source,
  .note {
    margin: 0;
    color: var(--_text-muted);
    font-size: 0.8125em;
  }
  @media print {
    .card {
      height: auto;
      break-inside: avoid;
    }
    .box {
      contain: none;
      overflow: visible;
    }
    .layer {
      position: static;
      visibility: visible;
    }
    .layer.chart {
      height: 18em;
    }
    .toggle,
    .undrawn {
      display: none;
    }
  }
`;
