/**
 * The base of a campaign page's sections (messages, units, settings, sites, results): the campaign document they
 * edit, saving with its version, and the feedback every form gives — an error summary naming each field (the
 * GOV.UK pattern: announced, focused, each field marked), an edit conflict explained with a reload action, a
 * status line once saved.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CampaignDoc } from '../contract/admin.js';
import { property, state } from '../core/decorators.js';
import { ApiError } from './api.js';
import { ConsolePage } from './console-page.js';
import { explain, type FieldError } from './form.js';

/** The id of a field's input made from its path: `messages.0.headline.en` → `f-messages-0-headline-en`. */
export const fieldId = (path: string) => `f-${path.replace(/[^\w-]/g, '-')}`;

export interface FieldOptions {
  path: string;
  label: string;
  value: string | number;
  onInput: (value: string) => void;
  type?: string;
  readonly?: boolean;
  multiline?: boolean;
  /** `lang` of what is typed there (an English text in a Vietnamese console). */
  lang?: string;
  autocomplete?: string;
}

export class CampaignSection extends ConsolePage {
  @property({ attribute: false }) doc!: CampaignDoc;
  @state() protected errors: FieldError[] = [];
  @state() protected conflict = false;
  @state() protected status = '';
  @state() protected busy = false;

  /** Label of a field path, for errors the service names by path. */
  protected fieldLabel(path: string): string {
    return path;
  }

  /** Runs a save; its result (the new campaign document) goes to the campaign page, a refusal to the summary. */
  protected async save(call: () => Promise<CampaignDoc>, done: string): Promise<boolean> {
    this.busy = true;
    this.errors = [];
    this.conflict = false;
    this.status = '';
    try {
      const doc = await call();
      this.dispatchEvent(new CustomEvent('campaign-saved', { detail: doc, bubbles: true, composed: true }));
      this.status = done;
      return true;
    } catch (error) {
      this.conflict = error instanceof ApiError && error.code === 'edit_conflict';
      const path = error instanceof ApiError ? (error.field ?? '') : '';
      this.showErrors([{ path, text: explain(error, this.s, (p) => this.fieldLabel(p)) }]);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Shows problems and moves focus to their summary, which screen readers read out. */
  protected async showErrors(errors: FieldError[]): Promise<void> {
    this.errors = errors;
    this.status = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  protected reload(): void {
    this.dispatchEvent(new CustomEvent('campaign-reload', { bubbles: true, composed: true }));
    this.errors = [];
    this.conflict = false;
  }

  protected renderFeedback(): TemplateResult {
    return html`
      ${
        this.errors.length > 0
          ? html`<div class="error-summary" role="alert" tabindex="-1">
            <h2>${this.s.errorSummary}</h2>
            <ul>
              ${this.errors.map((error) =>
                error.path && this.renderRoot.querySelector(`#${fieldId(error.path)}`)
                  ? html`<li><a href="#${fieldId(error.path)}" @click=${this.focusField}>${error.text}</a></li>`
                  : html`<li>${error.text}</li>`,
              )}
            </ul>
            ${
              this.conflict
                ? html`<div class="actions">
                  <button type="button" @click=${this.reload}>${this.s.reload}</button>
                </div>`
                : nothing
            }
          </div>`
          : nothing
      }
      ${this.status ? html`<p class="status" role="status">${this.status}</p>` : nothing}
    `;
  }

  /** Summary links point into this shadow root, where a fragment does not reach: focus the field directly. */
  private focusField(event: Event) {
    event.preventDefault();
    const id = (event.currentTarget as HTMLAnchorElement).hash.slice(1);
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  /** A labelled input (or textarea) with its error, if any, tied to it for screen readers. */
  protected field(o: FieldOptions): TemplateResult {
    const id = fieldId(o.path);
    const error = this.errors.find((e) => e.path === o.path);
    const input = (event: Event) => o.onInput((event.target as HTMLInputElement).value);
    return html`<div>
      <label for=${id}>${o.label}</label>
      ${error ? html`<span class="field-error" id="${id}-error">${error.text}</span>` : nothing}
      ${
        o.multiline
          ? html`<textarea
            id=${id}
            lang=${o.lang ?? nothing}
            .value=${String(o.value)}
            aria-invalid=${error ? 'true' : nothing}
            aria-describedby=${error ? `${id}-error` : nothing}
            @input=${input}
          ></textarea>`
          : html`<input
            id=${id}
            type=${o.type ?? 'text'}
            lang=${o.lang ?? nothing}
            autocomplete=${o.autocomplete ?? 'off'}
            .value=${String(o.value)}
            ?readonly=${o.readonly}
            aria-invalid=${error ? 'true' : nothing}
            aria-describedby=${error ? `${id}-error` : nothing}
            @input=${input}
          />`
      }
    </div>`;
  }
}
