// Explorer: test_coverage (per group and day) and the network_stats stub.
import { Hono } from 'hono';
import type { ApiDeps } from '../deps.ts';
import { cacheFor } from './http.ts';
import { withCounters, type CountersMode } from './live-counters.ts';
import { dayRange, testCoverageQuery } from './explorer-params.ts';
import { parseQuery } from './params.ts';
import { TEST_GROUPS, groupOf } from './test-groups.ts';

const NETWORK_STATS_STUB = {
  metadata: { current_page: 1, limit: 10, next_url: null, offset: 0, total_count: 0 },
  results: [],
};

export function createExplorerCoverageRoutes(deps: ApiDeps, counters: CountersMode = 'live'): Hono {
  const app = new Hono();
  const sql = deps.sql;

  app.get('/api/_/test_coverage', async (c) => {
    const { probe_cc: cc, test_groups: groups } = parseQuery(testCoverageQuery, c.req.query());
    const now = deps.clock();
    const testDays = dayRange(now, -32, -3);
    const netDays = dayRange(now, -31, -2);
    const testNames = groups?.flatMap((g) => TEST_GROUPS[g] ?? []);
    const [rows, nets] = await withCounters(sql, counters, async (tx, source) => [
      await tx<{ day: string; test_name: string; count: string }[]>`
        select day::text as day, test_name, sum(measurement_count)::text as count from ${source.signed('counters_daily_country')} t
        where probe_cc = ${cc} and day >= ${testDays[0]!}::date and day <= ${testDays.at(-1)!}::date
        group by day, test_name`,
      await tx<{ day: string; count: string }[]>`
        select day::text as day, count(distinct probe_asn)::text as count from ${source.exact('counters_daily_network')} t
        where probe_cc = ${cc} and day >= ${netDays[0]!}::date and day <= ${netDays.at(-1)!}::date
          ${testNames ? tx`and test_name in ${tx(testNames.length ? testNames : [''])}` : tx``}
        group by day`,
    ]);
    const byGroupDay = new Map<string, number>();
    for (const r of rows) {
      const g = groupOf(r.test_name);
      if (g) byGroupDay.set(`${g}|${r.day}`, (byGroupDay.get(`${g}|${r.day}`) ?? 0) + Number(r.count));
    }
    const test_coverage = Object.keys(TEST_GROUPS).flatMap((g) =>
      testDays.map((d) => ({ count: byGroupDay.get(`${g}|${d}`) ?? 0, test_day: d, test_group: g })),
    );
    const netByDay = new Map(nets.map((n) => [n.day, Number(n.count)]));
    const network_coverage = netDays.map((d) => ({ count: netByDay.get(d) ?? 0, test_day: d }));
    return c.json({ test_coverage, network_coverage }, 200, cacheFor(3600));
  });

  app.get('/api/_/network_stats', (c) => c.json(NETWORK_STATS_STUB, 200, cacheFor(86400)));
  return app;
}
