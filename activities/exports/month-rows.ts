// The SELECT of one month's fastpath rows for an export, in a stable order (time, then uid) so a
// re-run over the same rows writes the same bytes. Values come back as ExportRow wants them.
import type postgres from 'postgres';
import { EXPORT_COLUMNS, type ExportColumn } from '../../domain/exports/columns.ts';
import { monthBounds } from '../../domain/exports/month.ts';

const ident = (name: string) => `"${name}"`;

function selected(c: ExportColumn): string {
  // timestamp (without time zone, UTC) → epoch ms; int8 → exact decimal text
  if (c.kind === 'timestamp') return `floor(extract(epoch from ${ident(c.name)}) * 1000)::float8 as ${ident(c.name)}`;
  if (c.kind === 'int64') return `${ident(c.name)}::text as ${ident(c.name)}`;
  return ident(c.name);
}

const SELECT_LIST = EXPORT_COLUMNS.map(selected).join(', ');

/** `timestamp` literal of epoch ms, for comparing with the table's UTC timestamps. */
const pgTimestamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

function monthRange(month: string): { from: string; to: string } {
  const { startMs, endMs } = monthBounds(month);
  return { from: pgTimestamp(startMs), to: pgTimestamp(endMs) };
}

export function countMonthRows(sql: postgres.TransactionSql, month: string) {
  const { from, to } = monthRange(month);
  return sql<{ n: number }[]>`
    select count(*)::float8 as n from fastpath
    where measurement_start_time >= ${from}::timestamp and measurement_start_time < ${to}::timestamp`;
}

export function selectMonthRows(sql: postgres.TransactionSql, month: string) {
  const { from, to } = monthRange(month);
  return sql<Record<string, string | number | boolean | null>[]>`
    select ${sql.unsafe(SELECT_LIST)} from fastpath
    where measurement_start_time >= ${from}::timestamp and measurement_start_time < ${to}::timestamp
    order by measurement_start_time, measurement_uid`;
}
