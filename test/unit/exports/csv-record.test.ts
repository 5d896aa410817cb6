import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTableColumns } from 'drizzle-orm';
import { EXPORT_COLUMNS } from '../../../domain/exports/columns.ts';
import { csvHeader, csvRecord, csvTime } from '../../../domain/exports/csv-record.ts';
import { parseCsv } from '../../../domain/csv.ts';
import { fastpath } from '../../../drizzle/schema.ts';

test('the export columns are the fastpath table columns, in table order', () => {
  assert.deepEqual(
    EXPORT_COLUMNS.map((c) => c.name),
    Object.values(getTableColumns(fastpath)).map((c) => c.name),
  );
  assert.deepEqual(
    EXPORT_COLUMNS.filter((c) => c.nullable).map((c) => c.name),
    ['ooni_run_link_id'],
  );
});

test('times: YYYY-MM-DD HH:MM:SS UTC, milliseconds only when present', () => {
  assert.equal(csvTime(Date.parse('2022-08-15T19:04:21Z')), '2022-08-15 19:04:21');
  assert.equal(csvTime(Date.parse('2022-08-15T19:04:21.120Z')), '2022-08-15 19:04:21.120');
});

const columns = [
  { name: 'input', kind: 'text' as const },
  { name: 'probe_asn', kind: 'int64' as const },
  { name: 'anomaly', kind: 'bool' as const },
  { name: 'test_runtime', kind: 'float64' as const },
  { name: 'measurement_start_time', kind: 'timestamp' as const },
  { name: 'ooni_run_link_id', kind: 'int64' as const, nullable: true as const },
];

test('a record: quotes only where needed, t/f, NULL empty, CRLF; a CSV parser reads the values back', () => {
  assert.equal(csvHeader(columns), 'input,probe_asn,anomaly,test_runtime,measurement_start_time,ooni_run_link_id\r\n');
  const nasty = 'a,"b"\r\nc 例';
  const line = csvRecord(columns, {
    input: nasty,
    probe_asn: '4294967295',
    anomaly: true,
    test_runtime: 2.476470708,
    measurement_start_time: Date.parse('2022-08-15T19:04:21Z'),
    ooni_run_link_id: null,
  });
  assert.equal(line, '"a,""b""\r\nc 例",4294967295,t,2.476470708,2022-08-15 19:04:21,\r\n');
  assert.deepEqual(parseCsv(line), [[nasty, '4294967295', 't', '2.476470708', '2022-08-15 19:04:21', '']]);
  assert.equal(
    csvRecord(columns, {
      input: '',
      probe_asn: '0',
      anomaly: false,
      test_runtime: 0,
      measurement_start_time: 0,
      ooni_run_link_id: '9223372036854775807',
    }),
    ',0,f,0,1970-01-01 00:00:00,9223372036854775807\r\n',
  );
});
