// The CSV text of an export: a header of the column names, then one record per row, CRLF line
// ends and quotes only where needed (as the query API's CSV). Booleans are `t`/`f` and times
// `YYYY-MM-DD HH:MM:SS` UTC, as in OONI's fastpath table and its monthly CSV dumps; a NULL is
// an empty field.
import { csvCell } from '../csv.ts';
import type { ExportColumn, ExportRow } from './columns.ts';

export const csvHeader = (columns: readonly ExportColumn[]) => `${columns.map((c) => csvCell(c.name)).join(',')}\r\n`;

/** `YYYY-MM-DD HH:MM:SS`, with `.mmm` only when the milliseconds are not zero. */
export function csvTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  const seconds = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  return iso.slice(20, 23) === '000' ? seconds : `${seconds}.${iso.slice(20, 23)}`;
}

function field(c: ExportColumn, v: ExportRow[string]): string {
  if (v === null || v === undefined) return '';
  if (c.kind === 'bool') return v ? 't' : 'f';
  if (c.kind === 'timestamp') return csvTime(v as number);
  return csvCell(v);
}

export function csvRecord(columns: readonly ExportColumn[], row: ExportRow): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    line += (i === 0 ? '' : ',') + field(c, row[c.name] ?? null);
  }
  return `${line}\r\n`;
}
