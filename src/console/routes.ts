/** The console's pages by path: /admin/, /admin/campaigns/:id/:section, /admin/audit, /admin/accounts, /admin/password. */
export const CAMPAIGN_SECTIONS = ['messages', 'units', 'settings', 'sites', 'results'] as const;
export type CampaignSection = (typeof CAMPAIGN_SECTIONS)[number];

export type Route =
  | { page: 'campaigns' }
  | { page: 'campaign'; campaign: string; section: CampaignSection }
  | { page: 'audit' }
  | { page: 'accounts' }
  | { page: 'password' }
  | { page: 'not-found' };

export function parseRoute(pathname: string): Route {
  const parts = pathname
    .replace(/^\/admin\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  if (parts.length === 0) return { page: 'campaigns' };
  if (parts[0] === 'campaigns' && parts.length === 1) return { page: 'campaigns' };
  if (parts[0] === 'campaigns' && parts.length <= 3) {
    const section = (parts[2] ?? 'messages') as CampaignSection;
    if (CAMPAIGN_SECTIONS.includes(section)) return { page: 'campaign', campaign: parts[1], section };
  }
  if (parts.length === 1 && (parts[0] === 'audit' || parts[0] === 'accounts' || parts[0] === 'password'))
    return { page: parts[0] };
  return { page: 'not-found' };
}

export const campaignPath = (campaign: string, section: CampaignSection = 'messages') =>
  `/admin/campaigns/${encodeURIComponent(campaign)}/${section}`;
