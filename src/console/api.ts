/**
 * The console's client of `/api/v1/admin/*` (src/contract/admin.ts): same origin, cookies sent, JSON both
 * ways, every reply parsed with the contract's schema. A 401 `unauthenticated` anywhere tells the app
 * (onSignedOut) to show the sign-in page; every other refusal is an ApiError the page explains inline.
 */
import type * as z from 'zod/mini';
import {
  ADMIN_PREFIX,
  auditResponseSchema,
  campaignDocSchema,
  campaignListResponseSchema,
  resultsResponseSchema,
  sessionResponseSchema,
  sitesResponseSchema,
  userSchema,
  usersResponseSchema,
  type CampaignDoc,
  type CampaignSettingsRequest,
  type FeedMessageDoc,
  type Role,
} from '../contract/admin.js';
import { errorSchema, type Unit } from '../contract/pledge.js';
import '../core/validate.js'; // zod without its JIT (new Function), which the console's CSP forbids

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the service could not be reached. */
    readonly status: number,
    /** The service's error code, or `network` / `invalid_response` for what the client saw itself. */
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Seconds, from Retry-After on a 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

type Listener = () => void;
const signedOutListeners = new Set<Listener>();
/** Called when any request answers 401 unauthenticated (session expired, signed out elsewhere). */
export function onSignedOut(listener: Listener): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

const path = (...parts: string[]) => `${ADMIN_PREFIX}/${parts.map(encodeURIComponent).join('/')}`;

async function request<T>(method: string, url: string, schema: z.ZodMiniType<T> | null, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'network', String(error));
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const parsed = errorSchema.safeParse(data);
    const detail = parsed.success
      ? parsed.data.error
      : { code: `http_${response.status}`, message: response.statusText };
    if (response.status === 401 && detail.code === 'unauthenticated')
      signedOutListeners.forEach((listener) => listener());
    const retry = Number(response.headers.get('Retry-After'));
    throw new ApiError(
      response.status,
      detail.code,
      detail.message,
      'field' in detail ? detail.field : undefined,
      Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : undefined,
    );
  }
  if (schema === null) return undefined as T;
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ApiError(response.status, 'invalid_response', parsed.error.message);
  return parsed.data;
}

export const api = {
  session: () => request('GET', path('session'), sessionResponseSchema),
  signIn: (name: string, password: string) =>
    request('POST', path('session'), sessionResponseSchema, { name, password }),
  signOut: () => request('DELETE', path('session'), null),
  changePassword: (current: string, password: string) => request('POST', path('password'), null, { current, password }),

  campaigns: () => request('GET', path('campaigns'), campaignListResponseSchema),
  campaign: (id: string) => request('GET', path('campaigns', id), campaignDocSchema),
  saveMessages: (id: string, version: number, messages: FeedMessageDoc[]) =>
    request('PUT', path('campaigns', id, 'messages'), campaignDocSchema, { version, messages }),
  saveUnits: (id: string, version: number, units: Unit[]) =>
    request('PUT', path('campaigns', id, 'units'), campaignDocSchema, { version, units }),
  saveSettings: (id: string, change: CampaignSettingsRequest) =>
    request('PATCH', path('campaigns', id), campaignDocSchema, change),
  sites: (id: string) => request('GET', path('campaigns', id, 'sites'), sitesResponseSchema),
  addSite: (id: string, version: number, origin: string) =>
    request('POST', path('campaigns', id, 'sites'), campaignDocSchema, { version, origin }),
  results: (id: string) => request('GET', path('campaigns', id, 'results'), resultsResponseSchema),
  /** The CSV files (UTF-8 with BOM): pledges per day × unit × choice, the embedding sites, quiz figures per unit. */
  exportUrl: (id: string, what: 'pledges' | 'sites' | 'quiz' = 'pledges') =>
    `${path('campaigns', id, 'export.csv')}${what === 'pledges' ? '' : `?what=${what}`}`,

  audit: (before?: number) =>
    request('GET', `${path('audit')}?limit=20${before === undefined ? '' : `&before=${before}`}`, auditResponseSchema),
  users: () => request('GET', path('users'), usersResponseSchema),
  addUser: (name: string, role: Role, password: string) =>
    request('POST', path('users'), userSchema, { name, role, password }),
  changeUser: (name: string, change: { role?: Role; password?: string }) =>
    request('PATCH', path('users', name), null, change),
  removeUser: (name: string) => request('DELETE', path('users', name), null),
};

export type { CampaignDoc };
