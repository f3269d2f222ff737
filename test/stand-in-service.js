// Stand-ins for parts of the Lantoa service that browser tests drive directly (koa middleware of
// web-test-runner.config.js): the console's edits are not theirs to make, so a test publishes the document itself
// (PUT) and reads back what the widget asked (GET …/stats). The real service is tested over HTTP in test/server/.

/** The stand-in feed endpoint's documents and what it was asked, per campaign. */
const feeds = new Map();

// A stand-in for the service's GET /api/v1/campaigns/:campaign/feed (ETag, 304 to If-None-Match), under FEED_API,
// whose document a test replaces (PUT) and whose requests it reads back (GET …/stats): how many, how many
// conditional, how many answered 304. Cache-Control lets the browser reuse its copy for a minute: a banner that
// finds an edit within its refresh must be asking the service again (fetch cache mode no-cache), not its cache.
export async function campaignFeed(context, next) {
  const match = /^\/test-fixtures\/feed-api\/api\/v1\/campaigns\/([a-z0-9-]+)\/(feed|stats)$/.exec(context.path);
  if (!match) return next();
  const [, campaign, what] = match;
  const feed = feeds.get(campaign) ?? {
    body: JSON.stringify({ messages: [] }),
    version: 0,
    requests: 0,
    conditional: 0,
    notModified: 0,
  };
  feeds.set(campaign, feed);
  if (what === 'stats') {
    context.body = { requests: feed.requests, conditional: feed.conditional, notModified: feed.notModified };
    return;
  }
  if (context.method === 'PUT') {
    let text = '';
    for await (const chunk of context.req) text += chunk;
    Object.assign(feed, { body: text, version: feed.version + 1 });
    context.status = 204;
    return;
  }
  feed.requests += 1;
  const etag = `"${campaign}-${feed.version}"`;
  context.set('ETag', etag);
  context.set('Cache-Control', 'public, max-age=60');
  context.set('Access-Control-Allow-Origin', '*');
  const asked = context.get('If-None-Match');
  if (asked) feed.conditional += 1;
  if (asked === etag) {
    feed.notModified += 1;
    context.status = 304;
    return;
  }
  context.type = 'application/json';
  context.body = feed.body;
}

/** The stand-in campaign API's campaigns: config, its tag (the ETag), counts per unit, open streams. */
const campaigns = new Map();

/** The counts document of the contract (src/contract/pledge.ts countsSchema), with the config's tag. */
function countsOf(campaign) {
  const { config, counts, tag } = campaign;
  const units = config.units.map((unit) => ({ id: unit.id, count: counts[unit.id] ?? 0, goal: unit.goal }));
  return {
    campaign: config.id,
    total: units.reduce((sum, unit) => sum + unit.count, 0),
    goal: config.goal,
    units,
    choices: config.choices.map((choice) => ({ id: choice.id, count: 0 })),
    updatedAt: campaign.updatedAt,
    config: tag,
  };
}

/**
 * A stand-in for the service's campaign config, counts and stream under /test-fixtures/campaign-api, whose campaign a
 * test replaces as the console would (PUT …/campaigns/:c with `{ config, counts? }`): the config's tag changes, and
 * every open stream gets a counts event carrying the new tag at once (`{ counts }` alone: new counts, same tag). GET …/stats says how often the config was read.
 */
export async function campaignApi(context, next) {
  const match = /^\/test-fixtures\/campaign-api\/api\/v1\/campaigns\/([a-z0-9-]+)(?:\/(counts|stream|stats))?$/.exec(
    context.path,
  );
  if (!match) return next();
  const [, id, what] = match;
  context.set('Access-Control-Allow-Origin', '*');
  if (context.method === 'PUT') {
    let text = '';
    for await (const chunk of context.req) text += chunk;
    const { config, counts = {} } = JSON.parse(text);
    const campaign = campaigns.get(id) ?? { streams: new Set(), configReads: 0, version: 0 };
    // Without a config, only the counts change (a pledge): the config's tag stays.
    if (config) Object.assign(campaign, { config, version: campaign.version + 1 });
    Object.assign(campaign, { counts, updatedAt: new Date().toISOString() });
    campaign.tag = `"${id}-${campaign.version}"`;
    campaigns.set(id, campaign);
    const event = `event: counts\ndata: ${JSON.stringify(countsOf(campaign))}\n\n`;
    for (const stream of campaign.streams) stream.write(event);
    context.status = 204;
    return;
  }
  const campaign = campaigns.get(id);
  if (!campaign) {
    context.status = 404;
    context.body = { error: { code: 'unknown_campaign', message: `no campaign ${id}` } };
    return;
  }
  if (what === 'stats') {
    context.body = { configReads: campaign.configReads };
  } else if (what === 'counts') {
    context.set('Cache-Control', 'no-store');
    context.body = countsOf(campaign);
  } else if (what === 'stream') {
    const { PassThrough } = await import('node:stream');
    const stream = new PassThrough();
    campaign.streams.add(stream);
    stream.on('close', () => campaign.streams.delete(stream));
    context.req.on('close', () => (campaign.streams.delete(stream), stream.end()));
    context.set('Cache-Control', 'no-store');
    context.type = 'text/event-stream';
    context.body = stream;
    stream.write(`event: counts\ndata: ${JSON.stringify(countsOf(campaign))}\n\n`);
  } else {
    // As the service: an ETag, and the browser may keep its copy five minutes (a refetch must revalidate).
    campaign.configReads += 1;
    context.set('ETag', campaign.tag);
    context.set('Cache-Control', 'public, max-age=300');
    if (context.get('If-None-Match') === campaign.tag) {
      context.status = 304;
      return;
    }
    context.body = campaign.config;
  }
}
