// GET /api/v1/observations: pages of obs_web rows (ooni-data.md §9.2) with a real count, bounded
// limit, next_url keeping the filters, and the window `since <= measurement_start_time < until`.
import { Hono } from 'hono';
import { z } from 'zod';
import { obsWeb } from '../../drizzle/v5-schema.ts';
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
  nameParam,
  orderParam,
  reportIdParam,
  runLinkParam,
  testNameParam,
  timeWindow,
  uidParam,
  v5Query,
  versionParam,
} from './v5-params.ts';
import { listPage, pageMetadata, selectColumns, windowConditions, type Fragment } from './v5-sql.ts';

export const V5_ORDER_BY = ['measurement_start_time', 'input', 'probe_cc', 'probe_asn', 'test_name'] as const;
export const MAX_V5_LIMIT = 1000;
const MAX_OFFSET = 10_000_000;

/** The /api/v1/observations query: the route parses with it and /openapi.json documents it. */
export const observationsQuery = z.object({
  report_id: reportIdParam,
  measurement_uid: uidParam,
  probe_asn: asnParam(),
  probe_cc: ccParam,
  test_name: testNameParam,
  software_name: nameParam('software_name'),
  software_version: versionParam('software_version'),
  test_version: versionParam('test_version'),
  engine_version: versionParam('engine_version'),
  ooni_run_link_id: runLinkParam,
  since: dateParam('since', 'inclusive; default until − 7 days (none with report_id or measurement_uid)'),
  until: dateParam('until', 'exclusive; default now (none with report_id or measurement_uid)'),
  order_by: enumParam('order_by', V5_ORDER_BY, 'measurement_start_time'),
  order: orderParam,
  offset: intParam('offset', 0, 0, MAX_OFFSET),
  limit: intParam('limit', 100, 1, MAX_V5_LIMIT),
});

const EQUALITY = [
  'report_id',
  'measurement_uid',
  'probe_asn',
  'probe_cc',
  'test_name',
  'software_name',
  'software_version',
  'test_version',
  'engine_version',
  'ooni_run_link_id',
] as const;

type Row = Record<string, unknown> & { hostname: string | null; target_id: string | null };

export function createV5ObservationRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/api/v1/observations', async (c) => {
    const p = parseQuery(observationsQuery, v5Query(c.req.queries()));
    const { sql } = deps;
    const w = timeWindow(p.since, p.until, deps.clock(), 7 * DAY_MS, p.report_id !== undefined || p.measurement_uid !== undefined);
    const conds: Fragment[] = [...windowConditions(sql, 'measurement_start_time', w)];
    for (const key of EQUALITY) {
      const v = p[key];
      if (v !== undefined) conds.push(sql`${sql(key)} = ${v}`);
    }
    const started = performance.now();
    const page = await listPage<Row>(sql, {
      table: 'obs_web',
      select: selectColumns(sql, obsWeb),
      conds,
      orderBy: [p.order_by!, 'measurement_uid', 'observation_idx'],
      order: p.order,
      limit: p.limit,
      offset: p.offset,
    });
    const queryTime = (performance.now() - started) / 1000;
    // upstream's display rule: a row without a target is named by its hostname
    const results = page.rows.map((r) => ({ ...r, target_id: r.target_id ?? r.hostname }));
    const base = baseUrl(deps.config.PUBLIC_BASE_URL, c.req.url);
    const metadata = pageMetadata(page, { offset: p.offset, limit: p.limit, requestUrl: c.req.url, base, queryTime });
    return c.json({ metadata, results }, 200, cacheFor(60));
  });
  return app;
}
