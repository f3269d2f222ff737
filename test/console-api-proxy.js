// A pass-through of /api/v1/admin/* from the test pages' origin to the real pledge service: the console calls its
// API on its own origin (credentials same-origin, Origin checked against Host), as it does when the service serves
// it at /admin/. Every header goes through unchanged, Host included, as a reverse proxy in front of the service
// would send them; the answer (status, Set-Cookie, body) comes back as is. Nothing is answered here.
import { request } from 'node:http';

export function consoleApiProxy(servicePort) {
  return async function consoleApi(context, next) {
    if (!context.path.startsWith('/api/v1/admin')) return next();
    const chunks = [];
    for await (const chunk of context.req) chunks.push(chunk);
    const answer = await new Promise((resolve, reject) => {
      const upstream = request(
        {
          host: '127.0.0.1',
          port: servicePort,
          method: context.method,
          path: context.url,
          headers: context.req.headers,
        },
        (response) => {
          const body = [];
          response.on('data', (chunk) => body.push(chunk));
          response.on('end', () => resolve({ response, body: Buffer.concat(body) }));
          response.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(Buffer.concat(chunks));
    });
    context.status = answer.response.statusCode;
    for (const [name, value] of Object.entries(answer.response.headers))
      if (!['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) context.set(name, value);
    context.body = answer.body;
  };
}
