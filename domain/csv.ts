// RFC 4180 CSV parsing with Python csv-module defaults (quoted fields may hold commas, quotes
// and newlines; a quote inside an unquoted field is literal), and the one field quoting rule
// of the CSV we write.

/** A CSV field: quoted (quotes doubled) only when it holds a quote, comma, CR or LF; null is empty. */
export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const endField = () => {
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === ',') endField();
    else if (c === '\r' || c === '\n') {
      endRow();
      if (c === '\r' && src[i + 1] === '\n') i++;
    } else {
      field += c;
      fieldStarted = true;
    }
    i++;
  }
  if (quoted) throw new Error('CSV: unterminated quoted field');
  if (fieldStarted || row.length > 0) endRow();
  return rows;
}
