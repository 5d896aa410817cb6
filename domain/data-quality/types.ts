// What the hourly data-quality job reads (one fastpath row each) and the window it counts over.
// Pure types, shared by the volume and time-inconsistency rules (reference ooni-data.md §8).

/** The fastpath columns §8's jobs read. */
export interface QualityRow {
  measurement_uid: string;
  probe_cc: string;
  probe_asn: number;
  /** `YYYY-MM-DD HH:MM:SS`, UTC */
  measurement_start_time: string;
  engine_version: string;
  software_name: string;
  software_version: string;
  platform: string;
  architecture: string;
}

/** `[start, end)` of measurement_start_time, epoch milliseconds. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** `YYYY-MM-DD HH:MM:SS[.fff]` (or ISO, naive = UTC) → epoch ms; NaN when unreadable. */
export const utcMs = (t: string): number => Date.parse(`${t.replace(' ', 'T')}${/Z|[+-]\d{2}:?\d{2}$/.test(t) ? '' : 'Z'}`);

/** Epoch ms → `YYYY-MM-DDTHH:MM:SS`, naive UTC: upstream's ISO form of its `details` times. */
export const naiveIso = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

export const inWindow = (t: number, w: TimeWindow): boolean => t >= w.start && t < w.end;
