// Public API of the fastpath scoring core (pure: no I/O).
export { scoreMeasurement } from './score-measurement.ts';
export { FASTPATH_COLUMNS } from './types.ts';
export type { FastpathRow, ScoreResult } from './types.ts';
export { loadFingerprintsFromCsv, loadFingerprintsFromJson, extractExpectedCountries } from './fingerprints/load.ts';
export type { Fingerprint, Fingerprints } from './fingerprints/types.ts';
export { generateUid, isMeasurementUid } from './uid.ts';
export { SCORERS } from './scorers/index.ts';
