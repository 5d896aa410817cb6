// Probe-services routes that need no storage. The submit routes (POST /report/{report_id},
// /api/v1/submit_measurement) live elsewhere and call domain/submission.
import { Hono } from 'hono';
import { createBouncerRoutes } from './bouncer.ts';
import { createCheckInRoutes } from './check-in.ts';
import { createCollectorsRoutes } from './collectors.ts';
import { createLoginRoutes } from './login.ts';
import { createManifestRoutes } from './manifest.ts';
import { createReportOpenRoutes } from './report-open.ts';
import { createTestHelpersRoutes } from './test-helpers.ts';
import { createTestListRoutes } from './test-lists.ts';
import { createUpdateRoutes } from './update.ts';
import { createVpnConfigRoutes } from './vpn-config.ts';
import type { ProbeServicesOptions } from './options.ts';

export function createProbeServicesRoutes(opts: ProbeServicesOptions): Hono {
  const app = new Hono();
  for (const factory of [
    createTestHelpersRoutes,
    createCheckInRoutes,
    createManifestRoutes,
    createCollectorsRoutes,
    createBouncerRoutes,
    createLoginRoutes,
    createTestListRoutes,
    createReportOpenRoutes,
    createUpdateRoutes,
    createVpnConfigRoutes,
  ]) {
    app.route('/', factory(opts));
  }
  return app;
}

export { defaultProbeServicesOptions, EXAMPLE_TEST_HELPERS } from './options.ts';
export type { ProbeServicesOptions, TestListUrl, UrlQuery } from './options.ts';
