// The hourly job's rows for one analysis hour: §10.4's "hourly task for 2024-01-01T00 with
// threshold 5 → exactly 1" (one group, a row per member), the time flags of the hour, the order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hourlyQualityFlags } from '../../../domain/data-quality/hour-flags.ts';
import { timeFixture, volumeFixture } from '../../helpers/unit/quality-rows.ts';

const settings = { volumeThreshold: 5, startBeforeReceiptSeconds: 1800, startAfterReceiptSeconds: 7200 };

test('§10.4: the hourly task for 2024-01-01T00 with threshold 5 → exactly one volume group, named on each of its 10 measurements', () => {
  const flags = hourlyQualityFlags('2024-01-01T00', volumeFixture(), settings);
  const volume = flags.filter((f) => f.type === 'volume');
  assert.equal(volume.length, 10);
  const groups = new Set(volume.map((f) => JSON.stringify(f.details)));
  assert.equal(groups.size, 1);
  assert.deepEqual(JSON.parse([...groups][0]!), {
    probe_cc: 'VE',
    probe_asn: 8048,
    start_time: '2024-01-01T00:00:00',
    end_time: '2024-01-01T00:01:00',
    engine_version: '3.20.0',
    software_name: 'ooniprobe-android',
    software_version: '4.20.0',
    platform: 'android',
    architecture: 'arm64',
    total: 10,
    threshold: 5,
  });
  assert.deepEqual(hourlyQualityFlags('2024-01-01T01', volumeFixture(), settings), [], 'the next hour has none');
});

test('the hour keeps only its own measurements; flags are sorted by uid then type', () => {
  const rows = [...timeFixture(), ...volumeFixture()];
  const flags = hourlyQualityFlags('2024-01-01T00', rows, settings);
  // the 00:30 start received at 00:00:03 (+1797 s) stays under 7200; the 02:00/03:00 starts are other hours
  assert.deepEqual(
    flags.filter((f) => f.type !== 'volume'),
    [],
  );
  const hour2 = hourlyQualityFlags('2024-01-01T02', rows, settings);
  assert.deepEqual(
    hour2.map((f) => [f.measurement_uid, f.type, f.measurement_start_time, f.details.diff_seconds]),
    [[timeFixture()[0]!.measurement_uid, 'start_after_receipt', '2024-01-01 02:00:00', 7200]],
  );
  const keys = flags.map((f) => `${f.measurement_uid} ${f.type}`);
  assert.deepEqual(keys, [...keys].sort());
});

test('late-upload hour: 2023-12-31T23 with the production thresholds flags the 23:30 start received at 00:30', () => {
  const flags = hourlyQualityFlags('2023-12-31T23', timeFixture(), settings);
  assert.deepEqual(
    flags.map((f) => [f.type, f.details.diff_seconds, f.details.upstream_type]),
    [['start_before_receipt', -3600, 'time_inconsistency_future']],
  );
});
