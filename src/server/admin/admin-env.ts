/**
 * What every console route shares: the Hono environment of `/api/v1/admin/*` (the signed-in user, set by
 * the session guard in admin/guard.ts before any route runs) and the audit log every state change writes to.
 */
import type { HttpBindings } from '@hono/node-server';
import type { SessionUser } from '../../contract/admin.js';

/** `logged`: the console's access-log line is written by admin-api.ts (app.ts's 404 does not write another). */
export type AdminEnv = { Bindings: HttpBindings; Variables: { user: SessionUser; logged?: true } };

/** The audit log (admin/audit.ts): who, when, what, to what, the changed part before and after. */
export interface Auditor {
  record(entry: { user: string; action: string; target: string; before: unknown; after: unknown }): Promise<void>;
}
