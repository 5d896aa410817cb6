// §8 time-inconsistency job on §10.4's fixture, with the labels named by physical meaning.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timeInconsistencies, uidTimestamp } from '../../../domain/data-quality/time-inconsistency.ts';
import { utcMs } from '../../../domain/data-quality/types.ts';
import { qualityRow, timeFixture } from '../../helpers/unit/quality-rows.ts';

const win = (start: string, end: string) => ({ start: utcMs(start), end: utcMs(end) });
const H = 3600;

test('§10.4: thresholds 3600/3600 over 2023-12-31 23:00 → 2024-01-01 04:00: a start before receipt (upstream _future) and a start after receipt (upstream _past)', () => {
  const found = timeInconsistencies(timeFixture(), win('2023-12-31 23:00:00', '2024-01-01 04:00:00'), {
    startBeforeReceiptSeconds: H,
    startAfterReceiptSeconds: H,
  });
  const before = found.filter((f) => f.type === 'start_before_receipt');
  const after = found.filter((f) => f.type === 'start_after_receipt');
  assert.ok(before.length >= 1 && after.length >= 1);
  for (const f of before) {
    assert.ok(f.details.diff_seconds < 0 && -f.details.diff_seconds >= H);
    assert.equal(f.details.upstream_type, 'time_inconsistency_future');
  }
  for (const f of after) {
    assert.ok(f.details.diff_seconds >= H);
    assert.equal(f.details.upstream_type, 'time_inconsistency_past');
  }
  // exactly: +2 h (7200), +3 h (10799) after receipt; 23:30 received 00:30 (−3600) before. The +1 h
  // row (3598 s) is below the threshold, and 22:00 is outside the window.
  assert.deepEqual(
    found.map((f) => [f.type, f.details.diff_seconds]),
    [
      ['start_after_receipt', 10799],
      ['start_after_receipt', 7200],
      ['start_before_receipt', -3600],
    ],
  );
  assert.deepEqual(found[2]!.details, {
    measurement_uid: timeFixture()[5]!.measurement_uid,
    measurement_start_time: '2023-12-31T23:30:00',
    uid_timestamp: '2024-01-01T00:30:00',
    diff_seconds: -3600,
    threshold: H,
    software_name: 'ooniprobe-android',
    software_version: '4.20.0',
    platform: 'android',
    upstream_type: 'time_inconsistency_future',
  });
});

test('§10.4: thresholds of 24 h → none; a window outside the fixture → none', () => {
  const day = { startBeforeReceiptSeconds: 24 * H, startAfterReceiptSeconds: 24 * H };
  assert.deepEqual(timeInconsistencies(timeFixture(), win('2023-12-31 23:00:00', '2024-01-01 04:00:00'), day), []);
  const hour = { startBeforeReceiptSeconds: H, startAfterReceiptSeconds: H };
  assert.deepEqual(timeInconsistencies(timeFixture(), win('2024-01-02 00:00:00', '2024-01-02 04:00:00'), hour), []);
});

test('production thresholds: 1800 s before receipt, 7200 s after; each bound inclusive; diff 0 never', () => {
  const prod = { startBeforeReceiptSeconds: 1800, startAfterReceiptSeconds: 7200 };
  const rows = [
    qualityRow(0, '20240101010000', '2024-01-01 00:30:00'), // −1800 → flagged
    qualityRow(1, '20240101010000', '2024-01-01 00:30:01'), // −1799
    qualityRow(2, '20240101010000', '2024-01-01 03:00:00'), // +7200 → flagged
    qualityRow(3, '20240101010000', '2024-01-01 02:59:59'), // +7199
    qualityRow(4, '20240101010000', '2024-01-01 01:00:00'), // 0
  ];
  const found = timeInconsistencies(rows, win('2024-01-01 00:00:00', '2024-01-01 04:00:00'), prod);
  assert.deepEqual(
    found.map((f) => [f.details.measurement_uid, f.type, f.details.threshold]),
    [
      [rows[2]!.measurement_uid, 'start_after_receipt', 7200],
      [rows[0]!.measurement_uid, 'start_before_receipt', 1800],
    ],
  );
});

test('the uid time is its first 14 digits, whole seconds; a uid naming no real instant is skipped', () => {
  assert.equal(uidTimestamp('20240101003000.999999_VE_webconnectivity_0000000000000001'), Date.UTC(2024, 0, 1, 0, 30, 0));
  assert.equal(uidTimestamp('20241301003000.000000_VE_webconnectivity_0000000000000001'), null);
  assert.equal(uidTimestamp('not-a-uid'), null);
  const bad = { ...qualityRow(0, '20240101000000', '2024-01-01 03:00:00'), measurement_uid: 'legacy-uid' };
  assert.deepEqual(
    timeInconsistencies([bad], win('2024-01-01 00:00:00', '2024-01-01 04:00:00'), { startBeforeReceiptSeconds: 1, startAfterReceiptSeconds: 1 }),
    [],
  );
});
