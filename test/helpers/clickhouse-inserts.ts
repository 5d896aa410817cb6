// Reads the rows of a ClickHouse `INSERT INTO t (`a`, `b`, …) VALUES (…), (…)` file, the format of
// ooni/data's test fixtures (tests/data/*.sql): single-quoted strings (\' and '' escapes), NULL
// and numbers. Throws on anything else, so a fixture it misreads fails the test loudly.

type Value = string | number | null;

/** The table name and the rows (column name → value) of every INSERT statement in `sql`. */
export function readClickhouseInserts(sql: string): { table: string; rows: Record<string, Value>[] }[] {
  const out: { table: string; rows: Record<string, Value>[] }[] = [];
  const head = /INSERT INTO\s+`?(\w+)`?\s*\(([^)]*)\)\s*VALUES/gi;
  let m: RegExpExecArray | null;
  while ((m = head.exec(sql)) !== null) {
    const columns = m[2]!.split(',').map((c) => c.trim().replace(/^`|`$/g, ''));
    const { rows, end } = readTuples(sql, head.lastIndex, columns);
    out.push({ table: m[1]!, rows });
    head.lastIndex = end;
  }
  return out;
}

function readTuples(sql: string, start: number, columns: string[]): { rows: Record<string, Value>[]; end: number } {
  const rows: Record<string, Value>[] = [];
  let i = start;
  const skipSpace = () => {
    while (i < sql.length && /\s/.test(sql[i]!)) i++;
  };
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${i}: ${JSON.stringify(sql.slice(i, i + 40))}`);
  };
  for (;;) {
    skipSpace();
    if (sql[i] !== '(') fail('expected (');
    i++;
    const values: Value[] = [];
    for (;;) {
      skipSpace();
      if (sql[i] === "'") {
        let s = '';
        for (i++; ; i++) {
          if (i >= sql.length) fail('unterminated string');
          const c = sql[i]!;
          if (c === '\\') s += sql[++i]!;
          else if (c === "'" && sql[i + 1] === "'") s += sql[++i]!;
          else if (c === "'") break;
          else s += c;
        }
        i++;
        values.push(s);
      } else if (sql.startsWith('NULL', i)) {
        i += 4;
        values.push(null);
      } else {
        const num = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(sql.slice(i, i + 40));
        if (!num) fail('expected a value');
        i += num![0].length;
        values.push(Number(num![0]));
      }
      skipSpace();
      if (sql[i] === ',') i++;
      else if (sql[i] === ')') break;
      else fail('expected , or )');
    }
    i++;
    if (values.length !== columns.length) fail(`${values.length} values for ${columns.length} columns`);
    rows.push(Object.fromEntries(columns.map((c, k) => [c, values[k]!])));
    skipSpace();
    if (sql[i] !== ',') return { rows, end: i };
    i++;
  }
}
