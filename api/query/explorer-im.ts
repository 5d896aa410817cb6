// Explorer: im_networks, im_stats and vanilla_tor_stats, from the per-network daily counters.
import { Hono } from 'hono';
import type { ApiDeps } from '../deps.ts';
import { addDays, dayOf } from './format.ts';
import { cacheFor } from './http.ts';
import { withCounters, type CountersMode } from './live-counters.ts';
import { dayRange, explorerCcQuery, imStatsQuery, last31Days } from './explorer-params.ts';
import { parseQuery } from './params.ts';
import { IM_TESTS } from './test-groups.ts';

interface NetRow {
  test_name: string;
  probe_asn: string;
  total: string;
  anomalies: string;
  failures: string;
  last: string;
}

export function createExplorerImRoutes(deps: ApiDeps, counters: CountersMode = 'live'): Hono {
  const app = new Hono();
  const sql = deps.sql;
  const now = deps.clock;

  app.get('/api/_/im_networks', async (c) => {
    const { probe_cc: cc } = parseQuery(explorerCcQuery, c.req.query());
    const w = last31Days(now());
    const rows = await withCounters(
      sql,
      counters,
      (tx, source) => tx<NetRow[]>`
        select test_name, probe_asn::text, sum(measurement_count)::text as total, '0' as anomalies, '0' as failures,
               max(day)::text as last
        from ${source.exact('counters_daily_network')} t
        where probe_cc = ${cc} and test_name in ${tx(IM_TESTS)} and day >= ${w.from}::date and day < ${w.to}::date
        group by test_name, probe_asn order by test_name, sum(measurement_count) desc, probe_asn`,
    );
    const out: Record<string, { anomaly_networks: unknown[]; ok_networks: unknown[]; last_tested: string | null }> = {};
    for (const r of rows) {
      const t = (out[r.test_name] ??= { anomaly_networks: [], ok_networks: [], last_tested: null });
      t.ok_networks.push({ asn: Number(r.probe_asn), name: '', total_count: Number(r.total), last_tested: r.last });
      if (!t.last_tested || r.last > t.last_tested) t.last_tested = r.last;
    }
    return c.json(out, 200, cacheFor(3600));
  });

  app.get('/api/_/im_stats', async (c) => {
    const { test_name: testName, probe_cc: cc, probe_asn: asn } = parseQuery(imStatsQuery, c.req.query());
    const days = dayRange(now(), -31, 0);
    const rows = await withCounters(
      sql,
      counters,
      (tx, source) => tx<{ day: string; total: string }[]>`
        select day::text as day, sum(measurement_count)::text as total from ${source.signed('counters_daily_network')} t
        where probe_cc = ${cc} and probe_asn = ${asn} and test_name = ${testName}
          and day >= ${days[0]!}::date and day <= ${days.at(-1)!}::date
        group by day having sum(measurement_count) > 0`,
    );
    const byDay = new Map(rows.map((r) => [r.day, Number(r.total)]));
    const results = days.map((d) => ({ anomaly_count: null, test_day: `${d}T00:00:00+00:00`, total_count: byDay.get(d) ?? 0 }));
    return c.json({ results }, 200, cacheFor(3600));
  });

  app.get('/api/_/vanilla_tor_stats', async (c) => {
    const { probe_cc: cc } = parseQuery(explorerCcQuery, c.req.query());
    const today = dayOf(now());
    // unlike the original (quirk 7), restricted to vanilla_tor
    const rows = await withCounters(
      sql,
      counters,
      (tx, source) => tx<NetRow[]>`
        select 'vanilla_tor' as test_name, probe_asn::text, sum(measurement_count)::text as total,
               sum(anomaly_flag_count)::text as anomalies, sum(failure_count)::text as failures, max(day)::text as last
        from ${source.exact('counters_daily_network')} t
        where probe_cc = ${cc} and test_name = 'vanilla_tor' and day >= ${addDays(today, -183)}::date
        group by probe_asn order by probe_asn`,
    );
    let notok = 0;
    let lastTested: string | null = null;
    const networks = rows.map((r) => {
      const total = Number(r.total);
      const success = total - Number(r.anomalies);
      if (total > 5 && success / total < 0.6) notok++;
      if (!lastTested || r.last > lastTested) lastTested = r.last;
      return {
        probe_asn: Number(r.probe_asn),
        failure_count: Number(r.failures),
        last_tested: r.last,
        total_count: total,
        success_count: success,
        test_runtime_avg: null,
        test_runtime_max: null,
        test_runtime_min: null,
      };
    });
    return c.json({ networks, notok_networks: notok, last_tested: lastTested });
  });
  return app;
}
