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
/** One counters table: its time bucket and dimensions (`key` = the unique key besides the bucket). */
interface CounterTable {
  table: string;
  hourly?: boolean;
  dims: string;
  select: string;
  group: string;
  key: string;
}

const FINE = {
  dims: `probe_cc, probe_asn, test_name, domain, input_md5, input, blocking_type, ooni_run_link_id`,
  select: `probe_cc, probe_asn, test_name, domain, md5(input), input, blocking_type, coalesce(ooni_run_link_id, 0)`,
  group: `probe_cc, probe_asn, test_name, domain, input, blocking_type, coalesce(ooni_run_link_id, 0)`,
  key: `probe_cc, probe_asn, test_name, domain, input_md5, blocking_type, ooni_run_link_id`,
};
const same = (dims: string) => ({ dims, select: dims, group: dims, key: dims });

const TABLES: CounterTable[] = [
  { table: 'counters_daily_network', ...same('probe_cc, probe_asn, test_name') },
  { table: 'counters_daily_country', ...same('probe_cc, test_name, blocking_type') },
  {
    table: 'counters_daily_input',
    dims: 'probe_cc, test_name, domain, input_md5, input',
    select: 'probe_cc, test_name, domain, md5(input), input',
    group: 'probe_cc, test_name, domain, input',
    key: 'probe_cc, test_name, domain, input_md5',
  },
  { table: 'counters_daily', ...FINE },
  { table: 'counters_hourly', hourly: true, ...FINE },
];

async function refreshDay(tx: postgres.TransactionSql, day: string): Promise<void> {
  const range = `measurement_start_time >= $1::date and measurement_start_time < $1::date + 1`;
  for (const t of TABLES) {
    await tx.unsafe(`delete from ${t.table} where ${t.hourly ? 'hour >= $1::date and hour < $1::date + 1' : 'day = $1::date'}`, [day]);
  }
  for (const t of TABLES) {
    const bucket = t.hourly ? `date_trunc('hour', measurement_start_time)` : '$1::date';
    await tx.unsafe(
      `insert into ${t.table} (${t.hourly ? 'hour' : 'day'}, ${t.dims}, ${COUNT_COLUMNS})
       select ${bucket}, ${t.select}, ${COUNTS} from fastpath where ${range}
       group by ${t.hourly ? `${bucket}, ` : ''}${t.group}
       on conflict (${t.hourly ? 'hour' : 'day'}, ${t.key}) do update set ${UPDATE_COUNTS}`,
      [day],
    );
  }
}

/** Recomputes the counters of the days whose fastpath rows changed at or after `since` (or the given days). */
export async function refreshCounters(database: Pick<DbHandle, 'sql'>, opts: { since: Date; days?: string[] }): Promise<RefreshResult> {
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
