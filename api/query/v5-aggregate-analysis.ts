// GET /api/v1/aggregation/analysis: analysis_web_measurement cells by axis_x/axis_y and every
// filtered column, each with its count and LoNI (ooni-data.md §6, §9.6). The SQL gives each cell's
// q95 (percentile_cont: linear interpolation) and its per-failure weight sums; domain/loni ranks them.
import { Hono } from 'hono';
import { z } from 'zod';
import { LONI_SCORES, loniOf, type LoniScore } from '../../domain/loni/loni.ts';
import type { FailureWeight } from '../../domain/loni/top-k.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { cacheFor } from './http.ts';
import { parseQuery, queryParam } from './params.ts';
import {
  asnParam,
  bad,
  ccParam,
  DAY_MS,
  dateParam,
  domainParam,
  enumParam,
  inputParam,
  runLinkParam,
  testNameParam,
  timeGrainParam,
  timeWindow,
  uidParam,
  v5Query,
} from './v5-params.ts';
import { bucketText, where, windowConditions, type Fragment } from './v5-sql.ts';

const AXES = ['measurement_start_day', 'domain', 'probe_cc', 'probe_asn', 'test_name', 'input'] as const;
type Key = (typeof AXES)[number] | 'measurement_uid' | 'ooni_run_link_id';
/** Every result carries these keys (null when not grouped), as upstream. */
const RESULT_KEYS: Key[] = ['measurement_start_day', 'domain', 'probe_cc', 'probe_asn', 'test_name', 'input', 'measurement_uid', 'ooni_run_link_id'];

/** The /api/v1/aggregation/analysis query: the route parses with it and /openapi.json documents it. */
export const aggregationAnalysisQuery = z.object({
  axis_x: enumParam('axis_x', AXES, 'measurement_start_day'),
  axis_y: enumParam('axis_y', AXES),
  test_name: testNameParam,
  domain: domainParam('domain'),
  input: inputParam,
  measurement_uid: uidParam,
  probe_cc: ccParam,
  probe_asn: asnParam(),
  ooni_run_link_id: runLinkParam,
  since: dateParam('since', 'inclusive; default until − 30 days (none with measurement_uid)'),
  until: dateParam('until', 'exclusive; default now (none with measurement_uid)'),
  time_grain: timeGrainParam,
  anomaly_sensitivity: queryParam(z.number().describe('accepted and unused, as upstream'), (raw) => {
    if (raw !== undefined && !Number.isFinite(Number(raw))) throw bad('anomaly_sensitivity', 'must be a number');
    return raw;
  }),
  format: queryParam(z.enum(['JSON']).describe('JSON only'), (raw = 'JSON') => {
    if (raw.toUpperCase() !== 'JSON') throw bad('format', 'only JSON is served');
    return raw;
  }),
  download: queryParam(z.string().describe('accepted and unused'), (raw) => raw),
});

const FILTERS = ['test_name', 'domain', 'input', 'measurement_uid', 'probe_cc', 'probe_asn', 'ooni_run_link_id'] as const;

type CellRow = Record<string, unknown> & Record<LoniScore, number | null> & { count: number };
type WeightRow = Record<string, unknown> & FailureWeight;

export function createV5AggregateAnalysisRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/api/v1/aggregation/analysis', async (c) => {
    const p = parseQuery(aggregationAnalysisQuery, v5Query(c.req.queries()));
    if (p.axis_y !== undefined && p.axis_y === p.axis_x) throw new ApiError('axes_equal', 'Axis X and Y cannot be the same');
    const { sql } = deps;
    const w = timeWindow(p.since, p.until, deps.clock(), 30 * DAY_MS, p.measurement_uid !== undefined);
    const conds: Fragment[] = windowConditions(sql, 'measurement_start_time', w);
    const keys = new Set<Key>([p.axis_x!, ...(p.axis_y ? [p.axis_y] : [])]);
    for (const f of FILTERS) {
      const v = p[f];
      if (v === undefined) continue;
      conds.push(sql`${sql(f)} = ${v}`);
      keys.add(f);
    }
    const ordered = [...keys];
    const exprs = ordered.map((k) => {
      if (k === 'measurement_start_day') return sql`${bucketText(sql, p.time_grain, 'measurement_start_time')} as measurement_start_day`;
      if (k === 'probe_asn') return sql`probe_asn::float8 as probe_asn`;
      return sql`${sql(k)}`;
    });
    const keyList = exprs.reduce((acc, e, i) => (i === 0 ? e : sql`${acc}, ${e}`), sql``);
    const positions = sql.unsafe(ordered.map((_, i) => i + 1).join(', '));
    const n = ordered.length;
    const q95 = LONI_SCORES.map((s) => sql`percentile_cont(0.95) within group (order by ${sql(s)}) as ${sql(s)}`).reduce(
      (acc, e) => sql`${acc}, ${e}`,
    );
    const started = performance.now();
    const [cells, weights] = await Promise.all([
      sql<CellRow[]>`
        select ${keyList}, count(*)::float8 as count, ${q95}
        from analysis_web_measurement where ${where(sql, conds)}
        group by ${positions} order by ${positions}`,
      // the weight of a row is trunc(its Float32 score × 100) in double precision (domain/loni/failures.ts)
      sql<WeightRow[]>`
        select ${keyList}, f.layer, f.failure, sum(f.weight)::float8 as weight
        from analysis_web_measurement
        cross join lateral (values ('dns', top_dns_failure, trunc(dns_blocked::float8 * 100)),
                                   ('tcp', top_tcp_failure, trunc(tcp_blocked::float8 * 100)),
                                   ('tls', top_tls_failure, trunc(tls_blocked::float8 * 100))) as f(layer, failure, weight)
        where ${where(sql, conds)}
        group by ${positions}, ${sql.unsafe(`${n + 1}, ${n + 2}`)}`,
    ]);
    const elapsed = (performance.now() - started) / 1000;
    const cellKey = (r: Record<string, unknown>) => JSON.stringify(ordered.map((k) => r[k]));
    const byCell = new Map<string, FailureWeight[]>();
    for (const r of weights) {
      const k = cellKey(r);
      const list = byCell.get(k) ?? [];
      list.push({ layer: r.layer, failure: r.failure, weight: r.weight });
      byCell.set(k, list);
    }
    const results = cells.map((r) => ({
      count: r.count,
      ...Object.fromEntries(RESULT_KEYS.map((k) => [k, keys.has(k) ? r[k] : null])),
      loni: loniOf(r, byCell.get(cellKey(r)) ?? []),
    }));
    const body = {
      db_stats: { bytes: -1, elapsed_seconds: elapsed, row_count: results.length, total_row_count: results.length },
      dimension_count: p.axis_y ? 2 : 1,
      results,
    };
    return c.json(body, 200, cacheFor(60));
  });
  return app;
}
