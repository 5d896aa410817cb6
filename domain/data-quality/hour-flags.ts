// The hourly data-quality job's answer for one analysis hour: the per-measurement rows of
// data_quality_flags it owns, from the hour's fastpath rows (docs/v5-data.md "Data quality").
// Each measurement of a volume group gets a `volume` row naming its group; each inconsistent
// measurement its `start_before_receipt` / `start_after_receipt` row. Pure.
import { hourWindow } from '../analysis-hour.ts';
import type { QualityFlagType, QualitySettings } from '../quality-flags.ts';
import { timeInconsistencies } from './time-inconsistency.ts';
import { utcMs, type QualityRow, type TimeWindow } from './types.ts';
import { volumeGroups } from './volume.ts';

/** The types whose rows of an hour the job replaces: its own, and `clock_drift`, the ingest-time provisional answer it supersedes. */
const HOURLY_FLAG_TYPES = ['volume', 'start_before_receipt', 'start_after_receipt'] as const satisfies readonly QualityFlagType[];
export const REPLACED_FLAG_TYPES = [...HOURLY_FLAG_TYPES, 'clock_drift'] as const satisfies readonly QualityFlagType[];

export type HourlySettings = Pick<QualitySettings, 'volumeThreshold' | 'startBeforeReceiptSeconds' | 'startAfterReceiptSeconds'>;

export interface HourlyFlag {
  measurement_uid: string;
  type: (typeof HOURLY_FLAG_TYPES)[number];
  probe_cc: string;
  probe_asn: number;
  /** the fastpath row's, `YYYY-MM-DD HH:MM:SS` */
  measurement_start_time: string;
  details: Record<string, string | number>;
}

/** `[H, H+1h)` of `YYYY-MM-DDTHH` in epoch ms. */
function hourTimeWindow(hour: string): TimeWindow {
  const { start, end } = hourWindow(hour);
  return { start: utcMs(start), end: utcMs(end) };
}

/** The hour's flags, one per (measurement, type), sorted by uid then type. */
export function hourlyQualityFlags(hour: string, rows: readonly QualityRow[], settings: HourlySettings): HourlyFlag[] {
  const window = hourTimeWindow(hour);
  const startOf = new Map(rows.map((r) => [r.measurement_uid, r.measurement_start_time]));
  const flags: HourlyFlag[] = [];
  for (const g of volumeGroups(rows, window, settings.volumeThreshold)) {
    const details = { probe_cc: g.probe_cc, probe_asn: g.probe_asn, ...g.details };
    for (const uid of g.measurement_uids)
      flags.push({
        measurement_uid: uid,
        type: 'volume',
        probe_cc: g.probe_cc,
        probe_asn: g.probe_asn,
        measurement_start_time: startOf.get(uid)!,
        details,
      });
  }
  for (const t of timeInconsistencies(rows, window, settings)) {
    const uid = t.details.measurement_uid;
    flags.push({
      measurement_uid: uid,
      type: t.type,
      probe_cc: t.probe_cc,
      probe_asn: t.probe_asn,
      measurement_start_time: startOf.get(uid)!,
      details: { ...t.details },
    });
  }
  return flags.sort((a, b) =>
    a.measurement_uid < b.measurement_uid ? -1 : a.measurement_uid > b.measurement_uid ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0,
  );
}
