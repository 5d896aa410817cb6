// GET /api/v1/measurement_meta: one measurement's metadata, optionally with its raw body.
import { Hono } from 'hono';
import type { ApiDeps } from '../deps.ts';
import { VERIFICATION_STATUS, isoSeconds } from './format.ts';
import { cacheFor } from './http.ts';
import { lookupMeta } from './meta-lookup.ts';
import { fetchRawMeasurement } from './raw-body.ts';
import { parseMetaQuery } from './single-params.ts';

export function createMeasurementMetaRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/api/v1/measurement_meta', async (c) => {
    const { key, full } = parseMetaQuery(c.req.query(), 'Missing measurement_uid or report_id. You should provide at the least one');
    const row = await lookupMeta(deps.sql, key);
    if (!row) return c.json(full ? { raw_measurement: '' } : {}, 200, cacheFor(60));
    const meta: Record<string, unknown> = {
      anomaly: row.anomaly,
      category_code: row.category_code,
      confirmed: row.confirmed,
      failure: row.msm_failure,
      input: row.input,
      measurement_start_time: isoSeconds(row.mst),
      measurement_uid: row.measurement_uid,
      probe_asn: Number(row.probe_asn),
      probe_cc: row.probe_cc,
      report_id: row.report_id,
      scores: row.scores,
      test_name: row.test_name,
      test_start_time: isoSeconds(row.tst),
      verification_status: VERIFICATION_STATUS[row.is_verified] ?? 'unverified',
    };
    if (full) {
      const body = await fetchRawMeasurement(deps, row.measurement_uid).catch(() => null);
      meta.raw_measurement = body ? new TextDecoder().decode(body) : '';
    }
    return c.json(meta, 200, cacheFor(60));
  });
  return app;
}
