// The v5 web analysis (ooni-data.md §4.2, §5): pure; see docs/v5-data.md "Analysis".
export { analyseMeasurement } from './analyse-measurement.ts';
export { GroundTruth } from './ground-truth.ts';
export { dnsFingerprintIndex } from './dns-fingerprints.ts';
export { RULES_VERSION } from './rules/version.ts';
