// The fastpath rows of upstream's data-quality tests (ooni/data tests for analysis/volume.py and
// analysis/time_inconsistencies.py), written by hand from reference ooni-data.md §10.4: the
// values §10.4 gives, the other columns filled with fixed plausible values.
import type { QualityRow } from '../../../domain/data-quality/types.ts';

const ANDROID = {
  engine_version: '3.20.0',
  software_name: 'ooniprobe-android',
  software_version: '4.20.0',
  platform: 'android',
  architecture: 'arm64',
};

const hex = (n: number) => n.toString(16).padStart(16, '0');

/** A row received at `uidTime` (`YYYYMMDDHHMMSS`) that started at `start` (`YYYY-MM-DD HH:MM:SS`). */
export function qualityRow(n: number, uidTime: string, start: string, over: Partial<QualityRow> = {}): QualityRow {
  const cc = over.probe_cc ?? 'VE';
  return {
    measurement_uid: `${uidTime}.000000_${cc}_webconnectivity_${hex(n)}`,
    probe_cc: cc,
    probe_asn: 8048,
    measurement_start_time: start,
    ...ANDROID,
    ...over,
  };
}

/** §10.4 volume: 10 VE/AS8048 android 4.20.0 in minute 2024-01-01 00:00, 2 US/AS15169 in 00:00, 2 VE in 00:01. */
export function volumeFixture(): QualityRow[] {
  const rows: QualityRow[] = [];
  for (let i = 0; i < 10; i++)
    rows.push(qualityRow(i, `2024010100${String(i).padStart(2, '0')}05`, `2024-01-01 00:00:${String(i * 5).padStart(2, '0')}`));
  for (let i = 0; i < 2; i++)
    rows.push(qualityRow(10 + i, '20240101000110', `2024-01-01 00:00:${String(10 + i).padStart(2, '0')}`, { probe_cc: 'US', probe_asn: 15169 }));
  for (let i = 0; i < 2; i++) rows.push(qualityRow(20 + i, '20240101000210', `2024-01-01 00:01:${String(10 + i).padStart(2, '0')}`));
  return rows;
}

/**
 * §10.4 time inconsistencies: uids at 2024-01-01 00:00:00–00:00:04 and 00:30:00 with start times
 * +2 h, +3 h, +1 h, +30 min (of midnight), 2023-12-31 22:00 and 2023-12-31 23:30, in that order.
 */
export function timeFixture(): QualityRow[] {
  return [
    qualityRow(0, '20240101000000', '2024-01-01 02:00:00'),
    qualityRow(1, '20240101000001', '2024-01-01 03:00:00'),
    qualityRow(2, '20240101000002', '2024-01-01 01:00:00'),
    qualityRow(3, '20240101000003', '2024-01-01 00:30:00'),
    qualityRow(4, '20240101000004', '2023-12-31 22:00:00'),
    qualityRow(5, '20240101003000', '2023-12-31 23:30:00'),
  ];
}
