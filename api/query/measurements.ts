// GET /api/v1/measurements: search and paginate fastpath rows.
import { Hono } from 'hono';
import type { ApiDeps } from '../deps.ts';
import { VERIFICATION_STATUS, baseUrl, isoMicros } from './format.ts';
import { cacheFor } from './http.ts';
import { parseMeasurementFilter } from './measurement-filters.ts';
import { listMeasurements, type ListRow } from './measurements-query.ts';

const OKHTTP_BODY = {
  metadata: { count: 1, current_page: 1, limit: 100, next_url: null, offset: 0, pages: 1, query_time: 0.001 },
  results: [{ measurement_url: '' }],
};

function resultOf(row: ListRow, base: string) {
  return {
    measurement_uid: row.measurement_uid,
    measurement_url: `${base}/api/v1/raw_measurement?measurement_uid=${encodeURIComponent(row.measurement_uid)}`,
    report_id: row.report_id,
    probe_cc: row.probe_cc,
    probe_asn: `AS${row.probe_asn}`,
    test_name: row.test_name,
    measurement_start_time: isoMicros(row.mst),
    input: row.input === '' ? null : row.input,
    anomaly: row.anomaly,
    confirmed: row.confirmed,
    failure: row.msm_failure,
    scores: JSON.parse(row.scores) as unknown,
    verification_status: VERIFICATION_STATUS[row.is_verified] ?? 'unverified',
  };
}

export function createMeasurementsRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/api/v1/measurements', async (c) => {
    // old Android probes (ooni/probe#1034) poll this endpoint: answer without querying
    if ((c.req.header('User-Agent') ?? '').startsWith('okhttp')) return c.json(OKHTTP_BODY, 200, { 'Cache-Control': 'no-cache' });
    const query = c.req.query();
    const f = parseMeasurementFilter(query, deps.clock());
    const started = performance.now();
    const rows = await listMeasurements(deps.sql, f);
    const queryTime = (performance.now() - started) / 1000;
    const base = baseUrl(deps.config.PUBLIC_BASE_URL, c.req.url);
    const lastPage = rows.length < f.limit;
    const count = lastPage ? f.offset + rows.length : -1;
    let nextUrl: string | null = null;
    if (!lastPage) {
      const params = new URLSearchParams(query);
      params.set('offset', String(f.offset + f.limit));
      params.set('limit', String(f.limit));
      nextUrl = `${base}/api/v1/measurements?${params.toString()}`;
    }
    const metadata = {
      count,
      current_page: Math.ceil(f.offset / f.limit) + 1,
      limit: f.limit,
      next_url: nextUrl,
      offset: f.offset,
      pages: lastPage ? Math.ceil(count / f.limit) : -1,
      query_time: queryTime,
    };
    return c.json({ metadata, results: rows.map((r) => resultOf(r, base)) }, 200, cacheFor(60));
  });
  return app;
}
