// POST /report opens a (stateless) report: a fresh report_id, nothing stored.
// POST /report/{report_id}/close: no state either; never called by probe-cli.
import { Hono } from 'hono';
import { generateReportId, normaliseProbeAsn, normaliseProbeCc, normaliseTestName } from '../../domain/ids/report-id.ts';
import { NO_CACHE, readJsonObject } from './http.ts';
import type { ProbeServicesOptions } from './options.ts';

const BACKEND_VERSION = '1.3.5';

export function createReportOpenRoutes(opts: ProbeServicesOptions): Hono {
  const app = new Hono();

  app.post('/report', async (c) => {
    const body = await readJsonObject(c);
    const reportId = generateReportId({
      now: opts.now(),
      testName: normaliseTestName(body['test_name']),
      probeCc: normaliseProbeCc(body['probe_cc'] ?? 'ZZ'),
      probeAsn: normaliseProbeAsn(body['probe_asn'] ?? 'AS0'),
      collectorId: opts.collectorId,
      random: opts.random,
    });
    return c.json({ backend_version: BACKEND_VERSION, report_id: reportId, supported_formats: ['yaml', 'json'] }, 200, NO_CACHE);
  });

  app.post('/report/:report_id/close', (c) => c.json({}, 200, { 'Cache-Control': 'max-age=3600' }));

  return app;
}
