import { html } from 'lit';
import type * as z from 'zod/mini';
import type { campaignListResponseSchema } from '../../contract/admin.js';
import { defineElement } from '../../core/define.js';
import { formatNumber, pick } from '../../core/i18n.js';
import { api } from '../api.js';
import { Loader } from '../loader.js';
import { ConsolePage, tableRegion, numberColumn } from '../console-page.js';
import { campaignPath } from '../routes.js';

type CampaignLine = z.infer<typeof campaignListResponseSchema>['campaigns'][number];

/** Every campaign, one line each, linking to its page. */
export class LantoaConsoleCampaigns extends ConsolePage {
  private campaigns = new Loader(this, async (): Promise<CampaignLine[]> => (await api.campaigns()).campaigns);

  override render() {
    const s = this.s.campaigns;
    const n = (value: number) => formatNumber(this.locale, value);
    return html`
      <h1 tabindex="-1">${s.title}</h1>
      ${this.renderLoaded(this.campaigns, (campaigns) =>
        campaigns.length === 0
          ? html`<p>${s.empty}</p>`
          : tableRegion(
              s.title,
              [s.name, s.embed, numberColumn(s.units), numberColumn(s.pledges), s.dates],
              campaigns.map(
                (c) =>
                  html`<tr>
                    <th scope="row">
                      <a href=${campaignPath(c.id)}>${pick(c.title, this.locale)}</a>
                      <div class="muted">${c.id}</div>
                    </th>
                    <td data-label=${s.embed}>${c.embed === 'open' ? s.embedOpen : s.embedListed}</td>
                    <td class="number" data-label=${s.units}>${n(c.units)}</td>
                    <td class="number" data-label=${s.pledges}>${n(c.total)} / ${n(c.goal)}</td>
                    <td data-label=${s.dates}>${c.startDate} – ${c.endDate}</td>
                  </tr>`,
              ),
              { stack: true },
            ),
      )}
    `;
  }
}

defineElement('lantoa-console-campaigns', LantoaConsoleCampaigns);

declare global {
  interface HTMLElementTagNameMap {
    'lantoa-console-campaigns': LantoaConsoleCampaigns;
  }
}
