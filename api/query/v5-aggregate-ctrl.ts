// GET /api/v1/aggregation/observations/ctrl: the test helpers' view of some hostnames (ooni-data.md
// §4.3, §9.5): one result per (hostname, ip, port) of obs_web_ctrl in `since <= t < until`
// (default the last hour), ordered by hostname, ip, port.
import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { cacheFor } from './http.ts';
import { parseQuery } from './params.ts';
import { dateParam, HOSTNAME_ITEM, listParam, timeWindow, v5Query } from './v5-params.ts';
import { where, windowConditions } from './v5-sql.ts';

/** Cloudflare, Akamai, Amazon, Google, Fastly, Microsoft (§4.2). */
const CLOUD_PROVIDER_ASNS = [13335, 209242, 20940, 9002, 16625, 63949, 16509, 14618, 15169, 396982, 54113, 8075, 8068];

/** The /api/v1/aggregation/observations/ctrl query: the route parses with it and /openapi.json documents it. */
export const aggregationCtrlQuery = z.object({
  hostname: listParam('hostname', 'required; host names', HOSTNAME_ITEM('hostname')),
  since: dateParam('since', 'inclusive; default until − 1 hour'),
  until: dateParam('until', 'exclusive; default now'),
});

export function createV5AggregateCtrlRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/api/v1/aggregation/observations/ctrl', async (c) => {
    const p = parseQuery(aggregationCtrlQuery, v5Query(c.req.queries()));
    if (!p.hostname) throw new ApiError('missing_parameter', 'hostname is required');
    const { sql } = deps;
    const w = timeWindow(p.since, p.until, deps.clock(), 3_600_000);
    const conds = [...windowConditions(sql, 'measurement_start_time', w), sql`hostname in ${sql(p.hostname)}`];
    // per group, then the (hostname, ip) and hostname totals over the groups (window functions)
    const rows = await sql<Record<string, unknown>[]>`
      with g as (
        select hostname, ip, port,
          (array_agg(ip_asn order by ip_asn nulls last))[1] as asn,
          (array_agg(ip_as_org_name order by ip_asn nulls last, ip_as_org_name nulls last))[1] as as_org_name,
          coalesce(bool_or(ip_asn in ${sql(CLOUD_PROVIDER_ASNS)}), false) as is_cloud_provider,
          coalesce(bool_or(dns_success), false) as in_dns_answers,
          count(*) filter (where tcp_success) as tcp_success_count,
          count(*) filter (where not tcp_success) as tcp_failure_count,
          count(*) filter (where tls_success) as tls_success_count,
          count(*) filter (where not tls_success and tls_failure is not null) as tls_failure_count,
          count(*) filter (where dns_success) as dns_success,
          count(*) filter (where dns_failure = 'dns_nxdomain_error') as dns_nxdomain,
          count(*) filter (where dns_failure is not null and dns_failure <> 'dns_nxdomain_error') as dns_other_failure
        from obs_web_ctrl where ${where(sql, conds)}
        group by hostname, ip, port)
      select hostname, ip, port, asn::float8 as asn, as_org_name, is_cloud_provider, in_dns_answers,
        tcp_success_count::float8 as tcp_success_count, tcp_failure_count::float8 as tcp_failure_count,
        tls_success_count::float8 as tls_success_count, tls_failure_count::float8 as tls_failure_count,
        bool_or(tls_success_count > 0) over (partition by hostname, ip) as tls_consistent,
        (sum(dns_success) over (partition by hostname))::float8 as dns_success_count,
        (sum(dns_nxdomain) over (partition by hostname))::float8 as dns_nxdomain_count,
        (sum(dns_other_failure) over (partition by hostname))::float8 as dns_other_failure_count
      from g order by hostname, ip, port nulls first`;
    const results = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)));
    return c.json({ results }, 200, cacheFor(60));
  });
  return app;
}
