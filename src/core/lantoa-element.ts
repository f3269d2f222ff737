import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { nextTask } from './define.js';
import { property } from './decorators.js';
import { resolveLocale, toLocale, type Locale } from './i18n.js';
import { DARK_SCHEME, media, REDUCED_MOTION } from './media.js';
import type { Problem } from './problem.js';

/** Every connected widget, so one observer can re-render them when any ancestor's `lang` changes. */
const connected = new Set<LantoaElement>();
let langObserver: MutationObserver | undefined;

/**
 * Every widget renders again when an ancestor's `lang` changes, or the visitor's motion or light/dark setting
 * (the banner stops rotating; the chart reads its palette from CSS and draws again). Rare events: one listener each.
 */
function observeChanges(): void {
  if (langObserver) return;
  const renderAll = () => connected.forEach((element) => element.requestUpdate());
  langObserver = new MutationObserver(renderAll);
  langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  for (const query of [REDUCED_MOTION, DARK_SCHEME]) media(query)?.addEventListener('change', renderAll);
}

/** The problem message (src/core/problem-view.ts) once a widget of the page has needed it. */
let problemView: typeof import('./problem-view.js') | undefined;
let problemViewLoad: Promise<unknown> | undefined;

/**
 * An attribute the widget cannot use: named for the webmaster in the console, explained in the widget. A function,
 * not a method, so a widget without such checks (the quiz) leaves it out of its bundle.
 */
export function attributeProblem(element: LantoaElement, name: string, expected: string): Problem {
  element.logProblem(`attribute ${name}="${element.getAttribute(name) ?? ''}"`, `expected ${expected}`);
  // Worded when shown, after problem-view.ts has arrived.
  return { explain: (locale) => problemView?.invalidAttribute(locale, name, expected) ?? '' };
}

/** A console warning naming the widget; a function, so a widget that never warns (the quiz) leaves it out. */
export function logWarning(element: Element, message: string): void {
  console.warn(`[lantoa] <${element.localName}> ${message}`);
}

/** Built outside the class so the manifest analyzer lists each widget's own `@fires`, not a generic one. */
function lantoaEvent<T>(name: string, detail: T, cancelable: boolean): CustomEvent<T> {
  return new CustomEvent<T>(name, { detail, bubbles: true, composed: true, cancelable });
}

export type ThemeChoice = 'auto' | 'light' | 'dark';

export type { Problem } from './problem.js';

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

  /** The one way a widget reports a problem: what it returns here is shown instead of its content. */
  protected problem?(): Problem | undefined;

  /** Where the problem message goes: by default it replaces the content; a widget may keep its frame around it. */
  protected frameProblem?(message: TemplateResult): unknown;

  protected override render(): unknown {
    try {
      const problem = this.problem?.();
      if (!problem) return this.renderContent();
      const message = this.renderProblem(problem);
      return this.frameProblem?.(message) ?? message;
    } catch (error) {
      this.logProblem('render failed', error);
      // Not in the widget's frame: drawing the frame may be what failed.
      return this.renderProblem(problemView?.unexpected ?? { explain: () => '' });
    }
  }

  /**
   * The problem message. Its title and "Try again" words load with the first problem on the page; meanwhile, or
   * if they cannot load (a CSP naming only our script), the widget's own message shows alone.
   */
  private renderProblem(problem: Problem): TemplateResult {
    // Not loaded (offline, a CSP): the plain message stays.
    if (!problemView)
      (problemViewLoad ??= import('./problem-view.js').then((view) => (problemView = view))).then(
        () => this.requestUpdate(),
        () => undefined,
      );
    return problemView
      ? problemView.renderProblem(problem, this.locale)
      : html`<p part="problem" class="reset problem" role="status">${problem.explain(this.locale)}</p>
          ${problem.retry ? html`<button class="retry" type="button" @click=${problem.retry}>↻</button>` : nothing}`;
  }

  /**
   * Console error naming the widget and the exact field, for the webmaster's developer tools.
   * @internal public only for attributeProblem
   */
  logProblem(where: string, detail: unknown): void {
    console.error(`[lantoa] <${this.localName}> ${where}:`, detail);
  }

  /** {@link logProblem} for a caught error: its message (an Error) or the value itself. */
  protected logError(where: string, error: unknown): void {
    this.logProblem(where, error instanceof Error ? error.message : error);
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
