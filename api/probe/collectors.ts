// GET /api/v1/collectors: we are the only collector, reachable at publicBaseUrl.
import { Hono } from 'hono';
import type { ProbeServicesOptions } from './options.ts';

export function createCollectorsRoutes(opts: ProbeServicesOptions): Hono {
  const app = new Hono();
  app.get('/api/v1/collectors', (c) => c.json([{ address: opts.publicBaseUrl, type: 'https' }], 200, { 'Cache-Control': 'max-age=3600' }));
  return app;
}
