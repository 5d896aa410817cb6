// refreshCounters: brings the pre-aggregated counters up to one snapshot of fastpath, in one
// repeatable-read transaction that also stores that snapshot as the counters' watermark
// (counters_watermark), so that a query reading the watermark and the counters in one snapshot
// can add exactly the row changes the counters miss (api/query/live-counters.ts).
// The days recomputed are those of the rows and retractions committed since the previous
// watermark (as the fastpath trigger marks them), plus any asked for. Without a watermark (first
// run after migration 0016, or after a TRUNCATE) the counters are rebuilt: only the days changed
// since the previous counters job's time mark when there is one, else every day.
// Each day is deleted and re-inserted grouped from fastpath; concurrent runs cannot both commit
// (both write the watermark row: the second fails with a serialization error and is retried).
import type postgres from 'postgres';
import type { DbHandle } from '../../lib/db.ts';
import { COUNT_COLUMNS, COUNTER_TABLES, GROUP_COUNTS, bucketExpr, type CounterTable } from '../../domain/counters/tables.ts';

export interface RefreshResult {
  days: string[];
  /** the snapshot the counters now hold (pg_snapshot text) */
  snapshot: string;
}

/** The counters job's time mark of the refresh before migration 0016 (fastpath.update_time reached). */
const LEGACY_MARK = 'counters';
const LEGACY_SLACK = '1 minute';
const UPDATE_COUNTS = COUNT_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ');
const TABLES = Object.values(COUNTER_TABLES);

async function refreshDay(tx: postgres.TransactionSql, t: CounterTable, day: string): Promise<void> {
  const range = `measurement_start_time >= $1::date and measurement_start_time < $1::date + 1`;
  const bucketRange = t.bucket === 'hour' ? 'hour >= $1::date and hour < $1::date + 1' : 'day = $1::date';
  const key = t.dims.filter((d) => d !== 'input');
  await tx.unsafe(`delete from ${t.table} where ${bucketRange}`, [day]);
  await tx.unsafe(
    `insert into ${t.table} (${t.bucket}, ${t.dims.join(', ')}, ${COUNT_COLUMNS.join(', ')})
     select ${bucketExpr(t)}, ${t.exprs.join(', ')}, ${GROUP_COUNTS} from fastpath where ${range}
     group by ${bucketExpr(t)}, ${t.exprs.join(', ')}
     on conflict (${t.bucket}, ${key.join(', ')}) do update set ${UPDATE_COUNTS}`,
    [day],
  );
}

type Days = { day: string }[];

/** The days with rows or retractions committed since `previous` (as seen by this transaction's snapshot). */
const changedSince = (tx: postgres.TransactionSql, previous: string) => tx<Days>`
  select measurement_start_time::date::text as day from fastpath
  where counter_xid >= pg_snapshot_xmin(${previous}::pg_snapshot) and not pg_visible_in_snapshot(counter_xid, ${previous}::pg_snapshot)
  union
  select measurement_start_time::date::text from counter_retractions
  where xid >= pg_snapshot_xmin(${previous}::pg_snapshot) and not pg_visible_in_snapshot(xid, ${previous}::pg_snapshot)`;

const updatedSince = (tx: postgres.TransactionSql, since: string) => tx<Days>`
  select distinct (measurement_start_time::date)::text as day from fastpath where update_time >= ${since}::timestamptz`;

/**
 * Brings the counters to this transaction's snapshot. `days`: recompute these too; `since`: and the
 * days of rows with update_time >= since (`new Date(0)` = every day).
 */
export async function refreshCounters(database: Pick<DbHandle, 'sql'>, opts: { since?: Date; days?: string[] } = {}): Promise<RefreshResult> {
  return database.sql.begin('isolation level repeatable read', async (tx) => {
    const [state] = await tx<{ snapshot: string; previous: string | null; legacy: string | null }[]>`
      select pg_current_snapshot()::text as snapshot,
             (select snapshot::text from counters_watermark where id = 1) as previous,
             (select (value - ${LEGACY_SLACK}::interval)::text from job_watermarks where name = ${LEGACY_MARK}) as legacy`;
    const { snapshot, previous, legacy } = state!;
    const found: Days[] = [];
    if (previous !== null) found.push(await changedSince(tx, previous));
    else if (legacy !== null) found.push(await updatedSince(tx, legacy));
    else {
      for (const t of TABLES) await tx.unsafe(`delete from ${t.table}`);
      found.push(await tx<Days>`select distinct (measurement_start_time::date)::text as day from fastpath`);
    }
    if (opts.since) found.push(await updatedSince(tx, opts.since.toISOString()));
    const days = [...new Set([...found.flat().map((r) => r.day), ...(opts.days ?? [])])].sort();
    for (const day of days) {
      for (const t of TABLES) await refreshDay(tx, t, day);
    }
    // the retractions this snapshot sees are in the counters now
    await tx`delete from counter_retractions`;
    await tx`insert into counters_watermark (id, snapshot, refreshed_at) values (1, ${snapshot}::pg_snapshot, now())
             on conflict (id) do update set snapshot = excluded.snapshot, refreshed_at = excluded.refreshed_at`;
    await tx`delete from job_watermarks where name = ${LEGACY_MARK}`;
    return { days, snapshot };
  });
}
