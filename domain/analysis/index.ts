// The v5 web analysis (ooni-data.md §4.2, §5): pure; see docs/v5-data.md "Analysis".
export { analyseMeasurement } from './analyse-measurement.ts';
export { GroundTruth, type CtrlTruthInput, type WindowObsInput } from './ground-truth.ts';
export { dnsFingerprintIndex, type DnsFingerprintIndex } from './dns-fingerprints.ts';
export { RULES_VERSION } from './rules/version.ts';
