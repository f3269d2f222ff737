/**
 * Replies and request bodies of the console's routes (every `/api/v1/admin` module uses these): errors
 * in the contract's body (`{ error: { code, message, field? } }`, pledge.ts's errorSchema), JSON bodies
 * read with the same size limit and checks as the public API's, then judged by the contract's schema.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../../contract/pledge.js';
import type { BodySchema } from '../records/intake.js';
import { parseJson, readBody, TOO_LARGE } from '../http/reply.js';

/** Largest console request body: a campaign with 1,000 units in two languages fits with room to spare. */
export const ADMIN_BODY_LIMIT = 1024 * 1024;

/**
 * An error answer. Through `c` (not a bare Response) so headers set on the context, such as a cleared
 * cookie, go with it.
 */
export function adminError(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  options: { field?: string; retryAfter?: number } = {},
): Response {
  const { field, retryAfter } = options;
  if (retryAfter !== undefined) c.header('retry-after', String(retryAfter));
  return c.json({ error: field === undefined ? { code, message } : { code, message, field } }, status);
}

/**
 * The request's JSON body checked by `schema`, or the error answer: 413 over {@link ADMIN_BODY_LIMIT},
 * 400 `invalid_json`, 400 `invalid_field` naming the first offending field. (The media type was checked
 * by the guard.)
 */
export function readJson<B>(c: Context, schema: BodySchema<B>): Promise<B | Response> {
  return new Promise((resolve) =>
    readBody(c.env.incoming, ADMIN_BODY_LIMIT, (bytes) => {
      if (bytes === TOO_LARGE) {
        c.header('connection', 'close');
        resolve(adminError(c, 413, 'payload_too_large', `The body may be at most ${ADMIN_BODY_LIMIT} bytes`));
        return;
      }
      const data = bytes === null ? undefined : parseJson(bytes);
      if (data === undefined) {
        resolve(adminError(c, 400, 'invalid_json', 'The body must be JSON (UTF-8)'));
        return;
      }
      const parsed = schema.safeParse(data);
      if (parsed.success) {
        resolve(parsed.data);
        return;
      }
      const issue = parsed.error.issues[0];
      const field = issue.path.map(String).join('.');
      resolve(
        adminError(c, 400, 'invalid_field', field ? `${field}: ${issue.message}` : issue.message, {
          field: field || undefined,
        }),
      );
    }),
  );
}
