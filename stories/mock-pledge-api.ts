/**
 * A Lantoa service that lives in the Storybook page, so the <lantoa-pledge-counter> and <lantoa-quiz-card>
 * stories need no server.
 *
 * A story's `beforeEach` (from {@link mockPledgeApi}) stubs `window.fetch` and `window.EventSource` for the
 * story's `api` (a host under `.invalid`, which no network can resolve) and Storybook undoes it when the
 * story is left. Requests to any other URL go to the real fetch and EventSource untouched, so setting the
 * `api` control to a local service (`http://localhost:8787`) talks to that service instead.
 *
 * The mock speaks the contract of src/contract/pledge.ts: the campaign config comes from
 * campaigns/campaigns.json (through the contract's schema, which drops the file-only keys as the service
 * does), counts start at {@link ILLUSTRATIVE_COUNTS}, `POST …/pledges` answers 201 `{ created: true, counts }`
 * (200 `created: false` for a key it has already counted) and pushes a `counts` event to every open stream.
 * The quizzes the campaigns declare answer `POST /api/v1/quizzes/:quiz/results` likewise (src/contract/quiz.ts),
 * with participation that starts from {@link illustrativeParticipation}.
 */
import campaignsFile from '../campaigns/campaigns.json';
import campaigns150 from '../test/fixtures/campaigns-150.json';
import campaignFeed from '../demo/campaign-feed.json';
import {
  API_PREFIX,
  campaignSchema,
  COUNTS_EVENT,
  pledgeRequestSchema,
  type Campaign,
  type Counts,
} from '../src/contract/pledge.js';
import type { ZodMiniType } from 'zod/mini';
import { quizResultRequestSchema, type QuizStats } from '../src/contract/quiz.js';
import { dequeue, readQueue } from '../src/core/outbox.js';
import { QUIZ_OUTBOX } from '../src/widgets/quiz-card/quiz-card.js';
import {
  enqueue,
  newKey,
  pendingPledges,
  PLEDGE_OUTBOX,
  type DevicePledge,
} from '../src/widgets/pledge-counter/pledge-outbox.js';

/** The default `api` of the stories. `.invalid` is reserved (RFC 2606): nothing can leave the page. */
export const MOCK_API = 'https://mock.lantoa.invalid';

/** A separate mock service per story (`https://queued.mock.lantoa.invalid`), so stories on one docs page do not share counts or device memory. */
export const mockApi = (name: string): string => `https://${name}.mock.lantoa.invalid`;

/** The campaign of campaigns/campaigns.json the stories show. */
export const CAMPAIGN = 'ben-tre-smartphone';

/** The local pledge service (`npm start`); the campaign allows pages on localhost:6006 (`npm run storybook`). */
export const LOCAL_API = 'http://localhost:8787';

/**
 * Số liệu minh họa / illustrative figures, made up for the stories (round numbers, not real pledges):
 * Chợ Lách is past its goal, the others between 20% and 70% of theirs. 63,850 in all.
 */
export const ILLUSTRATIVE_COUNTS: Readonly<Record<string, number>> = {
  'tp-ben-tre': 9800,
  'chau-thanh': 8400,
  'cho-lach': 11500,
  'mo-cay-nam': 6400,
  'giong-trom': 7350,
  'binh-dai': 5000,
  'ba-tri': 9200,
  'thanh-phu': 3600,
  'mo-cay-bac': 2600,
};
/** How the illustrative pledges split between the choices (same 63,850 in all). */
const ILLUSTRATIVE_CHOICES: Readonly<Record<string, number>> = {
  smartphone: 38000,
  'switch-to-4g': 15850,
  'help-relative': 10000,
};
/** Fixed, so every visit of a story starts from the same numbers. */
const ILLUSTRATIVE_UPDATED_AT = '2026-01-15T02:30:00.000Z';

