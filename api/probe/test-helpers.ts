// GET /api/v1/test-helpers: the probe's first contact (its "bouncer"); any 200 object works.
import { Hono } from 'hono';
import { NO_CACHE } from './http.ts';
import type { ProbeServicesOptions } from './options.ts';

export function createTestHelpersRoutes(opts: ProbeServicesOptions): Hono {
  const app = new Hono();
  app.get('/api/v1/test-helpers', (c) => c.json(opts.testHelpers, 200, NO_CACHE));
  return app;
}
