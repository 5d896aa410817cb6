import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayMonth, monthBounds, parseExportMonth, previousMonth } from '../../../domain/exports/month.ts';
import { exportKey } from '../../../domain/s3-keys.ts';

test('months: YYYY-MM or YYYYMM in, YYYYMM out; anything else refused', () => {
  assert.equal(parseExportMonth('2026-05'), '202605');
  assert.equal(parseExportMonth('202612'), '202612');
  for (const bad of ['2026-13', '2026-00', '2026-5', '26-05', '2026/05', '1999-12', '2026-05-01', '', ' 2026-05'])
    assert.equal(parseExportMonth(bad), null, bad);
  assert.equal(displayMonth('202605'), '2026-05');
});

test('month bounds are UTC, the end exclusive, across a year and February of a leap year', () => {
  assert.deepEqual(monthBounds('202612'), { startMs: Date.parse('2026-12-01T00:00:00Z'), endMs: Date.parse('2027-01-01T00:00:00Z') });
  assert.deepEqual(monthBounds('202802'), { startMs: Date.parse('2028-02-01T00:00:00Z'), endMs: Date.parse('2028-03-01T00:00:00Z') });
});

test('the previous month of the schedule fire time (day 2, 02:00 UTC)', () => {
  assert.equal(previousMonth(Date.parse('2026-06-02T02:00:00Z')), '202605');
  assert.equal(previousMonth(Date.parse('2027-01-02T02:00:00Z')), '202612');
  assert.equal(previousMonth(Date.parse('2026-03-01T00:00:00Z')), '202602');
  assert.equal(previousMonth(Date.parse('2026-02-28T23:59:59Z')), '202601');
});

test('export keys: exports/fastpath/YYYYMM.{csv.zst,parquet}; a bad month throws', () => {
  assert.equal(exportKey('202605', 'csv'), 'exports/fastpath/202605.csv.zst');
  assert.equal(exportKey('202605', 'parquet'), 'exports/fastpath/202605.parquet');
  for (const bad of ['2026-05', '202613', '../x', '']) assert.throws(() => exportKey(bad, 'csv'), bad);
});
