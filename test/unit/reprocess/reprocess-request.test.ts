// The one check of a reprocess request that the operator API and the CLI share.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateReprocessRequest } from '../../../domain/reprocess-request.ts';

test('a valid request becomes the workflow input, with the test name as in archive keys', () => {
  assert.deepEqual(validateReprocessRequest({ startDay: '2024-01-01', endDay: '2024-01-02', probeCc: 'IT', testName: 'web_connectivity' }), {
    ok: true,
    input: { startDay: '2024-01-01', endDay: '2024-01-02', probeCc: 'IT', testName: 'webconnectivity' },
  });
  assert.deepEqual(validateReprocessRequest({ startDay: '2024-01-01', endDay: '2024-01-01' }), {
    ok: true,
    input: { startDay: '2024-01-01', endDay: '2024-01-01', probeCc: undefined, testName: undefined },
  });
});

test('days must be real YYYY-MM-DD dates, in order', () => {
  for (const [startDay, endDay] of [
    [undefined, '2024-01-01'],
    ['2024-01-01', 20240101],
    ['2024-02-30', '2024-03-01'],
    ['2024-1-1', '2024-01-02'],
  ]) {
    assert.deepEqual(validateReprocessRequest({ startDay, endDay }), { ok: false, problem: 'invalid_day' }, `${String(startDay)} ${String(endDay)}`);
  }
  assert.deepEqual(validateReprocessRequest({ startDay: '2024-01-02', endDay: '2024-01-01' }), { ok: false, problem: 'end_before_start' });
});

test('the country is two upper-case letters and the test a plausible test name', () => {
  const days = { startDay: '2024-01-01', endDay: '2024-01-01' };
  for (const probeCc of ['it', 'ITA', 7, null])
    assert.deepEqual(validateReprocessRequest({ ...days, probeCc }), { ok: false, problem: 'invalid_probe_cc' });
  for (const testName of ['x', 'Web Connectivity', 42, ''])
    assert.deepEqual(validateReprocessRequest({ ...days, testName }), { ok: false, problem: 'invalid_test_name' });
});
