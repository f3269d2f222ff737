/**
 * Accounts, for admins only (the guard's requireAdmin runs first): GET and POST /admin/users, PATCH and
 * DELETE /admin/users/:name. An admin cannot remove or demote themselves (409 `in_use`), so the console
 * always keeps at least one admin; a new password ends every session of that account (one's own: this
 * browser gets a new session).
 */
import { Hono, type Context } from 'hono';
import { newUserRequestSchema, USER_NAME_PATTERN, userChangeRequestSchema } from '../../contract/admin.js';
import { addAccount, changeAccount, removeAccount } from './account-changes.js';
import type { AdminEnv } from './admin-env.js';
import { requireAdmin, setSessionCookie } from './guard.js';
import { adminError, readJson } from './replies.js';
import type { SessionDeps } from './session-routes.js';

const noSuchAccount = (c: Context<AdminEnv>, name: string) =>
  adminError(c, 404, 'not_found', `No account "${name.slice(0, 64)}"`);

export function accountRoutes(deps: SessionDeps): Hono<AdminEnv> {
  const routes = new Hono<AdminEnv>();
  routes.use('*', requireAdmin);

  routes.get('/', async (c) => c.json({ users: await deps.accounts.list() }));

  routes.post('/', async (c) => {
    const body = await readJson(c, newUserRequestSchema);
    if (body instanceof Response) return body;
    const user = await addAccount(deps, c.var.user.name, body.name, body.role, body.password);
    if (!user) return adminError(c, 409, 'in_use', `The name "${body.name}" is taken`, { field: 'name' });
    return c.json(user, 201);
  });

  routes.patch('/:name', async (c) => {
    const name = c.req.param('name');
    if (!USER_NAME_PATTERN.test(name)) return noSuchAccount(c, name);
    const body = await readJson(c, userChangeRequestSchema);
    if (body instanceof Response) return body;
    const self = name === c.var.user.name;
    if (self && body.role !== undefined && body.role !== 'admin')
      return adminError(c, 409, 'in_use', 'An admin cannot take their own admin role', { field: 'role' });
    const user = await changeAccount(deps, c.var.user.name, name, body);
    if (!user) return noSuchAccount(c, name);
    if (self && body.password !== undefined) {
      // Every session of this account has just ended, this one too: keep the admin signed in here.
      const { token } = await deps.accounts.startSession(user);
      setSessionCookie(c, token, deps.trustProxy);
    }
    return c.json(user);
  });

  routes.delete('/:name', async (c) => {
    const name = c.req.param('name');
    if (name === c.var.user.name) return adminError(c, 409, 'in_use', 'An admin cannot remove their own account');
    if (!USER_NAME_PATTERN.test(name) || !(await removeAccount(deps, c.var.user.name, name)))
      return noSuchAccount(c, name);
    return c.body(null, 204);
  });

  return routes;
}
