/**
 * Asking before unsaved edits are lost: a move inside the console (its links, Back and Forward, signing out) waits
 * for the editor's answer in a modal dialog; leaving the document (closing or reloading the tab, another address)
 * gets the browser's own question through `beforeunload`. A Lit reactive controller of the console app.
 */
import { css, html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ConsoleStrings } from './console.strings.js';

/** The console's place in the session history, kept in each entry's state (0 for an entry it did not make). */
const positionOf = (state: unknown): number =>
  typeof state === 'object' && state !== null && typeof (state as { console?: unknown }).console === 'number'
    ? (state as { console: number }).console
    : 0;

export const leaveDialogStyles = css`
  dialog {
    /* Border-box: the padding and border fit inside the width, which leaves a margin on a 375 px phone. */
    box-sizing: border-box;
    max-width: min(30rem, calc(100vw - 2rem));
    padding: 1.25rem;
    border: 3px solid var(--_primary);
    border-radius: 6px;
    background: var(--_surface);
    color: var(--_text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 50%);
  }
  dialog h2 {
    margin-top: 0;
  }
`;

export interface LeaveGuardOptions {
  /** Whether the page on show holds unsaved edits. */
  unsaved: () => boolean;
  /** Shows the page of `location` after Back or Forward. */
  arrive: () => void;
}

export class LeaveGuard implements ReactiveController {
  /** This document's entry in the session history (see positionOf): how far a Back or Forward moved. */
  private position = 0;
  /** History moves the guard makes itself: undoing a Back the editor has not confirmed yet, then redoing it. */
  private undoing = false;
  private redoing = false;
  /** What leaving does, once the editor confirms it in the dialog. */
  private onLeave?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
    private readonly options: LeaveGuardOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.position = positionOf(history.state);
    history.replaceState({ console: this.position }, '');
    addEventListener('popstate', this.onPopState);
    addEventListener('beforeunload', this.onBeforeUnload);
  }

  hostDisconnected(): void {
    removeEventListener('popstate', this.onPopState);
    removeEventListener('beforeunload', this.onBeforeUnload);
  }

  /** A new history entry for `path`, numbered so that a later Back or Forward can be undone. */
  push(path: string): void {
    history.pushState({ console: ++this.position }, '', path);
  }

  /** Runs `leave` at once, or once the editor confirms leaving the unsaved edits of the page on show. */
  leaving(leave: () => void): void {
    if (this.options.unsaved()) this.ask(leave);
    else leave();
  }

  /** The dialog, rendered once by the host. */
  render(s: ConsoleStrings['leave']): TemplateResult {
    return html`<dialog aria-labelledby="leave-title" aria-describedby="leave-text" @close=${this.onClose}>
      <h2 id="leave-title">${s.title}</h2>
      <p id="leave-text">${s.text}</p>
      <form method="dialog" class="actions">
        <button value="stay" class="secondary">${s.stay}</button>
        <button value="leave" class="danger">${s.go}</button>
      </form>
    </dialog>`;
  }

  private ask(leave: () => void) {
    this.onLeave = leave;
    const dialog = this.host.renderRoot.querySelector('dialog');
    if (!dialog) return leave();
    dialog.returnValue = '';
    dialog.showModal();
    // The safe answer first: Enter or Space keeps the edits; Escape does too (it cancels the dialog).
    dialog.querySelector<HTMLButtonElement>('button[value=stay]')?.focus();
  }

  /** The dialog closed: by "Leave" (its form's returnValue), or by "Stay" or Escape. */
  private onClose = (event: Event) => {
    const leave = (event.target as HTMLDialogElement).returnValue === 'leave' ? this.onLeave : undefined;
    this.onLeave = undefined;
    leave?.();
  };

  private onPopState = (event: PopStateEvent) => {
    const to = positionOf(event.state);
    if (this.undoing) {
      this.undoing = false; // back on the page with the edits, the dialog open
      return;
    }
    if (this.redoing || !this.options.unsaved()) {
      this.redoing = false;
      this.position = to;
      return this.options.arrive();
    }
    // The browser has moved already: step back to this page's entry while the editor decides, then redo the move.
    const delta = to - this.position || -1;
    this.undoing = true;
    history.go(-delta);
    this.ask(() => {
      this.redoing = true;
      history.go(delta);
    });
  };

  /** Closing or reloading the tab: browsers ask in their own words (a page's text is ignored). */
  private onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (this.options.unsaved()) event.preventDefault();
  };
}
