// createApp(deps): the whole HTTP API as one Hono app; one file per resource.
import { Hono } from 'hono';
import { apiError } from './errors.ts';
import type { ApiDeps } from './deps.ts';
import { healthRoutes } from './health.ts';

export function createApp(deps: ApiDeps): Hono {
  const app = new Hono();
  app.route('/', healthRoutes(deps));
  app.notFound((c) => apiError(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => {
    deps.log.error({ err, path: c.req.path }, 'unhandled error');
    return apiError(c, 500, 'internal_error', 'internal error');
  });
  return app;
}
