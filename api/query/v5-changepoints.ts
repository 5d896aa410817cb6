// GET /api/v1/detector/changepoints: event_detector_changepoints rows (ooni-data.md §7.3, §9.7) in
// `since <= ts < until` (defaults computed per request: the last 30 days), ordered by ts then series,
// paged by limit/offset. probe_asn=0 asks for AS0 (upstream: no filter).
import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import { cacheFor } from './http.ts';
import { parseQuery } from './params.ts';
import { asnParam, ccParam, DAY_MS, dateParam, domainParam, intParam, timeWindow, v5Query } from './v5-params.ts';
import { isoMs, where, windowConditions, type Fragment } from './v5-sql.ts';

/** The /api/v1/detector/changepoints query: the route parses with it and /openapi.json documents it. */
export const changepointsQuery = z.object({
  probe_asn: asnParam(),
  probe_cc: ccParam,
  domain: domainParam('domain'),
  since: dateParam('since', 'inclusive; default until − 30 days'),
  until: dateParam('until', 'exclusive; default now'),
  offset: intParam('offset', 0, 0, 10_000_000),
  limit: intParam('limit', 1000, 1, 10_000),
});

/** The stored direction (+1 became blocked, −1 became unblocked) as upstream names it. */
const changeDirName = (dir: number | null) => (dir === 1 ? 'up' : dir === -1 ? 'down' : null);

type Row = Record<string, unknown> & { change_dir: number | null };

export function createV5ChangepointRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/api/v1/detector/changepoints', async (c) => {
    const p = parseQuery(changepointsQuery, v5Query(c.req.queries()));
    const { sql } = deps;
    const w = timeWindow(p.since, p.until, deps.clock(), 30 * DAY_MS);
    const conds: Fragment[] = windowConditions(sql, 'ts', w);
    if (p.probe_asn !== undefined) conds.push(sql`probe_asn = ${p.probe_asn}`);
    if (p.probe_cc !== undefined) conds.push(sql`probe_cc = ${p.probe_cc}`);
    if (p.domain !== undefined) conds.push(sql`domain = ${p.domain}`);
    const rows = await sql<Row[]>`
      select probe_asn::float8 as probe_asn, probe_cc, domain, ${isoMs(sql, 'ts')} as start_time,
        count_isp_resolver, count_other_resolver, count, dns_isp_blocked, dns_other_blocked, tcp_blocked, tls_blocked,
        change_dir, current_state, s_pos, s_neg, h, block_type
      from event_detector_changepoints where ${where(sql, conds)}
      order by ts, probe_cc, probe_asn, domain, block_type
      limit ${p.limit} offset ${p.offset}`;
    const nan = (v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? null : v);
    const results = rows.map((r) => ({
      ...Object.fromEntries(Object.entries(r).map(([k, v]) => [k, nan(v)])),
      change_dir: changeDirName(r.change_dir),
    }));
    return c.json({ results }, 200, cacheFor(60));
  });
  return app;
}
