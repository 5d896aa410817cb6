// §8 time-inconsistency job: measurement_start_time against the receive time in the uid's first
// 15 characters (`YYYYMMDDHHMMSS.`, the collector's clock, whole seconds). Pure.
//
// Labels by physical meaning (reference §11 #14): diff = start − receipt, so
// - diff < 0, |diff| ≥ startBeforeReceiptSeconds → `start_before_receipt` (a late upload or a
//   clock behind; upstream `time_inconsistency_future`, its "future" threshold, production 1800 s)
// - diff > 0, diff ≥ startAfterReceiptSeconds → `start_after_receipt` (a clock ahead: the
//   measurement claims to start after the collector got it; upstream `time_inconsistency_past`,
//   its "past" threshold, production 7200 s).
import { inWindow, naiveIso, utcMs, type QualityRow, type TimeWindow } from './types.ts';

type TimeInconsistencyType = 'start_before_receipt' | 'start_after_receipt';

/** The name upstream's `faulty_measurements` gives the same finding. */
const UPSTREAM_TIME_TYPE: Record<TimeInconsistencyType, string> = {
  start_before_receipt: 'time_inconsistency_future',
  start_after_receipt: 'time_inconsistency_past',
};

export interface TimeThresholds {
  startBeforeReceiptSeconds: number;
  startAfterReceiptSeconds: number;
}

interface TimeInconsistencyDetails {
  measurement_uid: string;
  /** `YYYY-MM-DDTHH:MM:SS` naive UTC */
  measurement_start_time: string;
  uid_timestamp: string;
  /** start − receipt, seconds */
  diff_seconds: number;
  threshold: number;
  software_name: string;
  software_version: string;
  platform: string;
  upstream_type: string;
}

export interface TimeInconsistency {
  type: TimeInconsistencyType;
  probe_cc: string;
  probe_asn: number;
  details: TimeInconsistencyDetails;
}

const UID_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/;

/** The receive time a uid starts with, epoch ms (whole seconds); null when it names no real instant. */
export function uidTimestamp(uid: string): number | null {
  const m = UID_TIME.exec(uid);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  const real =
    back.getUTCFullYear() === y &&
    back.getUTCMonth() === mo - 1 &&
    back.getUTCDate() === d &&
    back.getUTCHours() === h &&
    back.getUTCMinutes() === mi &&
    back.getUTCSeconds() === s;
  return real ? ms : null;
}

/** The window's inconsistent measurements, largest diff first (ties by uid). */
export function timeInconsistencies(rows: readonly QualityRow[], window: TimeWindow, thresholds: TimeThresholds): TimeInconsistency[] {
  const found: TimeInconsistency[] = [];
  for (const row of rows) {
    const t = utcMs(row.measurement_start_time);
    if (!inWindow(t, window)) continue;
    const received = uidTimestamp(row.measurement_uid);
    if (received === null) continue;
    const start = Math.floor(t / 1000) * 1000;
    const diff = (start - received) / 1000;
    let type: TimeInconsistencyType;
    let threshold: number;
    if (diff < 0 && -diff >= thresholds.startBeforeReceiptSeconds) [type, threshold] = ['start_before_receipt', thresholds.startBeforeReceiptSeconds];
    else if (diff > 0 && diff >= thresholds.startAfterReceiptSeconds)
      [type, threshold] = ['start_after_receipt', thresholds.startAfterReceiptSeconds];
    else continue;
    found.push({
      type,
      probe_cc: row.probe_cc,
      probe_asn: row.probe_asn,
      details: {
        measurement_uid: row.measurement_uid,
        measurement_start_time: naiveIso(start),
        uid_timestamp: naiveIso(received),
        diff_seconds: diff,
        threshold,
        software_name: row.software_name,
        software_version: row.software_version,
        platform: row.platform,
        upstream_type: UPSTREAM_TIME_TYPE[type],
      },
    });
  }
  return found.sort((a, b) => b.details.diff_seconds - a.details.diff_seconds || (a.details.measurement_uid < b.details.measurement_uid ? -1 : 1));
}