/** What a story's service does with requests. */
export interface MockScenario {
  /**
   * `serve` (default) answers; `hang` never answers a GET; `unreachable` fails every request like a dead network;
   * `refused` answers every request 403 `origin_not_allowed`, as the service does to a site the campaign does not list.
   */
  mode?: 'serve' | 'hang' | 'unreachable' | 'refused';
  /** `count` (default) counts pledges; `network-error` fails every POST as if the connection dropped. */
  pledges?: 'count' | 'network-error';
  /** The same for quiz results. */
  results?: 'count' | 'network-error';
  /** What this device remembers before the story renders: nothing (default), a counted pledge, or a queued one in the outbox. */
  device?: 'none' | 'counted' | 'queued';
  /** The unit of the device's queued pledge (default `ba-tri`). */
  unit?: string;
  /** Milliseconds before a GET is answered (default 250) and before a POST is (default 800). */
  latencyMs?: { get: number; post: number };
}

interface Stream {
  campaign: string;
  source: MockEventSource;
}

interface MockService {
  api: string;
  scenario: MockScenario;
  /** Stories (and re-renders of them) using this service: it goes when the last one is left. */
  users: number;
  counts: Map<string, Counts>;
  keys: Set<string>;
  /** Per quiz: the stats as the service would send them. */
  quizStats: Map<string, QuizStats>;
  quizKeys: Set<string>;
  streams: Set<Stream>;
}

/**
 * The campaigns of campaigns/campaigns.json as GET /api/v1/campaigns/:campaign returns them, and the 150-unit test
 * campaign (`test-150-units`, made-up units in ten groups) for the province ranking at scale.
 */
const CAMPAIGNS = new Map<string, Campaign>(
  [...campaignsFile.campaigns, ...campaigns150.campaigns].map((entry) => [entry.id, campaignSchema.parse(entry)]),
);

/** Illustrative counts of a unit the sample has none for (the 150-unit campaign's): spread, but the same each time. */
const madeUpCount = (index: number, goal: number) => (index * 37) % Math.max(goal, 1);

/** The quizzes the campaigns declare, with their campaign. */
const QUIZZES = new Map<string, string>(
  campaignsFile.campaigns.flatMap((entry) =>
    ((entry as { quizzes?: { id: string }[] }).quizzes ?? []).map((quiz) => [quiz.id, entry.id] as [string, string]),
  ),
);

/**
 * Số liệu minh họa / illustrative participation, made up for the stories: a tenth of the unit's
 * illustrative pledges took the quiz, with an average of 70 %.
 */
export const illustrativeParticipation = (unit: string): number => Math.round((ILLUSTRATIVE_COUNTS[unit] ?? 0) / 10);

function initialStats(quiz: string, campaign: Campaign): QuizStats {
  const units = campaign.units.map((unit) => ({
    id: unit.id,
    name: unit.name,
    participants: illustrativeParticipation(unit.id),
    averageScore: 0.7,
  }));
  return {
    quiz,
    campaign: campaign.id,
    participants: units.reduce((sum, u) => sum + u.participants, 0),
    averageScore: 0.7,
    units,
    updatedAt: ILLUSTRATIVE_UPDATED_AT,
  };
}

/** Counts one result in the mock's stats (running averages, 4 decimals like the service). */
function addResult(stats: QuizStats, unit: string, fraction: number): QuizStats {
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  const average = (avg: number, n: number) => round((avg * n + fraction) / (n + 1));
  return {
    ...stats,
    participants: stats.participants + 1,
    averageScore: average(stats.averageScore, stats.participants),
    units: stats.units.map((u) =>
      u.id === unit
        ? { ...u, participants: u.participants + 1, averageScore: average(u.averageScore, u.participants) }
        : u,
    ),
    updatedAt: new Date().toISOString(),
  };
}

function initialCounts(campaign: Campaign): Counts {
  const units = campaign.units.map((unit, index) => ({
    id: unit.id,
    count: ILLUSTRATIVE_COUNTS[unit.id] ?? madeUpCount(index, unit.goal),
    goal: unit.goal,
  }));
  return {
    campaign: campaign.id,
    total: units.reduce((sum, unit) => sum + unit.count, 0),
    goal: campaign.goal,
    units,
    choices: campaign.choices.map((choice) => ({ id: choice.id, count: ILLUSTRATIVE_CHOICES[choice.id] ?? 0 })),
    updatedAt: ILLUSTRATIVE_UPDATED_AT,
  };
}

