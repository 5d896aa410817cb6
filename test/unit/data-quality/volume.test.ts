// §8 volume job on §10.4's fixture, and the grouping it counts over.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { utcMs } from '../../../domain/data-quality/types.ts';
import { volumeGroups } from '../../../domain/data-quality/volume.ts';
import { qualityRow, volumeFixture } from '../../helpers/unit/quality-rows.ts';

const win = (start: string, end: string) => ({ start: utcMs(start), end: utcMs(end) });

test('§10.4: threshold 5 over 2023-12-31 23:59 → 2024-01-01 00:01 gives exactly the VE/AS8048 minute', () => {
  const groups = volumeGroups(volumeFixture(), win('2023-12-31 23:59:00', '2024-01-01 00:01:00'), 5);
  assert.equal(groups.length, 1);
  const [g] = groups;
  assert.equal(g!.probe_cc, 'VE');
  assert.equal(g!.probe_asn, 8048);
  assert.deepEqual(g!.details, {
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
  assert.equal(g!.measurement_uids.length, 10);
  assert.ok(g!.measurement_uids.every((u) => u.includes('_VE_')));
});

test('§10.4: the same one group when the window extends to 00:02 (the two VE of 00:01 stay below 5)', () => {
  const groups = volumeGroups(volumeFixture(), win('2023-12-31 23:59:00', '2024-01-01 00:02:00'), 5);
  assert.deepEqual(
    groups.map((g) => [g.probe_cc, g.details.start_time, g.details.total]),
    [['VE', '2024-01-01T00:00:00', 10]],
  );
});

test('§10.4: threshold 100 → none; a window an hour later → none', () => {
  assert.deepEqual(volumeGroups(volumeFixture(), win('2023-12-31 23:59:00', '2024-01-01 00:02:00'), 100), []);
  assert.deepEqual(volumeGroups(volumeFixture(), win('2024-01-01 00:59:00', '2024-01-01 01:02:00'), 5), []);
});

test('count ≥ threshold: a group of exactly the threshold is kept, one less is not', () => {
  const w = win('2024-01-01 00:00:00', '2024-01-01 01:00:00');
  assert.equal(volumeGroups(volumeFixture(), w, 10).length, 1);
  assert.equal(volumeGroups(volumeFixture(), w, 11).length, 0);
  assert.equal(volumeGroups(volumeFixture(), w, 2).length, 3, 'VE 00:00, US 00:00, VE 00:01');
});

test('every grouping field splits a minute; the window is [start, end)', () => {
  const base = (n: number, over = {}) => qualityRow(n, '20240101000100', `2024-01-01 00:00:${String(n).padStart(2, '0')}`, over);
  const rows = [
    base(0),
    base(1),
    base(2, { engine_version: '3.21.0' }),
    base(3, { software_version: '4.21.0' }),
    base(4, { platform: 'ios' }),
    base(5, { architecture: 'arm' }),
    base(6, { software_name: 'ooniprobe-desktop' }),
    base(7, { probe_asn: 8049 }),
  ];
  const groups = volumeGroups(rows, win('2024-01-01 00:00:00', '2024-01-01 00:01:00'), 2);
  assert.equal(groups.length, 1);
  assert.deepEqual(groups[0]!.measurement_uids, [rows[0]!.measurement_uid, rows[1]!.measurement_uid]);
  assert.deepEqual(volumeGroups(rows, win('2024-01-01 00:00:01', '2024-01-01 00:01:00'), 2), [], 'row 0 at the start bound is left out');
  assert.deepEqual(volumeGroups(rows, win('2023-12-31 23:59:00', '2024-01-01 00:00:01'), 1).length, 1, 'only row 0 before the end bound');
});
