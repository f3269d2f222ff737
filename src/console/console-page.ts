/**
 * The base of every console page: its language, its strings, the heading that takes focus on arrival, and the
 * parts every page draws the same way (data loading, tables).
 */
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property } from '../core/decorators.js';
import type { Locale } from '../core/i18n.js';
import { consoleStrings, type ConsoleStrings } from './console.strings.js';
import { consoleStyles } from './console.styles.js';
import { explain } from './form.js';
import type { Loading } from './loader.js';

export interface TableOptions {
  /** Shows the table's name above it too (the region's name is for screen readers). */
  caption?: boolean;
  /** One card per row on a phone (cells need `data-label`). */
  stack?: boolean;
}

/** A column's heading: its text, or {@link numberColumn}'s for a column of numbers (aligned right). */
export type ColumnHeading = string | { number: string };

export const numberColumn = (label: string): ColumnHeading => ({ number: label });

/**
 * A table in a region that scrolls sideways when it is wider than the screen: focusable, so a keyboard can scroll
 * it, and named, so a screen reader says what it holds. `columns` are the header row's headings, `body` its rows.
 */
export function tableRegion(
  name: string,
  columns: readonly ColumnHeading[],
  body: unknown,
  options: TableOptions = {},
): TemplateResult {
  const head = columns.map((column) =>
    typeof column === 'string'
      ? html`<th scope="col">${column}</th>`
      : html`<th scope="col" class="number">${column.number}</th>`,
  );
  return html`<div class="table-wrap" role="region" tabindex="0" aria-label=${name}>
    <table class=${options.stack ? 'stack' : nothing}>
      ${options.caption ? html`<caption>${name}</caption>` : nothing}
      <thead>
        <tr>
          ${head}
        </tr>
      </thead>
      <tbody>
        ${body}
      </tbody>
    </table>
  </div>`;
}

export class ConsolePage extends LitElement {
  static override styles = consoleStyles;

  @property() locale: Locale = 'vi';

  protected get s(): ConsoleStrings {
    return consoleStrings[this.locale];
  }

  /** Moves focus to the page's h1 (after navigation), so screen readers announce where the editor is. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  /**
   * True while the page holds edits not saved yet: the app then asks before leaving it (another console page,
   * Back, closing the tab). Pages without a form have none.
   */
  hasUnsavedChanges(): boolean {
    return false;
  }

  /**
   * What a page shows of data it loads from the service: the refusal, if any, in the editor's words with a button
   * that loads again; then `ready(data)` once the data is there, or "Loading…" while neither is.
   */
  protected renderLoaded<T>({ data, problem, load }: Loading<T>, ready: (data: T) => unknown): TemplateResult {
    const failed = problem !== undefined;
    return html`${
      failed
        ? html`<div class="error-summary" role="alert">
          <p>${explain(problem, this.s)}</p>
          <button type="button" class="secondary" @click=${load}>${this.s.retry}</button>
        </div>`
        : nothing
    }${data !== undefined ? ready(data) : failed ? nothing : html`<p role="status">${this.s.loading}</p>`}`;
  }

  /** Tells the app to go to another console path (it pushes history and renders that page). */
  protected navigate(path: string): void {
    this.dispatchEvent(new CustomEvent('console-navigate', { detail: path, bubbles: true, composed: true }));
  }
}
