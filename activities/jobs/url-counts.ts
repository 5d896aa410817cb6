// Keeps url_msmt_counts (OONI's counters_asn_test_list) current for the URL prioritisation:
// per week (Sunday start) × probe_cc × probe_asn × test-list URL, the number of web_connectivity
// measurements. Each run recomputes the current and the previous week from fastpath (through its
// time index) and replaces the table in one transaction, so a re-run converges to the same rows.
import type { ActivityDeps } from '../deps.ts';
import { rawSql } from './raw-sql.ts';

export interface RefreshUrlCountsResult {
  weeks: string[];
  rows: number;
  measurements: number;
  durationMs: number;
}

export function refreshUrlCounts(deps: ActivityDeps) {
  return async (input: { now?: string } = {}): Promise<RefreshUrlCountsResult> => {
    const started = Date.now();
    const now = input.now ? new Date(input.now) : new Date();
    const sql = rawSql(deps.db);
    // toStartOfWeek (mode 0): the Sunday on or before the day, in UTC
    const [w] = await sql<{ current: string; previous: string }[]>`
      select to_char(d - extract(dow from d)::int, 'YYYY-MM-DD') as current,
             to_char(d - extract(dow from d)::int - 7, 'YYYY-MM-DD') as previous
      from (select (${now.toISOString()}::timestamptz at time zone 'UTC')::date as d) x`;
    const { current, previous } = w!;
    const totals = await sql.begin(async (tx) => {
      await tx`delete from url_msmt_counts`;
      return tx<{ rows: number; measurements: number }[]>`
        with ins as (
          insert into url_msmt_counts (week, probe_cc, probe_asn, input_md5, input, msmt_cnt)
          select (f.measurement_start_time::date - extract(dow from f.measurement_start_time)::int) as week,
                 f.probe_cc, f.probe_asn, md5(f.input), f.input, count(*)::int
          from fastpath f
          where f.measurement_start_time >= ${previous}::date and f.measurement_start_time < ${current}::date + 7
            and f.test_name = 'web_connectivity'
            and exists (select 1 from citizenlab c where c.url = f.input)
          group by 1, f.probe_cc, f.probe_asn, f.input
          returning msmt_cnt)
        select count(*)::int as rows, coalesce(sum(msmt_cnt), 0)::int as measurements from ins`;
    });
    const result = { weeks: [previous, current], rows: totals[0]!.rows, measurements: totals[0]!.measurements, durationMs: Date.now() - started };
    deps.log.info(result, 'url counts refreshed');
    return result;
  };
}
