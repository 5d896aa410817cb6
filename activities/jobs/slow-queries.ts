// Slow-query summary (OONI's generate_slow_query_summary): the top statements of
// pg_stat_statements by total execution time, stored in slow_queries for the API's /metrics.
// Without the extension (it needs shared_preload_libraries) the result says so and the
// stored summary is left as it was.
import type { ActivityDeps } from '../deps.ts';
import { rawSql } from './raw-sql.ts';

export interface SlowQuery {
  queryid: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
  /** normalised statement text (pg_stat_statements replaces constants by $n), cut at 300 chars */
  query: string;
}

export type SlowQueryResult =
  { available: true; queries: SlowQuery[]; durationMs: number } | { available: false; reason: string; durationMs: number };

const TOP_QUERIES = 16;

export function summariseSlowQueries(deps: ActivityDeps) {
  return async (input: { limit?: number } = {}): Promise<SlowQueryResult> => {
    const started = Date.now();
    const sql = rawSql(deps.db);
    let rows: SlowQuery[];
    try {
      rows = await sql<SlowQuery[]>`
        select queryid::text as queryid, calls::float8 as calls, total_exec_time as "totalMs", mean_exec_time as "meanMs",
               rows::float8 as rows, left(query, 300) as query
        from pg_stat_statements where queryid is not null and dbid = (select oid from pg_database where datname = current_database())
        order by total_exec_time desc limit ${input.limit ?? TOP_QUERIES}`;
    } catch (err) {
      const reason = (err as Error).message;
      deps.log.debug({ reason }, 'pg_stat_statements unavailable');
      return { available: false, reason: `pg_stat_statements is not available: ${reason}`, durationMs: Date.now() - started };
    }
    await sql.begin(async (tx) => {
      await tx`delete from slow_queries`;
      for (const q of rows) {
        await tx`insert into slow_queries (queryid, calls, total_ms, mean_ms, rows, query)
          values (${q.queryid}, ${q.calls}, ${q.totalMs}, ${q.meanMs}, ${q.rows}, ${q.query})`;
      }
    });
    return { available: true, queries: [...rows], durationMs: Date.now() - started };
  };
}
