// SQL pieces shared by the v5 routes: the select list of a v5 table as the API renders it,
// the time window, and one page of a list with its real total.
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import { pgTimestamp } from './format.ts';
import { joinAnd } from './measurements-query.ts';
import type { TimeGrain, Window } from './v5-params.ts';

export type Fragment = postgres.PendingQuery<postgres.Row[]>;

/** A timestamp(3) column as `YYYY-MM-DDTHH:MM:SS.mmmZ` (the text PostgreSQL gives drops trailing zeros). */
export const isoMs = (sql: postgres.Sql, column: string) => sql`to_char(${sql(column)}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Every column of `table` but `omit`, under its own name: timestamps as isoMs, bigints (ASNs) as
 * numbers (postgres.js gives int8 as strings; an ASN fits a double exactly).
 */
export function selectColumns(sql: postgres.Sql, table: PgTable, omit: readonly string[] = []): Fragment {
  const parts = Object.entries(getTableColumns(table))
    .filter(([name]) => !omit.includes(name))
    .map(([name, column]) => {
      if (column.columnType === 'PgTimestampString') return sql`${isoMs(sql, name)} as ${sql(name)}`;
      if (column.columnType === 'PgBigInt53') return sql`${sql(name)}::float8 as ${sql(name)}`;
      return sql`${sql(name)}`;
    });
  return parts.slice(1).reduce((acc, p) => sql`${acc}, ${p}`, parts[0]!);
}

/** `since <= column < until` (bounds the window has). */
export function windowConditions(sql: postgres.Sql, column: string, w: Window): Fragment[] {
  const c: Fragment[] = [];
  if (w.since) c.push(sql`${sql(column)} >= ${pgTimestamp(w.since)}::timestamp`);
  if (w.until) c.push(sql`${sql(column)} < ${pgTimestamp(w.until)}::timestamp`);
  return c;
}

export const where = (sql: postgres.Sql, conds: Fragment[]) => joinAnd(sql, conds);

export interface Page<R> {
  rows: R[];
  count: number;
}

/** One page and the number of rows matching (two statements in parallel; both see the same filters). */
export async function listPage<R extends postgres.Row>(
  sql: postgres.Sql,
  q: { table: string; select: Fragment; conds: Fragment[]; orderBy: readonly string[]; order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<Page<R>> {
  // qualified: a bare name would sort by the output column (the ISO text), which no index serves
  const dir = q.order === 'asc' ? sql`asc` : sql`desc`;
  const orderBy = q.orderBy.map((c) => sql`${sql(q.table)}.${sql(c)} ${dir}`).reduce((acc, f) => sql`${acc}, ${f}`);
  const [rows, [total]] = await Promise.all([
    sql<R[]>`select ${q.select} from ${sql(q.table)} where ${where(sql, q.conds)} order by ${orderBy} limit ${q.limit} offset ${q.offset}`,
    sql<{ n: number }[]>`select count(*)::float8 as n from ${sql(q.table)} where ${where(sql, q.conds)}`,
  ]);
  return { rows: [...rows], count: total!.n };
}

/** Pagination metadata with the real count and pages; next_url keeps every filter, null on the last page. */
export function pageMetadata(page: Page<unknown>, p: { offset: number; limit: number; requestUrl: string; base: string; queryTime: number }) {
  let nextUrl: string | null = null;
  if (p.offset + p.limit < page.count) {
    const url = new URL(p.requestUrl);
    url.searchParams.set('offset', String(p.offset + p.limit));
    url.searchParams.set('limit', String(p.limit));
    nextUrl = `${p.base}${url.pathname}?${url.searchParams.toString()}`;
  }
  return {
    count: page.count,
    current_page: Math.floor(p.offset / p.limit) + 1,
    limit: p.limit,
    next_url: nextUrl,
    offset: p.offset,
    pages: Math.ceil(page.count / p.limit),
    query_time: p.queryTime,
  };
}

/** The start of the time bucket of `column` (weeks start on Sunday, as ClickHouse's toStartOfWeek). */
function grainStart(sql: postgres.Sql, grain: TimeGrain, column: string): Fragment {
  const col = sql(column);
  if (grain === 'week') return sql`(date_trunc('day', ${col}) - make_interval(days => extract(dow from ${col})::int))`;
  return sql`date_trunc(${grain}, ${col})`;
}

/** A time bucket as upstream renders it: a naive ISO datetime `YYYY-MM-DDTHH:MM:SS` (UTC). */
export const bucketText = (sql: postgres.Sql, grain: TimeGrain, column: string) =>
  sql`to_char(${grainStart(sql, grain, column)}, 'YYYY-MM-DD"T"HH24:MI:SS')`;
