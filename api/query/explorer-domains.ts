// Explorer: domains (every test-list domain with its web_connectivity count), domain_metadata
// (category and canonical form of a domain) and the legacy check_report_id.
import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import type { ApiDeps } from '../deps.ts';
import { cacheFor } from './http.ts';
import { withCounters, type CountersMode } from './live-counters.ts';
import { parseQuery, queryParam } from './params.ts';

export const domainMetadataQuery = z.object({
  domain: queryParam(z.string().describe('required; a host name, with or without www.'), (raw) => {
    if (raw === undefined) throw new ApiError('missing_parameter', 'missing domain');
    return raw;
  }),
});

export const checkReportIdQuery = z.object({
  report_id: queryParam(z.string().describe('ignored: the answer is always found (legacy, ooni/probe#1034)'), (raw) => raw),
});

const TWO_HOURS = 7200;

export function createExplorerDomainRoutes(deps: ApiDeps, counters: CountersMode = 'live'): Hono {
  const app = new Hono();
  const sql = deps.sql;

  app.get('/api/_/domains', async (c) => {
    // one category per domain, the global list's first (as the original's `ORDER BY lower(cc) != 'zz'` + any());
    // counts from the per-input counters through (test_name, domain, measurement_count), plus the live changes
    const rows = await withCounters(
      sql,
      counters,
      (tx, source) => tx<{ domain_name: string; category_code: string; measurement_count: number }[]>`
        with cz as (
          select distinct on (domain) domain, category_code from citizenlab
          order by domain, upper(cc) <> 'ZZ', cc collate "C", url collate "C"
        ), fp as (
          select domain, sum(measurement_count)::bigint as n from ${source.signed('counters_daily_input')} t
          where test_name = 'web_connectivity' group by domain
        )
        select cz.domain as domain_name, cz.category_code, coalesce(fp.n, 0)::float8 as measurement_count
        from cz left join fp on fp.domain = cz.domain
        order by cz.domain collate "C"`,
    );
    return c.json({ v: 0, results: [...rows] }, 200, cacheFor(TWO_HOURS));
  });

  app.get('/api/_/domain_metadata', async (c) => {
    const { domain } = parseQuery(domainMetadataQuery, c.req.query());
    const bare = domain.startsWith('www.') ? domain.slice(4) : domain;
    const candidates = [bare, `www.${bare}`];
    // the global list (cc ZZ) first, then any list; the shortest URL wins
    const [hit] = await sql<{ category_code: string; domain: string }[]>`
        select category_code, domain from citizenlab where domain in ${sql(candidates)}
        order by cc <> 'ZZ', length(url), url collate "C", cc collate "C" limit 1`;
    return c.json({ category_code: hit?.category_code ?? 'MISC', canonical_domain: hit?.domain ?? bare }, 200, cacheFor(TWO_HOURS));
  });

  app.get('/api/_/check_report_id', (c) => {
    parseQuery(checkReportIdQuery, c.req.query());
    return c.json({ v: 0, found: true }, 200, cacheFor(1));
  });
  return app;
}
