import type { FastpathRejectionCode } from '../../domain/ingest-rejection-codes.ts';
/** A row of the `fastpath` table: the 26 columns the original inserts, in its column order. */
export interface FastpathRow {
  measurement_uid: string;
  report_id: string;
  input: string;
  probe_cc: string;
  probe_asn: number;
  test_name: string;
  /** "YYYY-MM-DD HH:MM:SS" */
  test_start_time: string;
  /** "YYYY-MM-DD HH:MM:SS" */
  measurement_start_time: string;
  /** The scores object serialised byte-for-byte as the original (ujson) does. */
  scores: string;
  platform: string;
  anomaly: 't' | 'f';
  confirmed: 't' | 'f';
  msm_failure: 't' | 'f';
  blocking_type: string;
  domain: string;
  software_name: string;
  software_version: string;
  test_version: string;
  test_runtime: number;
  architecture: string;
  engine_name: string;
  engine_version: string;
  test_helper_address: string;
  test_helper_type: string;
  ooni_run_link_id: number | null;
  is_verified: 'u' | 't' | 'f';
}

export const FASTPATH_COLUMNS = [
  'measurement_uid',
  'report_id',
  'input',
  'probe_cc',
  'probe_asn',
  'test_name',
  'test_start_time',
  'measurement_start_time',
  'scores',
  'platform',
  'anomaly',
  'confirmed',
  'msm_failure',
  'blocking_type',
  'domain',
  'software_name',
  'software_version',
  'test_version',
  'test_runtime',
  'architecture',
  'engine_name',
  'engine_version',
  'test_helper_address',
  'test_helper_type',
  'ooni_run_link_id',
  'is_verified',
] as const satisfies readonly (keyof FastpathRow)[];

/**
 * Why no row was produced. `discarded_*` are the original's deliberate discards; the others are
 * inputs on which the original raised (it logs the exception and writes nothing).
 */
type RejectionCode = FastpathRejectionCode;

interface ScoredRow {
  kind: 'row';
  row: FastpathRow;
  /** The parsed scores object (what `row.scores` serialises). */
  scores: Record<string, unknown>;
  fingerprintsVersion: string;
}

export interface Rejected {
  kind: 'rejected';
  code: RejectionCode;
  reason: string;
}

export type ScoreResult = ScoredRow | Rejected;
