import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExportFile } from '../../../api/query/exports-params.ts';
import { drawExportProgress } from '../../../cli/commands/export-progress.ts';
import { parseExportArgs } from '../../../cli/commands/export.ts';

test('export --month --format --batch-rows', () => {
  assert.deepEqual(parseExportArgs(['--month', '2026-05']), { month: '202605', formats: ['csv', 'parquet'] });
  assert.deepEqual(parseExportArgs(['--month', '202605', '--format', 'parquet', '--batch-rows', '500']), {
    month: '202605',
    formats: ['parquet'],
    batchRows: 500,
  });
  assert.deepEqual(parseExportArgs(['--month', '2026-05', '--format', 'both']), { month: '202605', formats: ['csv', 'parquet'] });
  assert.equal(parseExportArgs([]), '--month: YYYY-MM');
  assert.equal(parseExportArgs(['--month', '2026-05', '--format', 'json']), '--format: csv, parquet or both');
  assert.equal(parseExportArgs(['--month', '2026-05', '--batch-rows', '0']), '--batch-rows: an integer from 1 to 1000000');
  assert.match(parseExportArgs(['--mont', '2026-05']) as string, /Unknown option/);
});

test('download file names', () => {
  assert.deepEqual(parseExportFile('202605.csv.zst'), { month: '202605', format: 'csv' });
  assert.deepEqual(parseExportFile('2026-05.parquet'), { month: '202605', format: 'parquet' });
  for (const bad of ['202605.csv', '202613.parquet', '202605.parquet.zst', 'x202605.parquet', '../202605.parquet'])
    assert.equal(parseExportFile(bad), null, bad);
});

test('the progress line', () => {
  const line = drawExportProgress({ month: '202605', format: 'csv', rows: 500, total: 1000, bytes: 2_500_000 }, 0, 2000);
  assert.equal(line, '\r202605 csv     [###############---------------] 500/1000 rows, 2.5 MB, 250 rows/s  ');
});
