// Python-csv style output: sorted header, comma separated, CRLF, quoting only when needed.
import { csvCell as cell } from '../../domain/csv.ts';

export function toCsv(rows: Record<string, unknown>[]): string {
  const first = rows[0];
  if (!first) return '';
  const columns = Object.keys(first).sort();
  const lines = [columns.join(','), ...rows.map((r) => columns.map((k) => cell(r[k])).join(','))];
  return lines.map((l) => `${l}\r\n`).join('');
}
