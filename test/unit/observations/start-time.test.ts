// measurement_start_time → epoch ms (the base of certificate checks): real UTC times only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStartTime } from '../../../domain/observations/meta.ts';

test('parseStartTime: a real `YYYY-MM-DD HH:MM:SS` is its UTC epoch ms', () => {
  assert.equal(parseStartTime('2024-02-12 20:05:09'), 1707768309000);
  assert.equal(parseStartTime('2024-02-29 23:59:59'), 1709251199000);
  assert.equal(parseStartTime('1970-01-01 00:00:00'), 0);
  // the same instant whether or not the day was seen before
  assert.equal(parseStartTime('2024-02-12 00:00:00'), 1707696000000);
});

test('parseStartTime: days, hours, minutes and seconds that do not exist, and other shapes → null', () => {
  for (const text of [
    '2023-02-29 00:00:00',
    '2024-04-31 00:00:00',
    '2024-13-01 00:00:00',
    '2024-00-10 00:00:00',
    '2024-01-00 00:00:00',
    '2024-01-01 24:00:00',
    '2024-01-01 23:60:00',
    '2024-01-01 23:00:60',
    '2024-01-01T00:00:00',
    '2024-01-01 00:00:00Z',
    ' 2024-01-01 00:00:00',
    '2024-1-01 00:00:00',
    '２０２４-01-01 00:00:00',
    '2024-01-01 00:00:0a',
    '',
  ])
    assert.equal(parseStartTime(text), null, text);
});
