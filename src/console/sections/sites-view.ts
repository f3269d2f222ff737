import { html, nothing } from 'lit';
import type { Site } from '../../contract/admin.js';
import { defineElement } from '../../core/define.js';
import { formatNumber } from '../../core/i18n.js';
import { api } from '../api.js';
import { Loader } from '../loader.js';
import { CampaignSection } from '../campaign-section.js';
import { tableRegion, numberColumn } from '../console-page.js';
import { formatVietnamTime } from '../form.js';

/** The campaign's reach: the sites that showed its widgets; in listed mode, "Add to list" per unlisted site. */
export class LantoaConsoleSites extends CampaignSection {
  private sites = new Loader(this, async (): Promise<Site[]> => (await api.sites(this.doc.id)).sites);

  private async add(origin: string) {
    const ok = await this.save(() => api.addSite(this.doc.id, this.doc.version, origin), this.s.saved);
    if (ok) await this.sites.load();
  }

  override render() {
    const s = this.s.sites;
    const listed = this.doc.embed === 'listed';
    const n = (value: number) => formatNumber(this.locale, value);
    return html`
      <h2>${this.s.campaign.sites}</h2>
      <p>${s.intro}</p>
      <p><strong>${listed ? s.modeListed : s.modeOpen}</strong></p>
      ${this.renderFeedback()}
      ${this.renderLoaded(this.sites, (sites) =>
        sites.length === 0
          ? html`<p>${s.none}</p>`
          : tableRegion(
              s.table,
              [s.origin, s.firstSeen, s.lastSeen, numberColumn(s.reads), numberColumn(s.pledges), s.listed],
              sites.map(
                (site) => html`<tr>
                  <th scope="row">${site.origin}</th>
                  <td data-label=${s.firstSeen}>${formatVietnamTime(this.locale, site.firstSeen)}</td>
                  <td data-label=${s.lastSeen}>${formatVietnamTime(this.locale, site.lastSeen)}</td>
                  <td class="number" data-label=${s.reads}>${n(site.reads)}</td>
                  <td class="number" data-label=${s.pledges}>${n(site.pledges)}</td>
                  <td data-label=${s.listed}>
                    ${site.listed ? s.yes : s.no}
                    ${
                      listed && !site.listed
                        ? html`<button
                          type="button"
                          class="secondary"
                          aria-label=${s.addName(site.origin)}
                          ?disabled=${this.busy}
                          @click=${() => this.add(site.origin)}
                        >
                          ${s.add}
                        </button>`
                        : nothing
                    }
                  </td>
                </tr>`,
              ),
              { caption: true, stack: true },
            ),
      )}
    `;
  }
}

defineElement('lantoa-console-sites', LantoaConsoleSites);

declare global {
  interface HTMLElementTagNameMap {
    'lantoa-console-sites': LantoaConsoleSites;
  }
}
