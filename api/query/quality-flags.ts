// GET /api/v1/quality_flags: the data-quality flags of scored measurements (docs/query-api.md),
// newest measurement first, filtered by type, the measurement's cc/asn/uid and start-time window.
import { and, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { dataQualityFlags } from '../../drizzle/schema.ts';
import type { ApiDeps } from '../deps.ts';
import { invalid, parseQuery } from './params.ts';
import { qualityFlagsQuery } from './quality-flags-params.ts';

export function createQualityFlagsRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/api/v1/quality_flags', async (c) => {
    const q = parseQuery(qualityFlagsQuery, c.req.query());
    if (q.since && q.until && q.until <= q.since) throw invalid('until', 'must be after since');
    const t = dataQualityFlags;
    const where: SQL[] = [];
    if (q.type) where.push(inArray(t.type, q.type));
    if (q.probe_cc) where.push(inArray(t.probeCc, q.probe_cc));
    if (q.probe_asn) where.push(inArray(t.probeAsn, q.probe_asn));
    if (q.measurement_uid) where.push(eq(t.measurementUid, q.measurement_uid));
    if (q.since) where.push(gte(t.measurementStartTime, q.since));
    if (q.until) where.push(lt(t.measurementStartTime, q.until));
    const rows = await deps.db
      .select()
      .from(t)
      .where(and(...where))
      .orderBy(desc(t.measurementStartTime), t.measurementUid, t.type)
      .limit(q.limit)
      .offset(q.offset);
    const results = rows.map((r) => ({
      measurement_uid: r.measurementUid,
      type: r.type,
      probe_cc: r.probeCc,
      probe_asn: r.probeAsn,
      measurement_start_time: r.measurementStartTime.toISOString().replace('.000Z', 'Z'),
      details: r.details,
      flagged_at: r.ts.toISOString(),
    }));
    return c.json({ metadata: { offset: q.offset, limit: q.limit, count: results.length }, results }, 200, { 'Cache-Control': 'max-age=60' });
  });
  return app;
}
