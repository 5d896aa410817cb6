// Explorer: test_names, countries, global/country overviews and monthly series, from the counters
// plus the live changes since their refresh (live-counters.ts).
import { Hono } from 'hono';
import type postgres from 'postgres';
import type { ApiDeps } from '../deps.ts';
import { addDays, dayOf } from './format.ts';
import { cacheFor } from './http.ts';
import { withCounters, type CountersMode, type CountersSource } from './live-counters.ts';
import { explorerCcQuery, monthStamp } from './explorer-params.ts';
import { parseQuery } from './params.ts';
import { TEST_NAMES } from './test-groups.ts';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const DAY = 86400;

function countryName(cc: string): string | undefined {
  if (cc === 'ZZ') return undefined; // ICU names it "Unknown Region"
  try {
    return regionNames.of(cc);
  } catch {
    return undefined;
  }
}

export function createExplorerOverviewRoutes(deps: ApiDeps, counters: CountersMode = 'live'): Hono {
  const app = new Hono();
  const sql = deps.sql;
  const now = deps.clock;
  const monthsSince = () => {
    const d = now();
    return dayOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 24, 1)));
  };

  app.get('/api/_/test_names', (c) => c.json({ test_names: Object.entries(TEST_NAMES).map(([id, name]) => ({ id, name })) }, 200, cacheFor(3600)));

  app.get('/api/_/countries', async (c) => {
    const rows = await withCounters(
      sql,
      counters,
      (tx, source) => tx<{ probe_cc: string; count: string }[]>`
        select probe_cc, sum(measurement_count)::text as count from ${source.signed('counters_daily_country')} t
        group by probe_cc having sum(measurement_count) > 0 order by probe_cc`,
    );
    const countries = rows.flatMap((r) => {
      const name = countryName(r.probe_cc);
      return name ? [{ alpha_2: r.probe_cc, name, count: Number(r.count) }] : [];
    });
    return c.json({ countries }, 200, cacheFor(DAY));
  });

  app.get('/api/_/global_overview', async (c) => {
    const [r] = await withCounters(
      sql,
      counters,
      // per network first, keeping those that count a row (the signed rows of a vanished one sum to zero)
      (tx, source) => tx<{ n: string; c: string; m: string }[]>`
        with g as (
          select probe_cc, probe_asn, sum(measurement_count) as m from ${source.signed('counters_daily_network')} t
          group by probe_cc, probe_asn having sum(measurement_count) > 0
        )
        select count(distinct probe_asn)::text as n, count(distinct probe_cc)::text as c, coalesce(sum(m), 0)::text as m from g`,
    );
    return c.json({ network_count: Number(r!.n), country_count: Number(r!.c), measurement_count: Number(r!.m) }, 200, cacheFor(DAY));
  });

  app.get('/api/_/country_overview', async (c) => {
    const { probe_cc: cc } = parseQuery(explorerCcQuery, c.req.query());
    const [r] = await withCounters(
      sql,
      counters,
      (tx, source) => tx<{ first: string | null; m: string; n: string }[]>`
        select min(day) filter (where day >= '2012-12-01')::text as first, coalesce(sum(measurement_count), 0)::text as m,
               count(distinct probe_asn)::text as n
        from ${source.exact('counters_daily_network')} t where probe_cc = ${cc}`,
    );
    return c.json({ first_bucket_date: r!.first, measurement_count: Number(r!.m), network_count: Number(r!.n) }, 200, cacheFor(DAY));
  });

  // per month × network first, keeping those that count a row; `expr` over them (measurement_count = their sum)
  const monthly = (tx: postgres.Sql, source: CountersSource, expr: string) =>
    tx<{ month: string; value: string }[]>`
      with g as (
        select date_trunc('month', day)::date as month, probe_cc, probe_asn, sum(measurement_count) as measurement_count
        from ${source.signed('counters_daily_network')} t
        where day >= ${monthsSince()}::date group by 1, 2, 3 having sum(measurement_count) > 0
      )
      select month::text as month, ${tx.unsafe(expr)}::text as value from g group by 1 order by 1`;
  const monthlySeries = (...exprs: string[]) =>
    withCounters(sql, counters, async (tx, source) => {
      const out = [];
      for (const e of exprs) out.push(await monthly(tx, source, e));
      return out;
    });
  const series = (rows: { month: string; value: string }[]) => rows.map((r) => ({ date: monthStamp(r.month), value: Number(r.value) }));

  app.get('/api/_/asn_by_month', async (c) => c.json(series((await monthlySeries('count(distinct probe_asn)'))[0]!), 200, cacheFor(DAY)));
  app.get('/api/_/countries_by_month', async (c) => c.json(series((await monthlySeries('count(distinct probe_cc)'))[0]!), 200, cacheFor(DAY)));
  app.get('/api/_/global_overview_by_month', async (c) => {
    const [networks, countries, measurements] = await monthlySeries(
      'count(distinct probe_asn)',
      'count(distinct probe_cc)',
      'sum(measurement_count)',
    );
    return c.json(
      { networks_by_month: series(networks!), countries_by_month: series(countries!), measurements_by_month: series(measurements!) },
      200,
      cacheFor(DAY),
    );
  });

  app.get('/api/_/circumvention_stats_by_country', async (c) => {
    const end = dayOf(now());
    const rows = await withCounters(
      sql,
      counters,
      (tx, source) => tx<{ probe_cc: string; cnt: string }[]>`
        select probe_cc, sum(measurement_count)::text as cnt from ${source.signed('counters_daily_country')} t
        where day >= ${addDays(end, -183)}::date and day < ${addDays(end, -1)}::date
          and test_name in ('torsf', 'tor', 'stunreachability', 'psiphon', 'riseupvpn')
        group by probe_cc having sum(measurement_count) > 0 order by probe_cc`,
    );
    return c.json({ v: 0, results: rows.map((r) => ({ probe_cc: r.probe_cc, cnt: Number(r.cnt) })) }, 200, cacheFor(DAY));
  });
  return app;
}
