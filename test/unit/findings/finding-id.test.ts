// Finding ids as upstream's generate_random_intuid: random uint32 × 100 + collector id.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingId } from '../../../domain/findings/finding-id.ts';

test('random × 100 + collector, as a decimal string, beyond 2^53 safe', () => {
  assert.equal(findingId(0, 0), '0');
  assert.equal(findingId(12345, 3), '1234503');
  assert.equal(findingId(0xffffffff, 99), '429496729599');
  assert.equal(findingId(-1, 0), '429496729500');
  assert.equal(findingId(7, Number.NaN), '700');
});
