/**
 * What every console route shares: the Hono environment of `/api/v1/admin/*` (the signed-in user, set by
 * the session guard in admin/guard.ts before any route runs) and the audit log every state change writes to.
 */
import type { HttpBindings } from '@hono/node-server';
import type { SessionUser } from '../../contract/admin.js';

export type AdminEnv = { Bindings: HttpBindings; Variables: { user: SessionUser } };

/** The audit log (admin/audit.ts): who, when, what, to what, the changed part before and after. */
export interface Auditor {
  record(entry: { user: string; action: string; target: string; before: unknown; after: unknown }): Promise<void>;
}
