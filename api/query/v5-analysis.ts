// GET /api/v1/analysis: pages of analysis_web_measurement rows (ooni-data.md §9.3), with the same
// pagination and window as /api/v1/observations (default 30 days).
import { Hono } from 'hono';
import { z } from 'zod';
import { analysisWebMeasurement } from '../../drizzle/v5-schema.ts';
import type { ApiDeps } from '../deps.ts';
import { baseUrl } from './format.ts';
import { cacheFor } from './http.ts';
import { parseQuery } from './params.ts';
import {
  asnParam,
  ccParam,
  DAY_MS,
  dateParam,
  enumParam,
  intParam,
  orderParam,
  runLinkParam,
  testNameParam,
  timeWindow,
  uidParam,
  v5Query,
} from './v5-params.ts';
import { MAX_V5_LIMIT, V5_ORDER_BY } from './v5-observations.ts';
import { listPage, pageMetadata, selectColumns, windowConditions, type Fragment } from './v5-sql.ts';

/** The /api/v1/analysis query: the route parses with it and /openapi.json documents it. */
export const analysisQuery = z.object({
  measurement_uid: uidParam,
  probe_asn: asnParam(),
  probe_cc: ccParam,
  test_name: testNameParam,
  ooni_run_link_id: runLinkParam,
  since: dateParam('since', 'inclusive; default until − 30 days (none with measurement_uid)'),
  until: dateParam('until', 'exclusive; default now (none with measurement_uid)'),
  order_by: enumParam('order_by', V5_ORDER_BY, 'measurement_start_time'),
  order: orderParam,
  offset: intParam('offset', 0, 0, 10_000_000),
  limit: intParam('limit', 100, 1, MAX_V5_LIMIT),
});

const EQUALITY = ['measurement_uid', 'probe_asn', 'probe_cc', 'test_name', 'ooni_run_link_id'] as const;

export function createV5AnalysisRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/api/v1/analysis', async (c) => {
    const p = parseQuery(analysisQuery, v5Query(c.req.queries()));
    const { sql } = deps;
    const w = timeWindow(p.since, p.until, deps.clock(), 30 * DAY_MS, p.measurement_uid !== undefined);
    const conds: Fragment[] = [...windowConditions(sql, 'measurement_start_time', w)];
    for (const key of EQUALITY) {
      const v = p[key];
      if (v !== undefined) conds.push(sql`${sql(key)} = ${v}`);
    }
    const started = performance.now();
    const page = await listPage(sql, {
      table: 'analysis_web_measurement',
      select: selectColumns(sql, analysisWebMeasurement),
      conds,
      orderBy: [p.order_by!, 'measurement_uid'],
      order: p.order,
      limit: p.limit,
      offset: p.offset,
    });
    const queryTime = (performance.now() - started) / 1000;
    const base = baseUrl(deps.config.PUBLIC_BASE_URL, c.req.url);
    const metadata = pageMetadata(page, { offset: p.offset, limit: p.limit, requestUrl: c.req.url, base, queryTime });
    return c.json({ metadata, results: page.rows }, 200, cacheFor(60));
  });
  return app;
}
