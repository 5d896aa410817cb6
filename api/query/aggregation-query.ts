// The SQL of GET /api/v1/aggregation, over the narrowest counters table that can answer it, read
// through a CountersSource (live-counters.ts): signed rows, so a group is kept only if it counts a row.
import type postgres from 'postgres';
import type { AggregationQuery, Axis } from './aggregation-params.ts';
import type { CountersSource } from './live-counters.ts';
import { joinAnd } from './measurements-query.ts';

type Fragment = postgres.PendingQuery<postgres.Row[]>;
const COUNTERS = ['anomaly_count', 'confirmed_count', 'failure_count', 'measurement_count', 'ok_count'] as const;
const FINE_AXES: Axis[] = ['domain', 'input', 'category_code'];

export type Source = 'counters_hourly' | 'counters_daily' | 'counters_daily_input' | 'counters_daily_network' | 'counters_daily_country';

/** The smallest counters table whose key has every dimension the query filters or groups on. */
export function chooseSource(q: AggregationQuery): Source {
  if (q.grain === 'hour' && q.axes.includes('measurement_start_day')) return 'counters_hourly';
  const asn = q.probeAsns || q.axes.includes('probe_asn');
  const blocking = q.axes.includes('blocking_type');
  const fine = q.domains || q.input || q.categoryCode || q.axes.some((a) => FINE_AXES.includes(a));
  if (q.ooniRunLinkIds || (fine && (asn || blocking))) return 'counters_daily';
  if (fine) return 'counters_daily_input';
  if (asn) return blocking ? 'counters_daily' : 'counters_daily_network';
  return 'counters_daily_country';
}

function axisExpr(sql: postgres.Sql, axis: Axis, q: AggregationQuery): Fragment {
  switch (axis) {
    case 'measurement_start_day':
      switch (q.grain) {
        case 'hour':
          return sql`to_char(t.hour, 'YYYY-MM-DD"T"HH24:00:00"Z"')`;
        case 'day':
          return sql`to_char(t.day, 'YYYY-MM-DD')`;
        case 'week': // weeks start on Sunday, as ClickHouse's toStartOfWeek
          return sql`to_char(t.day - extract(dow from t.day)::int, 'YYYY-MM-DD')`;
        case 'month':
          return sql`to_char(date_trunc('month', t.day), 'YYYY-MM-DD')`;
        case 'year':
          return sql`to_char(date_trunc('year', t.day), 'YYYY-MM-DD')`;
      }
      break;
    case 'probe_asn':
      return sql`t.probe_asn`;
    case 'category_code':
      return sql`coalesce(cat.category_code, '')`;
    default:
      return sql`${sql(`t.${axis}`)}`;
  }
}

function conditions(sql: postgres.Sql, q: AggregationQuery, source: Source): Fragment[] {
  const c: Fragment[] =
    source === 'counters_hourly'
      ? [sql`t.hour >= ${q.since}::timestamp`, sql`t.hour < ${q.until}::timestamp`]
      : [sql`t.day >= ${q.since}::date`, sql`t.day < ${q.until}::date`];
  if (q.probeCcs) c.push(sql`t.probe_cc in ${sql(q.probeCcs)}`);
  if (q.probeAsns) c.push(sql`t.probe_asn in ${sql(q.probeAsns)}`);
  if (q.testNames) c.push(sql`t.test_name in ${sql(q.testNames)}`);
  if (q.domains) c.push(sql`t.domain in ${sql(q.domains)}`);
  if (q.input) c.push(sql`t.input_md5 = md5(${q.input}) and t.input = ${q.input}`);
  // the counters keep "no link" as 0, which no link id names
  if (q.ooniRunLinkIds) c.push(sql`t.ooni_run_link_id in ${sql(q.ooniRunLinkIds)} and t.ooni_run_link_id <> 0`);
  if (q.categoryCode) {
    // as OONI: the requested countries' lists plus the global list, or only the global list
    const ccs = q.probeCcs ? [...q.probeCcs.map((cc) => cc.toLowerCase()), 'ZZ'] : ['ZZ'];
    c.push(sql`t.input_md5 in (select md5(cl.url) from citizenlab cl
                               where cl.category_code = ${q.categoryCode} and cl.cc in ${sql(ccs)})`);
  }
  return c;
}

// one category per URL: the global list first, then the lists by code (no duplicated counts)
const CATEGORY_JOIN = (sql: postgres.Sql) => sql`
  left join (select distinct on (url) url, category_code from citizenlab order by url, (cc = 'ZZ') desc, cc) cat
    on cat.url = t.input`;

export type AggregationRow = Record<string, string | number>;

export async function runAggregation(sql: postgres.Sql, q: AggregationQuery, counters: CountersSource): Promise<AggregationRow[]> {
  const source = chooseSource(q);
  const axes = q.axes.map((a) => sql`${axisExpr(sql, a, q)} as ${sql(a)}`);
  const selectAxes = axes.reduce((acc, f) => sql`${acc} ${f},`, sql``);
  const group = q.axes.length ? sql`group by ${sql.unsafe(q.axes.map((_, i) => i + 1).join(', '))} having sum(t.measurement_count) > 0` : sql``;
  const order = q.axes.length ? sql`order by ${sql.unsafe(q.axes.map((_, i) => i + 1).join(', '))}` : sql``;
  const rows = await sql<Record<string, string | number | null>[]>`
    select ${selectAxes}
      coalesce(sum(t.anomaly_count), 0)::bigint as anomaly_count,
      coalesce(sum(t.confirmed_count), 0)::bigint as confirmed_count,
      coalesce(sum(t.failure_count), 0)::bigint as failure_count,
      coalesce(sum(t.measurement_count), 0)::bigint as measurement_count,
      coalesce(sum(t.ok_count), 0)::bigint as ok_count
    from ${counters.signed(source)} t
    ${q.axes.includes('category_code') ? CATEGORY_JOIN(sql) : sql``}
    where ${joinAnd(sql, conditions(sql, q, source))}
    ${group} ${order}`;
  return rows.map((r) => {
    const out: AggregationRow = {};
    for (const [k, v] of Object.entries(r)) {
      out[k] = (COUNTERS as readonly string[]).includes(k) || k === 'probe_asn' ? Number(v) : String(v ?? '');
    }
    return out;
  });
}
