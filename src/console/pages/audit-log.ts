import { css, html, nothing } from 'lit';
import { state } from '../../core/decorators.js';
import { defineElement } from '../../core/define.js';
import { api } from '../api.js';
import { ConsolePage } from '../console-page.js';
import { formatVietnamTime } from '../form.js';
import { Loader } from '../loader.js';

/** What changed, as indented JSON text: shown with a text binding, so nothing an editor typed becomes HTML. */
const asText = (value: unknown) => (value === undefined || value === null ? '—' : JSON.stringify(value, null, 2));

/** The audit log, newest first, 20 at a time ("Older" follows the service's `next`). */
export class LantoaConsoleAudit extends ConsolePage {
  static override styles = [
    ...ConsolePage.styles,
    css`
      ol.entries {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      ol.entries > li {
        margin: 0 0 0.75rem;
        padding: 0.75rem 1rem;
        border: 1px solid var(--_border);
        border-radius: 6px;
        background: var(--_surface);
      }
      .what {
        margin: 0;
      }
      .label {
        margin: 0.5rem 0 0.25rem;
      }
      pre {
        padding: 0.5rem;
        background: var(--_surface-alt);
      }
    `,
  ];
  /** The `before` of each page shown so far, for "Newer". */
  @state() private pages: (number | undefined)[] = [undefined];
  private log = new Loader(this, () => api.audit(this.pages[this.pages.length - 1]));

  private async turn(pages: (number | undefined)[]) {
    this.pages = pages;
    await this.log.load();
    this.renderRoot.querySelector<HTMLElement>('ol.entries')?.focus();
  }

  override render() {
    const s = this.s.audit;
    const next = this.log.data?.next ?? null;
    return html`
      <h1 tabindex="-1">${s.title}</h1>
      <p>${s.intro}</p>
      ${this.renderLoaded(this.log, ({ entries }) =>
        entries.length === 0
          ? html`<p>${s.none}</p>`
          : html`<ol class="entries" tabindex="-1" aria-label=${s.title}>
              ${entries.map(
                (entry) => html`<li>
                  <p class="what">
                    <strong>${formatVietnamTime(this.locale, entry.at)}</strong> · ${entry.user} ·
                    <code>${entry.action}</code> · ${entry.target}
                  </p>
                  <div class="grid">
                    <div>
                      <p class="label">${s.before}</p>
                      <pre class="before">${asText(entry.before)}</pre>
                    </div>
                    <div>
                      <p class="label">${s.after}</p>
                      <pre class="after">${asText(entry.after)}</pre>
                    </div>
                  </div>
                </li>`,
              )}
            </ol>`,
      )}
      <div class="actions">
        ${
          this.pages.length > 1
            ? html`<button type="button" class="secondary" @click=${() => this.turn([undefined])}>${s.newest}</button>`
            : nothing
        }
        ${
          next !== null
            ? html`<button type="button" class="secondary" @click=${() => this.turn([...this.pages, next])}>
              ${s.older}
            </button>`
            : nothing
        }
      </div>
    `;
  }
}

defineElement('lantoa-console-audit', LantoaConsoleAudit);

declare global {
  interface HTMLElementTagNameMap {
    'lantoa-console-audit': LantoaConsoleAudit;
  }
}
