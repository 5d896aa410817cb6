// Exact, fresh counters for /api/v1/aggregation and the Explorer statistics. The counters tables
// hold fastpath as of the snapshot stored in counters_watermark by the last refresh
// (activities/jobs/refresh-counters.ts); the rows changed since are read live: a row version the
// watermark does not see counts +1, a retracted version it saw counts −1 (counter_retractions,
// written by the fastpath trigger of migration 0016). Watermark, counters and live rows are read in
// one repeatable-read transaction, so every answer equals a count over fastpath in that snapshot.
// Without a watermark (no refresh yet, or after a TRUNCATE) every row is read live.
import type postgres from 'postgres';
import { COUNT_COLUMNS, COUNTER_TABLES, rowAsCounters, type CounterTableName } from '../../domain/counters/tables.ts';

type Fragment = postgres.PendingQuery<postgres.Row[]>;

/** Where a route reads counters from, with the same columns as the counters table. */
export interface CountersSource {
  /**
   * Rows whose sums are exact; a row may be negative (a retraction) and a group may sum to zero,
   * so a grouped query keeps `having sum(measurement_count) > 0`.
   */
  signed(table: CounterTableName): Fragment;
  /** One row per key with its exact counts (zero-count keys left out): for count(distinct …), min, max. */
  exact(table: CounterTableName): Fragment;
}

/** `live`: counters + changes since the watermark (the default); `counters`: the counters tables alone, as before (the bench's baseline). */
export type CountersMode = 'live' | 'counters';

const columns = (t: CounterTableName) => [COUNTER_TABLES[t].bucket, ...COUNTER_TABLES[t].dims];

/** The watermark: the refresh's snapshot and its xmin (every transaction below it is visible in it). */
interface Watermark {
  snapshot: string;
  xmin: string;
}

function liveRows(sql: postgres.Sql, table: CounterTableName, w: Watermark | null): Fragment {
  const t = COUNTER_TABLES[table];
  const select = (sign: 1 | -1) => sql.unsafe(`select ${rowAsCounters(t, sign)}`);
  if (w === null) return sql`${select(1)} from fastpath`;
  const counters = sql.unsafe(`select ${t.bucket}, ${t.dims.join(', ')}, ${COUNT_COLUMNS.join(', ')} from ${table}`);
  const unseen = (xid: string) => sql`${sql(xid)} >= ${w.xmin}::xid8 and not pg_visible_in_snapshot(${sql(xid)}, ${w.snapshot}::pg_snapshot)`;
  return sql`${counters}
    union all
    ${select(1)} from fastpath where ${unseen('counter_xid')}
    union all
    ${select(-1)} from counter_retractions where ${unseen('xid')} and pg_visible_in_snapshot(old_xid, ${w.snapshot}::pg_snapshot)`;
}

function liveSource(sql: postgres.Sql, watermark: Watermark | null): CountersSource {
  const signed = (table: CounterTableName) => sql`(${liveRows(sql, table, watermark)})`;
  return {
    signed,
    exact(table) {
      const key = columns(table).join(', ');
      return sql`(${sql.unsafe(`select ${key}, ${COUNT_COLUMNS.map((c) => `sum(${c})::int as ${c}`).join(', ')} from `)}
        ${signed(table)} s ${sql.unsafe(`group by ${key} having sum(measurement_count) > 0`)})`;
    },
  };
}

const countersOnly = (sql: postgres.Sql): CountersSource => ({ signed: (t) => sql`${sql(t)}`, exact: (t) => sql`${sql(t)}` });

const BEGIN_AND_WATERMARK = `begin isolation level repeatable read read only;
  select snapshot::text as snapshot, pg_snapshot_xmin(snapshot)::text as xmin from counters_watermark where id = 1`;

/**
 * Runs `fn` with a counters source: for `live`, inside one read-only repeatable-read transaction on
 * a reserved connection. Round trips: BEGIN and the watermark go as one simple query; the COMMIT of
 * this read-only transaction is not waited for (nothing to make durable), the connection returns to
 * the pool once it is done.
 */
export async function withCounters<T>(
  sql: postgres.Sql,
  mode: CountersMode,
  fn: (tx: postgres.Sql, source: CountersSource) => Promise<T>,
): Promise<T> {
  if (mode === 'counters') return fn(sql, countersOnly(sql));
  const conn = await sql.reserve();
  let result: T;
  try {
    const [, marks] = (await conn.unsafe(BEGIN_AND_WATERMARK)) as unknown as [unknown, Watermark[]];
    // a reserved connection builds and runs queries as the pool does (it only lacks the pool's lifecycle methods)
    const q = conn as unknown as postgres.Sql;
    result = await fn(q, liveSource(q, marks[0] ?? null));
  } catch (err) {
    await conn`rollback`.catch(() => undefined);
    conn.release();
    throw err;
  }
  void conn`commit`.catch(() => undefined).finally(() => conn.release());
  return result;
}
