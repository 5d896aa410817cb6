// §8 volume job: the window's fastpath rows grouped by (probe_cc, probe_asn, engine_version,
// software_name, software_version, platform, architecture, minute of measurement_start_time),
// each group of at least `threshold` rows kept. Pure.
import { inWindow, naiveIso, utcMs, type QualityRow, type TimeWindow } from './types.ts';

interface VolumeDetails {
  /** the minute, `YYYY-MM-DDTHH:MM:SS` naive UTC (upstream's form) */
  start_time: string;
  end_time: string;
  engine_version: string;
  software_name: string;
  software_version: string;
  platform: string;
  architecture: string;
  total: number;
  threshold: number;
}

export interface VolumeGroup {
  probe_cc: string;
  probe_asn: number;
  details: VolumeDetails;
  /** the group's measurements, sorted */
  measurement_uids: string[];
}

const MINUTE = 60_000;
const GROUP_FIELDS = ['probe_cc', 'probe_asn', 'engine_version', 'software_name', 'software_version', 'platform', 'architecture'] as const;

/** Upstream's `count() >= threshold` groups, ordered by minute then by the group's fields. */
export function volumeGroups(rows: readonly QualityRow[], window: TimeWindow, threshold: number): VolumeGroup[] {
  const groups = new Map<string, { first: QualityRow; minute: number; uids: string[] }>();
  for (const row of rows) {
    const t = utcMs(row.measurement_start_time);
    if (!inWindow(t, window)) continue;
    const minute = t - (((t % MINUTE) + MINUTE) % MINUTE);
    const key = JSON.stringify([minute, ...GROUP_FIELDS.map((f) => row[f])]);
    const group = groups.get(key);
    if (group) group.uids.push(row.measurement_uid);
    else groups.set(key, { first: row, minute, uids: [row.measurement_uid] });
  }
  return [...groups.entries()]
    .filter(([, g]) => g.uids.length >= threshold)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => ({
      probe_cc: g.first.probe_cc,
      probe_asn: g.first.probe_asn,
      details: {
        start_time: naiveIso(g.minute),
        end_time: naiveIso(g.minute + MINUTE),
        engine_version: g.first.engine_version,
        software_name: g.first.software_name,
        software_version: g.first.software_version,
        platform: g.first.platform,
        architecture: g.first.architecture,
        total: g.uids.length,
        threshold,
      },
      measurement_uids: [...g.uids].sort(),
    }));
}
