// CORS for every route, mounted first: a preflight (any OPTIONS) is answered here with 204 before
// the rate limiter or a route runs (no database), and every other answer, errors and 404s included,
// gets the grant domain/cors-policy.ts decides, so a browser page can read it.
import type { MiddlewareHandler } from 'hono';
import { corsAnswer } from '../domain/cors-policy.ts';

export function cors(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    const { preflight, headers } = corsAnswer({ method: c.req.method, path: c.req.path, origin: c.req.header('Origin') }, allowed);
    if (preflight) return c.body(null, 204, headers);
    await next();
    // after next(): c.res is the final answer, also the one app.onError or app.notFound made
    for (const [name, value] of Object.entries(headers)) {
      if (name === 'Vary') {
        const vary = c.res.headers.get('Vary');
        if (vary && vary.split(',').some((v) => v.trim().toLowerCase() === 'origin')) continue;
        c.header('Vary', vary ? `${vary}, ${value}` : value);
      } else {
        c.header(name, value);
      }
    }
  };
}
