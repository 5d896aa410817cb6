// GET /api/v1/aggregation/observations: obs_web counts grouped by group_by and by every filtered
// column (ooni-data.md §9.4), with resolver_asn and ooni_run_link_id honoured, the window
// `since <= measurement_start_time < until`, and results in time order when grouped by timestamp.
import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import { cacheFor } from './http.ts';
import { parseQuery } from './params.ts';
import {
  ASN_ITEM,
  bad,
  CC_ITEM,
  DAY_MS,
  dateParam,
  HOSTNAME_ITEM,
  IP_ITEM,
  listParam,
  runLinkParam,
  TEST_NAME_ITEM,
  timeGrainParam,
  timeWindow,
  UID_ITEM,
  v5Query,
} from './v5-params.ts';
import { bucketText, where, windowConditions, type Fragment } from './v5-sql.ts';

const GROUP_BY = ['timestamp', 'failure', 'hostname', 'ip', 'probe_cc', 'probe_asn', 'test_name', 'measurement_uid'] as const;
type Group = (typeof GROUP_BY)[number] | 'resolver_asn' | 'ooni_run_link_id';

/** The /api/v1/aggregation/observations query: the route parses with it and /openapi.json documents it. */
export const aggregationObservationsQuery = z.object({
  group_by: listParam('group_by', `any of ${GROUP_BY.join(', ')}; default failure`, (item) => {
    if (!(GROUP_BY as readonly string[]).includes(item)) throw bad('group_by', `must be one of ${GROUP_BY.join(', ')}: ${JSON.stringify(item)}`);
    return item as (typeof GROUP_BY)[number];
  }),
  test_name: listParam('test_name', 'test names', TEST_NAME_ITEM('test_name')),
  hostname: listParam('hostname', 'host names', HOSTNAME_ITEM('hostname')),
  probe_cc: listParam('probe_cc', 'two-letter country codes', CC_ITEM('probe_cc')),
  probe_asn: listParam('probe_asn', 'ASNs (AS1234 or 1234)', ASN_ITEM('probe_asn')),
  resolver_asn: listParam('resolver_asn', 'resolver ASNs (AS1234 or 1234)', ASN_ITEM('resolver_asn')),
  ip: listParam('ip', 'IP addresses', IP_ITEM('ip')),
  measurement_uid: listParam('measurement_uid', 'measurement uids', UID_ITEM('measurement_uid')),
  ooni_run_link_id: runLinkParam,
  since: dateParam('since', 'inclusive; default until − 30 days (none with measurement_uid)'),
  until: dateParam('until', 'exclusive; default now (none with measurement_uid)'),
  time_grain: timeGrainParam,
});

const collapse = (sql: ApiDeps['sql'], f: string) =>
  sql`(case when starts_with(${sql(f)}, 'unknown_failure') then 'unknown_failure' else ${sql(f)} end)`;

/** The first failing layer of a row (§9.4): DNS (ISP resolver or other), TCP, TLS, HTTP(S), else none. */
function failureExpr(sql: ApiDeps['sql']): Fragment {
  return sql`case
    when dns_failure is not null then (case when resolver_asn = probe_asn then 'dns_isp.' else 'dns_other.' end) || ${collapse(sql, 'dns_failure')}
    when tcp_failure is not null then 'tcp.' || ${collapse(sql, 'tcp_failure')}
    when tls_failure is not null then 'tls.' || ${collapse(sql, 'tls_failure')}
    when http_failure is not null then (case when starts_with(http_request_url, 'https://') then 'https.' else 'http.' end) || ${collapse(sql, 'http_failure')}
    else 'none' end`;
}

export function createV5AggregateObservationRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/api/v1/aggregation/observations', async (c) => {
    const p = parseQuery(aggregationObservationsQuery, v5Query(c.req.queries()));
    const { sql } = deps;
    const w = timeWindow(p.since, p.until, deps.clock(), 30 * DAY_MS, p.measurement_uid !== undefined);
    const conds: Fragment[] = windowConditions(sql, 'measurement_start_time', w);
    const groups = new Set<Group>(p.group_by ?? ['failure']);
    const lists = {
      test_name: p.test_name,
      hostname: p.hostname,
      probe_cc: p.probe_cc,
      probe_asn: p.probe_asn,
      resolver_asn: p.resolver_asn,
      ip: p.ip,
      measurement_uid: p.measurement_uid,
    };
    for (const [column, values] of Object.entries(lists)) {
      if (!values) continue;
      conds.push(sql`${sql(column)} in ${sql(values as (string | number)[])}`);
      groups.add(column as Group);
    }
    if (p.ooni_run_link_id !== undefined) {
      conds.push(sql`ooni_run_link_id = ${p.ooni_run_link_id}`);
      groups.add('ooni_run_link_id');
    }
    // HTTP-only rows have no endpoint: the failure breakdown is over DNS answers and endpoints
    if (groups.has('failure')) conds.push(sql`(dns_failure is not null or ip is not null)`);
    // time first when grouped by it, then the largest counts; the other keys make the order total
    const ordered = [...groups].sort((a, b) => (a === 'timestamp' ? -1 : b === 'timestamp' ? 1 : 0));
    const exprs = ordered.map((g) => {
      if (g === 'timestamp') return sql`${bucketText(sql, p.time_grain, 'measurement_start_time')} as "timestamp"`;
      if (g === 'failure') return sql`${failureExpr(sql)} as failure`;
      if (g === 'probe_asn' || g === 'resolver_asn') return sql`${sql(g)}::float8 as ${sql(g)}`;
      return sql`${sql(g)}`;
    });
    const positions = ordered.map((_, i) => i + 2);
    const timeFirst = ordered[0] === 'timestamp';
    const orderBy = [...(timeFirst ? ['2'] : []), '1 desc', ...positions.slice(timeFirst ? 1 : 0).map(String)].join(', ');
    const rows = await sql<Record<string, unknown>[]>`
      select count(*)::float8 as observation_count, ${exprs.reduce((acc, e, i) => (i === 0 ? e : sql`${acc}, ${e}`), sql``)}
      from obs_web where ${where(sql, conds)}
      group by ${sql.unsafe(positions.join(', '))}
      order by ${sql.unsafe(orderBy)}`;
    // as upstream, a group key that is NULL (an HTTP-only row's ip) is left out of its result
    const results = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)));
    return c.json({ results }, 200, cacheFor(60));
  });
  return app;
}