const services = new Map<string, MockService>();
let realFetch: typeof fetch | undefined;
let RealEventSource: typeof EventSource | undefined;

/** Same normalisation as the widget's `apiBase`: no trailing slash. */
const base = (api: string) => api.replace(/\/+$/, '');

/** True for the addresses this module answers for (any host under `.invalid`); everything else is real. */
export function isMockApi(api: unknown): boolean {
  try {
    return typeof api === 'string' && new URL(api).hostname.endsWith('.invalid');
  } catch {
    return false;
  }
}

function absolute(input: RequestInfo | URL): string {
  const raw = input instanceof Request ? input.url : String(input);
  try {
    return new URL(raw, document.baseURI).href;
  } catch {
    return raw;
  }
}

function serviceFor(href: string): MockService | undefined {
  for (const service of services.values()) if (href.startsWith(`${service.api}/`)) return service;
  return undefined;
}

/** The campaign and the endpoint (`''`, `counts`, `feed`, `pledges`, `stream`) a URL of the service names. */
function route(service: MockService, href: string): { campaign: string; endpoint: string } | undefined {
  const path = href.slice(service.api.length).split(/[?#]/)[0];
  const match = new RegExp(`^${API_PREFIX}/campaigns/([^/]+)(?:/(counts|feed|pledges|stream))?$`).exec(path);
  return match ? { campaign: decodeURIComponent(match[1]), endpoint: match[2] ?? '' } : undefined;
}

const networkError = () => new TypeError('Failed to fetch');

/**
 * Waits `ms` (forever when `ms` is Infinity), or rejects like fetch does when the request is aborted, so the
 * widget's own timeouts still work.
 */
function wait(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new DOMException('The request was aborted.', 'AbortError'));
    };
    const done = () => {
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    if (signal?.aborted) abort();
    signal?.addEventListener('abort', abort, { once: true });
  });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const failure = (status: number, code: string, message: string, field?: string) =>
  json(status, { error: field ? { code, message, field } : { code, message } });

/** A POST body checked with the contract's schema, or the 400 the service would answer. */
async function readBody<T>(
  schema: ZodMiniType<T>,
  expected: string,
  init?: RequestInit,
  request?: Request,
): Promise<T | Response> {
  let data: unknown;
  try {
    data = JSON.parse(String(init?.body ?? (request ? await request.text() : '')));
  } catch {
    return failure(400, 'invalid_json', 'The body is not valid JSON (UTF-8)');
  }
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : failure(400, 'invalid_field', parsed.error.issues[0]?.message ?? expected);
}

