// GET /api/v1/manifest. We do not implement anonymous credentials. probe-cli ≥ v3.30 treats
// any non-200 here as "no credentials" and quietly submits through the plain
// /api/v1/submit_measurement path; a 404 is also what the real service answers for an unknown
// manifest, and, unlike a 5xx, says "not here" rather than "broken".
import { Hono } from 'hono';
import { ApiError } from '../errors.ts';
import type { ProbeServicesOptions } from './options.ts';

export function createManifestRoutes(_opts: ProbeServicesOptions): Hono {
  const app = new Hono();
  app.get('/api/v1/manifest', () => {
    throw new ApiError('manifest_not_found', 'anonymous credentials are not supported; submit without credentials');
  });
  return app;
}
