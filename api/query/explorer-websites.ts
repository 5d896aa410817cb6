// Explorer: website_networks, website_stats, website_urls (last 31 days, from the counters).
import { Hono } from 'hono';
import type { ApiDeps } from '../deps.ts';
import { baseUrl } from './format.ts';
import { cacheFor } from './http.ts';
import { withCounters, type CountersMode } from './live-counters.ts';
import { explorerCcQuery, last31Days, websiteStatsQuery, websiteUrlsQuery } from './explorer-params.ts';
import { parseQuery } from './params.ts';

export function createExplorerWebsiteRoutes(deps: ApiDeps, counters: CountersMode = 'live'): Hono {
  const app = new Hono();
  const sql = deps.sql;
  const window31 = () => last31Days(deps.clock());

  app.get('/api/_/website_networks', async (c) => {
    const { probe_cc: cc } = parseQuery(explorerCcQuery, c.req.query());
    const w = window31();
    const rows = await withCounters(
      sql,
      counters,
      (tx, source) => tx<{ probe_asn: string; count: string }[]>`
        select probe_asn::text, sum(measurement_count)::text as count from ${source.signed('counters_daily_network')} t
        where probe_cc = ${cc} and day >= ${w.from}::date and day < ${w.to}::date
        group by probe_asn having sum(measurement_count) > 0 order by sum(measurement_count) desc, probe_asn`,
    );
    return c.json({ results: rows.map((r) => ({ count: Number(r.count), probe_asn: Number(r.probe_asn) })) });
  });

  app.get('/api/_/website_stats', async (c) => {
    const { probe_cc: cc, probe_asn: asn, input } = parseQuery(websiteStatsQuery, c.req.query());
    const w = window31();
    const rows = await withCounters(
      sql,
      counters,
      (tx, source) => tx<{ test_day: string; a: string; c: string; f: string; t: string }[]>`
        select day::text as test_day, sum(anomaly_flag_count)::text as a, sum(confirmed_flag_count)::text as c,
               sum(failure_count)::text as f, sum(measurement_count)::text as t
        from ${source.signed('counters_daily')} s
        where probe_cc = ${cc} and probe_asn = ${asn} and input_md5 = md5(${input}) and input = ${input}
          and day >= ${w.from}::date and day < ${w.to}::date
        group by day having sum(measurement_count) > 0 order by day`,
    );
    const results = rows.map((r) => ({
      test_day: r.test_day,
      anomaly_count: Number(r.a),
      confirmed_count: Number(r.c),
      failure_count: Number(r.f),
      total_count: Number(r.t),
    }));
    return c.json({ results });
  });

  app.get('/api/_/website_urls', async (c) => {
    const { probe_cc: cc, probe_asn: asn, limit, offset } = parseQuery(websiteUrlsQuery, c.req.query());
    const w = window31();
    const rows = await withCounters(
      sql,
      counters,
      (tx, source) => tx<{ input: string; a: string; c: string; f: string; t: string; total: string }[]>`
        select input, sum(anomaly_flag_count)::text as a, sum(confirmed_flag_count)::text as c,
               sum(failure_count)::text as f, sum(measurement_count)::text as t, (count(*) over ())::text as total
        from ${source.signed('counters_daily')} s
        where probe_cc = ${cc} and probe_asn = ${asn} and test_name = 'web_connectivity' and input <> ''
          and day >= ${w.from}::date and day < ${w.to}::date
        group by input having sum(measurement_count) > 0
        order by sum(confirmed_flag_count) desc, sum(measurement_count) desc, sum(anomaly_flag_count) desc, input
        limit ${limit} offset ${offset}`,
    );
    const total = rows[0] ? Number(rows[0].total) : 0;
    const next =
      rows.length === limit
        ? `${baseUrl(deps.config.PUBLIC_BASE_URL, c.req.url)}/api/_/website_urls?limit=${limit}&offset=${offset + limit}&probe_asn=${asn}&probe_cc=${cc}`
        : null;
    return c.json(
      {
        metadata: { offset, limit, current_page: Math.floor(offset / limit) + 1, total_count: total, next_url: next },
        results: rows.map((r) => ({
          input: r.input,
          anomaly_count: Number(r.a),
          confirmed_count: Number(r.c),
          failure_count: Number(r.f),
          total_count: Number(r.t),
        })),
      },
      200,
      cacheFor(3600),
    );
  });
  return app;
}
