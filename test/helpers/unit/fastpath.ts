// Shared test helpers: fixture paths and the fingerprint lists used by the golden outputs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadFingerprintsFromCsv, loadFingerprintsFromJson } from '../../../activities/fastpath/index.ts';
import type { Fingerprints } from '../../../activities/fastpath/index.ts';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/fastpath/', import.meta.url));
export const CSV_FIXTURES = fileURLToPath(new URL('../../fixtures/fingerprints/', import.meta.url));

export function readFixture(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}

let snapshot: Fingerprints | undefined;
/** The JSON snapshot the upstream unit tests (and the golden outputs) use. */
export function snapshotFingerprints(): Fingerprints {
  snapshot ??= loadFingerprintsFromJson({ dns: readFixture('fingerprints_dns.json'), http: readFixture('fingerprints_http.json') });
  return snapshot;
}

let canonical: Fingerprints | undefined;
/** The canonical CSV lists (ooni/blocking-fingerprints 171641e). */
export function csvFingerprints(): Fingerprints {
  canonical ??= loadFingerprintsFromCsv({
    dns: readFileSync(CSV_FIXTURES + 'fingerprints_dns.csv', 'utf8'),
    http: readFileSync(CSV_FIXTURES + 'fingerprints_http.csv', 'utf8'),
  });
  return canonical;
}
