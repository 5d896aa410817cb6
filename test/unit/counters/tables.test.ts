// The counters' SQL pieces name every column of their drizzle table, in table order, and give one
// fastpath expression per dimension.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTableColumns } from 'drizzle-orm';
import { COUNT_COLUMNS, COUNTER_TABLES, rowAsCounters } from '../../../domain/counters/tables.ts';
import { countersDaily, countersDailyCountry, countersDailyInput, countersDailyNetwork, countersHourly } from '../../../drizzle/schema.ts';

const SCHEMA = {
  counters_daily: countersDaily,
  counters_daily_country: countersDailyCountry,
  counters_daily_input: countersDailyInput,
  counters_daily_network: countersDailyNetwork,
  counters_hourly: countersHourly,
};

for (const [name, table] of Object.entries(SCHEMA)) {
  test(`${name}: bucket, dimensions and counts are the table's columns`, () => {
    const t = COUNTER_TABLES[name as keyof typeof SCHEMA];
    const columns = Object.values(getTableColumns(table)).map((c) => c.name);
    assert.deepEqual([t.bucket, ...t.dims, ...COUNT_COLUMNS], columns);
    assert.equal(t.exprs.length, t.dims.length);
    // a fastpath row read as a counters row: each column named once, in the table's order
    const aliases = [...rowAsCounters(t, -1).matchAll(/ as (\w+)/g)].map((m) => m[1]);
    assert.deepEqual(aliases, columns);
  });
}

test('a retracted row counts −1 in every counter it counted', () => {
  const sql = rowAsCounters(COUNTER_TABLES.counters_daily_network, -1);
  assert.match(sql, /-1 as measurement_count/);
  assert.equal([...sql.matchAll(/-\(/g)].length, COUNT_COLUMNS.length - 1);
});
