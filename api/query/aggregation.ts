// GET /api/v1/aggregation: counters by up to two axes, as JSON or CSV, from the counters tables plus
// the fastpath changes since their last refresh (live-counters.ts).
import { Hono } from 'hono';
import type { ApiDeps } from '../deps.ts';
import { parseAggregationQuery } from './aggregation-params.ts';
import { runAggregation } from './aggregation-query.ts';
import { toCsv } from './csv.ts';
import { withCounters, type CountersMode } from './live-counters.ts';

export function createAggregationRoutes(deps: ApiDeps, counters: CountersMode = 'live'): Hono {
  const app = new Hono();
  app.get('/api/v1/aggregation', async (c) => {
    const q = parseAggregationQuery(c.req.query(), deps.clock());
    const started = performance.now();
    const rows = await withCounters(deps.sql, counters, (tx, source) => runAggregation(tx, q, source));
    const elapsed = (performance.now() - started) / 1000;
    const headers: Record<string, string> = { 'Cache-Control': 'no-cache' };
    if (q.download) headers['Content-Disposition'] = `attachment; filename=ooni-aggregate-data.${q.format.toLowerCase()}`;
    if (q.format === 'CSV') {
      return c.body(toCsv(rows), 200, { ...headers, 'Content-Type': 'text/csv; charset=utf-8' });
    }
    const body = {
      v: 0,
      dimension_count: q.axes.length,
      result: q.axes.length ? rows : rows[0],
      db_stats: { row_count: rows.length, elapsed_seconds: elapsed },
    };
    return c.json(body, 200, headers);
  });
  return app;
}
