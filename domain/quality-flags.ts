// Data-quality flags of one measurement (DESIGN: never a reason to refuse an upload; researchers
// filter on them). Pure rules; activities/measurement/insert-row.ts stores the flags with the row.
// `volume` and `clock_drift` are provisional: the hourly job (domain/data-quality/) replaces them
// with its own `volume`, `start_before_receipt` and `start_after_receipt` rows once the hour runs.
import { BOGON_ASN } from './enrichment/lookup.ts';

export const QUALITY_FLAG_TYPES = ['geoip', 'clock_drift', 'volume', 'start_before_receipt', 'start_after_receipt'] as const;
export type QualityFlagType = (typeof QUALITY_FLAG_TYPES)[number];

export interface QualityFlag {
  type: QualityFlagType;
  details: Record<string, string | number | boolean>;
}

/** Where the submitting address is, by the IP database (never the address itself). */
export interface SubmitterLocation {
  cc: string;
  asn: number;
}

/** The fields of a scored row the rules read. */
export interface FlaggedRow {
  probe_cc: string;
  probe_asn: number;
  /** `YYYY-MM-DD HH:MM:SS`, UTC */
  measurement_start_time: string;
  software_name: string;
  software_version: string;
  platform: string;
}

export interface QualitySettings {
  /** |start − receive| above this many seconds → clock_drift */
  clockDriftSeconds: number;
  /** measurements of a (cc, asn, software) minute above this count → volume (ingest); at least this many in a §8 group (hourly job) */
  volumeThreshold: number;
  /** hourly job: start at least this many seconds before the uid's receive time → start_before_receipt (upstream "future", 1800) */
  startBeforeReceiptSeconds: number;
  /** hourly job: start at least this many seconds after the uid's receive time → start_after_receipt (upstream "past", 7200) */
  startAfterReceiptSeconds: number;
}

/** Production values (OONI's for volume and time inconsistencies). */
export const DEFAULT_QUALITY_SETTINGS: QualitySettings = {
  clockDriftSeconds: 3600,
  volumeThreshold: 200,
  startBeforeReceiptSeconds: 1800,
  startAfterReceiptSeconds: 7200,
};

const utcMs = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);
const software = (row: FlaggedRow) => ({ software_name: row.software_name, software_version: row.software_version, platform: row.platform });

/**
 * `geoip`: the submitter's country or network, by the IP database, differs from the probe's
 * claim. A side the database cannot place (ZZ, AS0, a bogon such as a test on localhost) is
 * not compared: no evidence is no mismatch.
 */
export function geoipFlag(row: FlaggedRow, submitter: SubmitterLocation | undefined): QualityFlag | undefined {
  if (!submitter) return undefined;
  const ccKnown = submitter.cc !== 'ZZ' && submitter.asn !== BOGON_ASN;
  const asnKnown = submitter.asn !== 0 && submitter.asn !== BOGON_ASN;
  const ccMismatch = ccKnown && submitter.cc !== row.probe_cc.toUpperCase();
  const asnMismatch = asnKnown && submitter.asn !== row.probe_asn;
  if (!ccMismatch && !asnMismatch) return undefined;
  return {
    type: 'geoip',
    details: {
      submitter_cc: submitter.cc,
      submitter_asn: submitter.asn,
      probe_cc: row.probe_cc,
      probe_asn: row.probe_asn,
      cc_mismatch: ccMismatch,
      asn_mismatch: asnMismatch,
      ...software(row),
    },
  };
}

/**
 * `clock_drift`: measurement_start_time more than `clockDriftSeconds` from the receive time.
 * `diff_seconds` = start − receive: positive when the probe's clock is ahead (a start after
 * receipt), negative for a start long before receipt (a late upload or a clock behind). OONI's
 * time_inconsistency_{future,past} labels read inverted; here `direction` says which it is.
 */
export function clockDriftFlag(row: FlaggedRow, receivedAt: string, settings: Pick<QualitySettings, 'clockDriftSeconds'>): QualityFlag | undefined {
  const start = utcMs(row.measurement_start_time);
  const received = Date.parse(receivedAt);
  if (!Number.isFinite(start) || !Number.isFinite(received)) return undefined;
  const diff = Math.round((start - received) / 1000);
  if (Math.abs(diff) <= settings.clockDriftSeconds) return undefined;
  return {
    type: 'clock_drift',
    details: {
      measurement_start_time: row.measurement_start_time,
      received_at: new Date(received).toISOString(),
      diff_seconds: diff,
      direction: diff > 0 ? 'start_after_receipt' : 'start_before_receipt',
      threshold: settings.clockDriftSeconds,
      ...software(row),
    },
  };
}

/** The minute of measurement_start_time a volume count is over: [start, end). */
export function volumeMinute(row: FlaggedRow): { start: Date; end: Date } {
  const ms = utcMs(row.measurement_start_time);
  const start = new Date(ms - (((ms % 60_000) + 60_000) % 60_000));
  return { start, end: new Date(start.getTime() + 60_000) };
}

/** `volume`: `count` measurements (this one included) of its (cc, asn, software_name) minute, above the threshold. */
export function volumeFlag(row: FlaggedRow, count: number, settings: Pick<QualitySettings, 'volumeThreshold'>): QualityFlag | undefined {
  if (count <= settings.volumeThreshold) return undefined;
  const { start, end } = volumeMinute(row);
  return {
    type: 'volume',
    details: {
      start_time: start.toISOString(),
      end_time: end.toISOString(),
      probe_cc: row.probe_cc,
      probe_asn: row.probe_asn,
      total: count,
      threshold: settings.volumeThreshold,
      ...software(row),
    },
  };
}
