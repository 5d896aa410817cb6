// Finding times: ISO 8601 in (pydantic's datetime), `YYYY-MM-DDTHH:MM:SS.ffffffZ` out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingNow, parseFindingTime } from '../../../domain/findings/time.ts';

test('what Explorer and upstream tests send comes out in OONI findings format, microseconds kept', () => {
  assert.deepEqual(parseFindingTime('2023-07-07T00:00:00Z'), { iso: '2023-07-07T00:00:00.000000Z', epochSeconds: 1688688000 });
  assert.equal(parseFindingTime('2024-05-06T07:08:09.123456Z')?.iso, '2024-05-06T07:08:09.123456Z');
  assert.equal(parseFindingTime('2024-05-06T07:08:09.1Z')?.iso, '2024-05-06T07:08:09.100000Z');
  assert.equal(parseFindingTime('2024-05-06T07:08:09.123456789Z')?.iso, '2024-05-06T07:08:09.123456Z');
});

test('offsets become UTC; no offset means UTC; a date alone is its midnight', () => {
  assert.equal(parseFindingTime('2024-01-01T01:30:00+02:00')?.iso, '2023-12-31T23:30:00.000000Z');
  assert.equal(parseFindingTime('2024-01-01T00:00:00-0130')?.iso, '2024-01-01T01:30:00.000000Z');
  assert.equal(parseFindingTime('2024-01-01T10:20')?.iso, '2024-01-01T10:20:00.000000Z');
  assert.equal(parseFindingTime('2024-01-01 10:20:30')?.iso, '2024-01-01T10:20:30.000000Z');
  assert.equal(parseFindingTime('2024-02-29')?.iso, '2024-02-29T00:00:00.000000Z');
});

test('not a real calendar instant → null', () => {
  for (const bad of [
    '',
    'yesterday',
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-01-01T24:00:00Z',
    '2024-01-01T10:60',
    '2024-01-01T00:00:00+25:00',
    '20240101',
    '2024-1-1',
  ]) {
    assert.equal(parseFindingTime(bad), null, bad);
  }
});

test('create and update times are whole seconds', () => {
  assert.deepEqual(findingNow(new Date('2024-03-04T05:06:07.890Z')), { iso: '2024-03-04T05:06:07.000000Z', epochSeconds: 1709528767 });
});
