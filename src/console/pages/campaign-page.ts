import { css, html, nothing } from 'lit';
import type { CampaignDoc } from '../../contract/admin.js';
import { property, state } from '../../core/decorators.js';
import { defineElement } from '../../core/define.js';
import { pick } from '../../core/i18n.js';
import { api } from '../api.js';
import { ConsolePage } from '../console-page.js';
import { formatVietnamTime } from '../form.js';
import { CAMPAIGN_SECTIONS, campaignPath, type CampaignSection } from '../routes.js';
import '../sections/messages-editor.js';
import '../sections/units-editor.js';
import '../sections/settings-form.js';
import '../sections/sites-view.js';
import '../sections/results-view.js';

/**
 * One campaign: its title as the page's h1, its sections as links (each its own address, so the browser's Back
 * works and a section can be bookmarked), and the section on show with the campaign document it edits.
 */
export class LantoaConsoleCampaign extends ConsolePage {
  static override styles = [
    ...ConsolePage.styles,
    css`
      .sections ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0 0.25rem;
        margin: 0 0 1rem;
        padding: 0;
        list-style: none;
        border-bottom: 2px solid var(--_border);
      }
      .sections a {
        display: inline-flex;
        align-items: center;
        min-height: 44px;
        padding: 0 0.75rem;
        font-weight: 600;
        text-decoration: none;
        border-bottom: 4px solid transparent;
        margin-bottom: -2px;
      }
      .sections a[aria-current='page'] {
        color: var(--_text);
        border-bottom-color: var(--_primary);
      }
    `,
  ];
  @property() campaign = '';
  @property() section: CampaignSection = 'messages';
  @state() private doc?: CampaignDoc;
  /** Why the campaign could not be loaded (explained when drawn). */
  @state() private problem?: unknown;
  private loaded = '';

  protected override willUpdate(): void {
    if (this.campaign && this.loaded !== this.campaign) {
      this.loaded = this.campaign;
      this.doc = undefined;
      void this.load();
    }
  }

  private async load() {
    this.problem = undefined;
    try {
      this.doc = await api.campaign(this.campaign);
    } catch (error) {
      this.problem = error;
    }
  }

  override hasUnsavedChanges(): boolean {
    const section = this.renderRoot?.querySelector('.section')?.firstElementChild;
    return section instanceof ConsolePage && section.hasUnsavedChanges();
  }

  private renderSection(doc: CampaignDoc) {
    const { locale } = this;
    switch (this.section) {
      case 'messages':
        return html`<lantoa-console-messages .locale=${locale} .doc=${doc}></lantoa-console-messages>`;
      case 'units':
        return html`<lantoa-console-units .locale=${locale} .doc=${doc}></lantoa-console-units>`;
      case 'settings':
        return html`<lantoa-console-settings .locale=${locale} .doc=${doc}></lantoa-console-settings>`;
      case 'sites':
        return html`<lantoa-console-sites .locale=${locale} .doc=${doc}></lantoa-console-sites>`;
      case 'results':
        return html`<lantoa-console-results .locale=${locale} .doc=${doc}></lantoa-console-results>`;
    }
  }

  override render() {
    const s = this.s.campaign;
    const doc = this.doc;
    if (!doc)
      return html`<h1 tabindex="-1">${this.campaign}</h1>
        ${this.renderLoaded({ problem: this.problem, load: () => this.load() }, () => nothing)}`;
    return html`
      <h1 tabindex="-1">${pick(doc.title, this.locale)}</h1>
      <p class="muted">${doc.id} · ${s.version(doc.version, formatVietnamTime(this.locale, doc.updatedAt))}</p>
      <nav aria-label=${s.sections} class="sections">
        <ul>
          ${CAMPAIGN_SECTIONS.map(
            (section) =>
              html`<li>
                <a href=${campaignPath(doc.id, section)} aria-current=${section === this.section ? 'page' : nothing}
                  >${s[section]}</a
                >
              </li>`,
          )}
        </ul>
      </nav>
      <div
        class="section"
        @campaign-saved=${(event: CustomEvent<CampaignDoc>) => (this.doc = event.detail)}
        @campaign-reload=${this.load}
      >
        ${this.renderSection(doc)}
      </div>
    `;
  }
}

defineElement('lantoa-console-campaign', LantoaConsoleCampaign);

declare global {
  interface HTMLElementTagNameMap {
    'lantoa-console-campaign': LantoaConsoleCampaign;
  }
}
