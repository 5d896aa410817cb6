// refreshCounters: recomputes the pre-aggregated counters of every day touched since a point in
// time (fastpath rows with update_time >= since) from fastpath. Idempotent: each touched day is
// deleted and re-inserted in one transaction, with an upsert so concurrent runs converge.
import type postgres from 'postgres';
import type { DbHandle } from '../../lib/db.ts';

export interface RefreshResult {
  days: string[];
}

const COUNTS = `count(*)::int,
  (count(*) filter (where anomaly and not confirmed and not msm_failure))::int,
  (count(*) filter (where confirmed and not msm_failure))::int,
  (count(*) filter (where msm_failure))::int,
  (count(*) filter (where not anomaly and not confirmed and not msm_failure))::int,
  (count(*) filter (where anomaly))::int,
  (count(*) filter (where confirmed))::int`;

const COUNT_COLUMNS = `measurement_count, anomaly_count, confirmed_count, failure_count, ok_count, anomaly_flag_count, confirmed_flag_count`;
const UPDATE_COUNTS = COUNT_COLUMNS.split(', ')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');
const FINE_DIMS = `probe_cc, probe_asn, test_name, domain, input_md5, input, blocking_type, ooni_run_link_id`;
const FINE_SELECT = `probe_cc, probe_asn, test_name, domain, md5(input), input, blocking_type, coalesce(ooni_run_link_id, 0)`;
const FINE_GROUP = `probe_cc, probe_asn, test_name, domain, input, blocking_type, coalesce(ooni_run_link_id, 0)`;
const FINE_KEY = `probe_cc, probe_asn, test_name, domain, input_md5, blocking_type, ooni_run_link_id`;

async function refreshDay(tx: postgres.TransactionSql, day: string): Promise<void> {
  const range = `measurement_start_time >= $1::date and measurement_start_time < $1::date + 1`;
  await tx.unsafe(`delete from counters_daily_network where day = $1::date`, [day]);
  await tx.unsafe(`delete from counters_daily_country where day = $1::date`, [day]);
  await tx.unsafe(`delete from counters_daily_input where day = $1::date`, [day]);
  await tx.unsafe(`delete from counters_daily where day = $1::date`, [day]);
  await tx.unsafe(`delete from counters_hourly where hour >= $1::date and hour < $1::date + 1`, [day]);
  await tx.unsafe(
    `insert into counters_daily_network (day, probe_cc, probe_asn, test_name, ${COUNT_COLUMNS})
     select $1::date, probe_cc, probe_asn, test_name, ${COUNTS} from fastpath where ${range}
     group by probe_cc, probe_asn, test_name
     on conflict (day, probe_cc, probe_asn, test_name) do update set ${UPDATE_COUNTS}`,
    [day],
  );
  await tx.unsafe(
    `insert into counters_daily_country (day, probe_cc, test_name, blocking_type, ${COUNT_COLUMNS})
     select $1::date, probe_cc, test_name, blocking_type, ${COUNTS} from fastpath where ${range}
     group by probe_cc, test_name, blocking_type
     on conflict (day, probe_cc, test_name, blocking_type) do update set ${UPDATE_COUNTS}`,
    [day],
  );
  await tx.unsafe(
    `insert into counters_daily_input (day, probe_cc, test_name, domain, input_md5, input, ${COUNT_COLUMNS})
     select $1::date, probe_cc, test_name, domain, md5(input), input, ${COUNTS} from fastpath where ${range}
     group by probe_cc, test_name, domain, input
     on conflict (day, probe_cc, test_name, domain, input_md5) do update set ${UPDATE_COUNTS}`,
    [day],
  );
  await tx.unsafe(
    `insert into counters_daily (day, ${FINE_DIMS}, ${COUNT_COLUMNS})
     select $1::date, ${FINE_SELECT}, ${COUNTS} from fastpath where ${range}
     group by ${FINE_GROUP}
     on conflict (day, ${FINE_KEY}) do update set ${UPDATE_COUNTS}`,
    [day],
  );
  await tx.unsafe(
    `insert into counters_hourly (hour, ${FINE_DIMS}, ${COUNT_COLUMNS})
     select date_trunc('hour', measurement_start_time), ${FINE_SELECT}, ${COUNTS} from fastpath where ${range}
     group by date_trunc('hour', measurement_start_time), ${FINE_GROUP}
     on conflict (hour, ${FINE_KEY}) do update set ${UPDATE_COUNTS}`,
    [day],
  );
}

/** Recomputes the counters of the days whose fastpath rows changed at or after `since` (or the given days). */
export async function refreshCounters(
  database: Pick<DbHandle, 'sql'>,
  opts: { since: Date; days?: string[] },
): Promise<RefreshResult> {
  const { sql } = database;
  const days =
    opts.days ??
    (
      await sql<{ day: string }[]>`
        select distinct (measurement_start_time::date)::text as day from fastpath
        where update_time >= ${opts.since.toISOString()}::timestamptz order by 1`
    ).map((r) => r.day);
  for (const day of days) {
    await sql.begin((tx) => refreshDay(tx, day));
  }
  return { days };
}
