import { LitElement, html, type TemplateResult } from 'lit';
import { property } from './decorators.js';
import { coreStrings } from './core.strings.js';
import { resolveLocale, toLocale, type Locale } from './i18n.js';

/** Every connected widget, so one observer can re-render them when any ancestor's `lang` changes. */
const connected = new Set<LantoaElement>();
let langObserver: MutationObserver | undefined;

const media = (query: string) => globalThis.matchMedia?.(query);
const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** The visitor asked for less motion: no rotation, no chart animation (CSS handles the rest). Asked each time. */
export const prefersReducedMotion = (): boolean => media(REDUCED_MOTION)?.matches ?? false;

/**
 * Every widget renders again when an ancestor's `lang` changes, or the visitor's motion or light/dark setting
 * (the banner stops rotating; the chart reads its palette from CSS and draws again). Rare events: one listener each.
 */
function observeChanges(): void {
  if (langObserver) return;
  const renderAll = () => connected.forEach((element) => element.requestUpdate());
  langObserver = new MutationObserver(renderAll);
  langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  for (const query of [REDUCED_MOTION, '(prefers-color-scheme: dark)']) media(query)?.addEventListener('change', renderAll);
}

/** Built outside the class so the manifest analyzer lists each widget's own `@fires`, not a generic one. */
function lantoaEvent<T>(name: string, detail: T, cancelable: boolean): CustomEvent<T> {
  return new CustomEvent<T>(name, { detail, bubbles: true, composed: true, cancelable });
}

export type ThemeChoice = 'auto' | 'light' | 'dark';

/** Resolves in a new task: `scheduler.yield()` where the browser has it (not held back by fake timers), else a timeout. */
const nextTask = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

/**
 * The base of every Lantoa widget: language resolution, the in-widget problem message, and the
 * guarantee that nothing a widget does throws into the host page.
 */
export abstract class LantoaElement extends LitElement {
  /** The widget's language (`vi` or `en`); when absent, the nearest ancestor's, else `<html lang>`. */
  @property({ reflect: true }) override lang!: string;

  /**
   * The palette: `light` (default), `dark`, or `auto` to follow the visitor's light/dark setting. Light
   * unless the page opts in, so a light site never shows dark cards because the phone is in dark mode.
   */
  @property({ reflect: true }) theme: ThemeChoice = 'light';

  private contentMarked = false;

  /** The language this widget renders in right now. */
  get locale(): Locale {
    // The property first: during render Lit has not yet reflected a just-set `lang` to the attribute.
    return this.lang ? toLocale(this.lang) : resolveLocale(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    observeChanges();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
  }

  /**
   * The first render waits for the next task: loading the module and upgrading the element run in one task,
   * the first render in another, so neither holds a slow phone's main thread for long (a long task delays the
   * visitor's taps; measured by `npm run bench:load`). Later updates stay as quick as Lit makes them.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await nextTask();
    super.scheduleUpdate();
  }

  /** What the widget shows; `render()` wraps it so a bug shows a message instead of a broken page. */
  protected abstract renderContent(): unknown;

  protected override render(): unknown {
    try {
      return this.renderContent();
    } catch (error) {
      this.logProblem('render failed', error);
      return this.renderProblem(coreStrings[this.locale].unexpected);
    }
  }

  /** A short localized message inside the widget's own box. */
  protected renderProblem(message: string): TemplateResult {
    return html`<p part="problem" class="reset problem" role="status">
      <strong>${coreStrings[this.locale].problemTitle}</strong> ${message}
    </p>`;
  }

  /** Console error naming the widget and the exact field, for the webmaster's developer tools. */
  protected logProblem(where: string, detail: unknown): void {
    console.error(`[lantoa] <${this.localName}> ${where}:`, detail);
  }

  /** {@link logProblem} for a caught error: its message (an Error) or the value itself. */
  protected logError(where: string, error: unknown): void {
    this.logProblem(where, error instanceof Error ? error.message : error);
  }

  protected logWarning(message: string): void {
    console.warn(`[lantoa] <${this.localName}> ${message}`);
  }

  /**
   * Call once the widget shows its first real content (not a placeholder or a problem): sets the
   * `performance.mark('lantoa:<tag>')` that `npm run bench:load` reads. Later calls do nothing.
   */
  protected markContentRendered(): void {
    if (this.contentMarked) return;
    this.contentMarked = true;
    performance.mark(`lantoa:${this.localName}`);
  }

  /** Dispatches a `lantoa-*` event that crosses shadow roots; returns false when a listener cancelled it. */
  protected emit<T>(name: `lantoa-${string}`, detail: T, cancelable = false): boolean {
    return this.dispatchEvent(lantoaEvent(name, detail, cancelable));
  }
}