async function answer(
  service: MockService,
  href: string,
  input: RequestInfo | URL,
  init?: RequestInit,
): Promise<Response> {
  const request = input instanceof Request ? input : undefined;
  const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
  const signal = init?.signal ?? request?.signal;
  const { latencyMs = { get: 250, post: 800 } } = service.scenario;
  if (service.scenario.mode === 'hang' && method === 'GET') {
    await wait(Number.POSITIVE_INFINITY, signal); // only an abort (the widget's timeout) ends it
  }
  await wait(method === 'POST' ? latencyMs.post : latencyMs.get, signal);
  // Read after the wait: a request in flight when a story switches the mode gets the new behaviour.
  const { mode = 'serve', pledges = 'count' } = service.scenario;
  if (mode === 'unreachable') throw networkError();
  if (mode === 'refused')
    return failure(
      403,
      'origin_not_allowed',
      `Pages on ${location.origin} may not use this campaign; ask the campaign office to add the site`,
    );
  const quizRoute = new RegExp(`^${API_PREFIX}/quizzes/([^/]+)/(results|stats)$`).exec(
    href.slice(service.api.length).split(/[?#]/)[0],
  );
  if (quizRoute) return answerQuiz(service, decodeURIComponent(quizRoute[1]), quizRoute[2], method, init, request);
  const target = route(service, href);
  if (!target) return failure(404, 'not_found', `No route ${method} ${href}`);
  const campaign = CAMPAIGNS.get(target.campaign);
  const counts = service.counts.get(target.campaign);
  if (!campaign || !counts) return failure(404, 'unknown_campaign', `No campaign "${target.campaign}"`);
  if (method === 'GET' && target.endpoint === '') return json(200, campaign);
  if (method === 'GET' && target.endpoint === 'counts') return json(200, counts);
  // The banner's messages as the console publishes them: the demo feed's three.
  if (method === 'GET' && target.endpoint === 'feed') return json(200, campaignFeed);
  if (method !== 'POST' || target.endpoint !== 'pledges')
    return failure(404, 'not_found', `No route ${method} ${href}`);
  if (pledges === 'network-error') throw networkError();

  const parsed = await readBody(pledgeRequestSchema, 'Expected { unit, choice, key }', init, request);
  if (parsed instanceof Response) return parsed;
  const { unit, choice, key } = parsed;
  if (!campaign.units.some((u) => u.id === unit))
    return failure(404, 'unknown_unit', `Campaign "${campaign.id}" has no unit "${unit}"`, 'unit');
  if (!campaign.choices.some((c) => c.id === choice))
    return failure(404, 'unknown_choice', `Campaign "${campaign.id}" has no choice "${choice}"`, 'choice');
  if (service.keys.has(key)) return json(200, { created: false, counts });
  service.keys.add(key);
  const next = addPledge(service, campaign.id, unit, choice);
  return json(201, { created: true, counts: next });
}

async function answerQuiz(
  service: MockService,
  quiz: string,
  endpoint: string,
  method: string,
  init?: RequestInit,
  request?: Request,
): Promise<Response> {
  const stats = service.quizStats.get(quiz);
  if (!stats) return failure(404, 'unknown_quiz', `No quiz "${quiz}"`);
  if (method === 'GET' && endpoint === 'stats') return json(200, stats);
  if (method !== 'POST' || endpoint !== 'results') return failure(404, 'not_found', `No route ${method} ${endpoint}`);
  if (service.scenario.results === 'network-error') throw networkError();
  const parsed = await readBody(quizResultRequestSchema, 'Expected { unit, score, total, key }', init, request);
  if (parsed instanceof Response) return parsed;
  const { unit, score, total, key } = parsed;
  if (!stats.units.some((u) => u.id === unit))
    return failure(404, 'unknown_unit', `Quiz "${quiz}" has no unit "${unit}"`, 'unit');
  if (service.quizKeys.has(key)) return json(200, { created: false, stats });
  service.quizKeys.add(key);
  const next = addResult(stats, unit, score / total);
  service.quizStats.set(quiz, next);
  return json(201, { created: true, stats: next });
}

/** Counts `amount` pledges and pushes the new counts to the service's open streams; returns them. */
function addPledge(
  service: MockService,
  campaign: string,
  unit: string,
  choice: string,
  amount = 1,
): Counts | undefined {
  const counts = service.counts.get(campaign);
  if (!counts?.units.some((u) => u.id === unit)) return undefined;
  const next: Counts = {
    ...counts,
    total: counts.total + amount,
    units: counts.units.map((u) => (u.id === unit ? { ...u, count: u.count + amount } : u)),
    choices: counts.choices.map((c) => (c.id === choice ? { ...c, count: c.count + amount } : c)),
    updatedAt: new Date().toISOString(),
  };
  service.counts.set(campaign, next);
  // Like the service, the stream event comes a moment after the commit (it coalesces bursts).
  setTimeout(() => {
    for (const stream of service.streams) if (stream.campaign === campaign) stream.source.push(next);
  }, 100);
  return next;
}

function stubbedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const href = absolute(input);
  const service = serviceFor(href);
  if (service) return answer(service, href, input, init);
  // Another mock address no story serves: as unreachable as the real `.invalid` would be, without a DNS query.
  if (isMockApi(href)) return Promise.reject(networkError());
  return (realFetch ?? fetch)(input, init);
}

type Handler<E extends Event> = ((this: EventSource, event: E) => unknown) | null;

/** Enough of EventSource for the widget (pledge-live.ts): open, `counts` events, error, close. */
class MockEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readonly url: string;
  readonly withCredentials: boolean;
  readyState: number = MockEventSource.CONNECTING;
  onopen: Handler<Event> = null;
  onmessage: Handler<MessageEvent> = null;
  onerror: Handler<Event> = null;
  private stream?: Stream;
  private service?: MockService;

  constructor(url: string | URL, init?: EventSourceInit) {
    super();
    this.url = absolute(url);
    this.withCredentials = init?.withCredentials ?? false;
    const service = serviceFor(this.url);
    if (!service && !isMockApi(this.url) && RealEventSource) {
      // Not ours: a real stream (a local service). Returning an object from a constructor replaces `this`.
      return new RealEventSource(url, init) as unknown as MockEventSource;
    }
    setTimeout(() => this.connect(service), service?.scenario.latencyMs?.get ?? 250);
  }

  private connect(service: MockService | undefined): void {
    if (this.readyState === MockEventSource.CLOSED) return;
    const target = service && route(service, this.url);
    const counts = target?.endpoint === 'stream' ? service?.counts.get(target.campaign) : undefined;
    if (!service || !target || !counts || (service.scenario.mode ?? 'serve') !== 'serve') {
      // Refused or unreachable: the browser gives up for good.
      this.readyState = MockEventSource.CLOSED;
      this.fire(new Event('error'));
      return;
    }
    this.service = service;
    this.stream = { campaign: target.campaign, source: this };
    service.streams.add(this.stream);
    this.readyState = MockEventSource.OPEN;
    this.fire(new Event('open'));
    this.push(counts); // the service starts every stream with the current counts
  }

  push(counts: Counts): void {
    if (this.readyState === MockEventSource.OPEN)
      this.fire(new MessageEvent(COUNTS_EVENT, { data: JSON.stringify(counts) }));
  }

  close(): void {
    this.readyState = MockEventSource.CLOSED;
    if (this.stream) this.service?.streams.delete(this.stream);
  }

  private fire(event: Event): void {
    this.dispatchEvent(event);
    const self = this as unknown as EventSource;
    if (event.type === 'open') this.onopen?.call(self, event);
    else if (event.type === 'error') this.onerror?.call(self, event);
    else if (event.type === 'message') this.onmessage?.call(self, event as MessageEvent);
  }
}

