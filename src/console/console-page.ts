/** The base of every console page: its language, its strings, and the heading that takes focus on arrival. */
import { LitElement } from 'lit';
import { property } from '../core/decorators.js';
import type { Locale } from '../core/i18n.js';
import { consoleStrings, type ConsoleStrings } from './console.strings.js';
import { consoleStyles } from './console.styles.js';

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

  /** Tells the app to go to another console path (it pushes history and renders that page). */
  protected navigate(path: string): void {
    this.dispatchEvent(new CustomEvent('console-navigate', { detail: path, bubbles: true, composed: true }));
  }
}
