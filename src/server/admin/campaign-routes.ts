/**
 * The console's campaign routes, mounted at `/campaigns` on the admin API (`admin.route('/campaigns',
 * campaignRoutes(…))`), so the session guard, the Origin check and the JSON check have run before any of
 * them. Every edit carries the version it was made from and goes through the campaign registry (the rules
 * of an edit live there); each change is written to the audit log with the changed part before and after.
 *
 *   GET   /                       campaignListResponseSchema
 *   GET   /:campaign              campaignDocSchema
 *   PATCH /:campaign              campaignSettingsRequestSchema → the new document (null clears a text)
 *   PUT   /:campaign/messages     messagesRequestSchema         → the new document
 *   PUT   /:campaign/units        unitsRequestSchema            → the new document
 *   POST  /:campaign/sites        addSiteRequestSchema          → the new document
 */
import { Hono, type Context } from 'hono';
import {
  addSiteRequestSchema,
  campaignSettingsRequestSchema,
  messagesRequestSchema,
  unitsRequestSchema,
  type CampaignDoc,
} from '../../contract/admin.js';
import {
  campaignBody,
  CampaignEditError,
  changedParts,
  type CampaignChange,
  type CampaignRegistry,
} from '../campaigns/campaign-store.js';
import type { BodySchema } from '../records/intake.js';
import type { AdminEnv, Auditor } from './admin-env.js';
import { adminError, readJson } from './replies.js';

export interface CampaignRoutesDeps {
  campaigns: CampaignRegistry;
  auditor: Auditor;
  /** Pledges counted so far for a campaign (the list's `total`), from the service's in-memory counts. */
  total: (campaign: string) => number;
}

type AdminContext = Context<AdminEnv>;

export function campaignRoutes({ campaigns, auditor, total }: CampaignRoutesDeps): Hono<AdminEnv> {
  const routes = new Hono<AdminEnv>();

  const unknown = (c: AdminContext, id: string) => adminError(c, 404, 'unknown_campaign', `No campaign "${id}"`);

  /**
   * One edit route: the body checked by `schema`, the change it makes of the current document (null: nothing
   * to change), then the registry's update, the audit row and the new document.
   */
  const edit =
    <B extends { version: number }>(
      schema: BodySchema<B>,
      action: string,
      change: (body: B, doc: CampaignDoc) => CampaignChange | null,
    ) =>
    async (c: AdminContext) => {
      const id = c.req.param('campaign') ?? '';
      const body = await readJson(c, schema);
      if (body instanceof Response) return body;
      const doc = campaigns.get(id);
      if (!doc) return unknown(c, id);
      const changed = change(body, doc);
      if (changed === null) return c.json(doc);
      const user = c.var.user.name;
      try {
        const after = await campaigns.update(id, body.version, changed, { user, action });
        const parts = changedParts(campaignBody(doc), campaignBody(after), Object.keys(changed));
        await auditor.record({ user, action, target: id, ...parts });
        return c.json(after);
      } catch (error) {
        if (!(error instanceof CampaignEditError)) throw error;
        return adminError(c, error.status, error.code, error.message, { field: error.field });
      }
    };

  routes.get('/', (c) =>
    c.json({
      campaigns: campaigns.list().map((doc) => ({
        id: doc.id,
        title: doc.title,
        embed: doc.embed,
        units: doc.units.length,
        total: total(doc.id),
        goal: doc.goal,
        startDate: doc.startDate,
        endDate: doc.endDate,
        version: doc.version,
      })),
    }),
  );

  routes.get('/:campaign', (c) => {
    const id = c.req.param('campaign');
    const doc = campaigns.get(id);
    return doc ? c.json(doc) : unknown(c, id);
  });

  routes.patch(
    '/:campaign',
    edit(campaignSettingsRequestSchema, 'campaign.settings', (settings, doc) => {
      // Absent keys stay as they are; null removes an optional text (the registry drops a part set to
      // undefined). Only what the request changes is written and audited: the console sends the whole form.
      const given = Object.entries(settings)
        .filter(([key, value]) => key !== 'version' && value !== undefined)
        .map(([key, value]) => [key, value ?? undefined] as const)
        .filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(doc[key as keyof CampaignDoc]));
      return given.length === 0 ? null : (Object.fromEntries(given) as CampaignChange);
    }),
  );
  routes.put(
    '/:campaign/messages',
    edit(messagesRequestSchema, 'campaign.messages', ({ messages }) => ({ messages })),
  );
  routes.put(
    '/:campaign/units',
    edit(unitsRequestSchema, 'campaign.units', ({ units }) => ({ units })),
  );
  routes.post(
    '/:campaign/sites',
    edit(addSiteRequestSchema, 'site.add', ({ origin }, doc) =>
      doc.allowedOrigins.includes(origin) ? null : { allowedOrigins: [...doc.allowedOrigins, origin] },
    ),
  );
  return routes;
}