/** The widget's memory of this device's pledge (pledge-outbox.ts `deviceKey`, which it does not export). */
export const devicePledgeKey = (api: string, campaign = CAMPAIGN) => `lantoa:pledge:done:${base(api)}|${campaign}`;
/** The widget's outbox of unsent pledges. */
export const OUTBOX_KEY = PLEDGE_OUTBOX;

/** Forgets what this device pledged through `api`: its device memory and its outbox entries (quiz results too). */
export function forgetDevice(api: string, campaign = CAMPAIGN): void {
  localStorage.removeItem(devicePledgeKey(api, campaign));
  for (const result of readQueue(QUIZ_OUTBOX)) if (result.api === base(api)) dequeue(QUIZ_OUTBOX, result.key);
  const others = pendingPledges().filter((pledge) => pledge.api !== base(api));
  if (others.length > 0) localStorage.setItem(OUTBOX_KEY, JSON.stringify(others));
  else localStorage.removeItem(OUTBOX_KEY);
}

/**
 * Forgets every device pledge made through a mock address. Cleanups do not run when the page is closed or
 * reloaded, so the first mocked story of a page view sweeps what an earlier view may have left.
 */
function forgetAllMockDevices(): void {
  const prefix = 'lantoa:pledge:done:';
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith(prefix) && isMockApi(key.slice(prefix.length).split('|')[0])) localStorage.removeItem(key);
  }
  for (const api of new Set([...pendingPledges(), ...readQueue(QUIZ_OUTBOX)].map((queued) => queued.api)))
    if (isMockApi(api)) forgetDevice(api);
}

