import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../domain/seeded-random.ts';

const take = (next: () => number, n: number) => Array.from({ length: n }, next);

test('mulberry32: the same seed gives the same sequence, another seed another one', () => {
  assert.deepEqual(take(mulberry32(13), 50), take(mulberry32(13), 50));
  assert.notDeepEqual(take(mulberry32(13), 50), take(mulberry32(14), 50));
});

test('mulberry32: numbers in [0, 1), spread evenly over ten buckets', () => {
  const values = take(mulberry32(7), 100_000);
  assert.ok(values.every((v) => v >= 0 && v < 1));
  const buckets = new Array<number>(10).fill(0);
  for (const v of values) buckets[Math.floor(v * 10)]!++;
  for (const b of buckets) assert.ok(Math.abs(b - 10_000) < 500, `bucket of ${b}`);
});
