// Public API of the fastpath scoring core (pure: no I/O).
export { scoreMeasurement } from './score-measurement.ts';
export type { ScoreOptions } from './score-measurement.ts';
export { FASTPATH_COLUMNS } from './types.ts';
export type { FastpathRow, Rejected, RejectionCode, ScoredRow, ScoreResult } from './types.ts';
export { loadFingerprintsFromCsv, loadFingerprintsFromJson, extractExpectedCountries } from './fingerprints/load.ts';
export type { FingerprintTexts } from './fingerprints/load.ts';
export type { Fingerprint, Fingerprints } from './fingerprints/types.ts';
export { generateUid, isMeasurementUid, uidReceiveTime } from './uid.ts';
export { SCORERS } from './scorers/index.ts';

import { loadFingerprintsFromCsv } from './fingerprints/load.ts';
import type { FingerprintTexts } from './fingerprints/load.ts';
import type { Fingerprints } from './fingerprints/types.ts';

/** The shipped default list (fingerprints/*.csv) from its file texts. */
export function loadDefaultFingerprints(texts: FingerprintTexts): Fingerprints {
  return loadFingerprintsFromCsv(texts);
}