/** Puts the scenario's device memory in place, as the widget itself would have written it. */
function seedDevice(api: string, scenario: MockScenario): void {
  if (!scenario.device || scenario.device === 'none') return;
  const key = newKey();
  const pledge: DevicePledge = { choice: 'smartphone', key, state: scenario.device };
  localStorage.setItem(devicePledgeKey(api), JSON.stringify(pledge));
  if (scenario.device === 'queued') {
    enqueue({
      api: base(api),
      campaign: CAMPAIGN,
      unit: scenario.unit ?? 'ba-tri',
      choice: 'smartphone',
      key,
      queuedAt: Date.now() - 5 * 60_000,
    });
  }
}

let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  forgetAllMockDevices();
  if (window.fetch !== stubbedFetch) {
    realFetch = window.fetch;
    window.fetch = stubbedFetch;
  }
  if (window.EventSource !== (MockEventSource as unknown)) {
    RealEventSource = window.EventSource;
    window.EventSource = MockEventSource as unknown as typeof EventSource;
  }
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  // Put back what was replaced, unless another stub has wrapped ours since: then ours stays in that chain,
  // where it passes every request through (the references are kept for that), and that stub restores it.
  if (window.fetch === stubbedFetch && realFetch) window.fetch = realFetch;
  if (window.EventSource === (MockEventSource as unknown) && RealEventSource) window.EventSource = RealEventSource;
}

/**
 * A `beforeEach` that serves the story's `api` arg with a mock service behaving as `scenario` says, and
 * starts the device fresh (or as the scenario remembers it). Storybook calls the returned cleanup when the
 * story is left: the device memory is cleared and the real fetch and EventSource are back. An `api` that is
 * not a `.invalid` address (a local service) is left alone: no stub, no storage change.
 */
export function mockPledgeApi(scenario: MockScenario = {}): (context: { args: Record<string, unknown> }) => () => void {
  return ({ args }) => {
    const api = typeof args.api === 'string' ? base(args.api) : '';
    if (!isMockApi(api)) return () => undefined;
    install();
    let service = services.get(api);
    if (!service) {
      // First use (Storybook runs beforeEach again on every re-render; those share this service).
      service = {
        api,
        scenario,
        users: 0,
        counts: new Map(),
        keys: new Set(),
        streams: new Set(),
        quizStats: new Map(),
        quizKeys: new Set(),
      };
      for (const campaign of CAMPAIGNS.values()) service.counts.set(campaign.id, initialCounts(campaign));
      for (const [quiz, campaign] of QUIZZES) {
        const declaring = CAMPAIGNS.get(campaign);
        if (declaring) service.quizStats.set(quiz, initialStats(quiz, declaring));
      }
      services.set(api, service);
      forgetDevice(api);
      seedDevice(api, scenario);
    }
    service.users += 1;
    const used = service;
    return () => {
      used.users -= 1;
      if (used.users > 0) return;
      for (const stream of used.streams) stream.source.close();
      services.delete(api);
      forgetDevice(api);
      if (services.size === 0) uninstall();
    };
  };
}

/** Switches how the mock at `api` answers pledges (e.g. the network comes back for the Queued story). */
export function setPledgeMode(api: string, pledges: NonNullable<MockScenario['pledges']>): void {
  const service = services.get(base(api));
  if (service) service.scenario = { ...service.scenario, pledges };
}

/** The same for quiz results. */
export function setResultsMode(api: string, results: NonNullable<MockScenario['results']>): void {
  const service = services.get(base(api));
  if (service) service.scenario = { ...service.scenario, results };
}

/** Other phones pledge in `unit` (`amount` of them): the counts go up and every open stream hears it. */
export function pledgeElsewhere(
  api: string,
  unit: string,
  choice = 'smartphone',
  amount = 1,
  campaign = CAMPAIGN,
): void {
  const service = services.get(base(api));
  if (service) addPledge(service, campaign, unit, choice, amount);
}
