import type { BodyMatcher } from './body-matcher.ts';

/** A fingerprint record as the original holds it: source key order, expected_countries a list. */
export type FingerprintRecord = Readonly<Record<string, unknown>>;

export interface Fingerprint {
  readonly name: string;
  readonly scope: string;
  readonly locationFound: string;
  readonly patternType: string;
  readonly pattern: string;
  readonly expectedCountries: readonly string[];
  /** All fields (appended for DNS matches). */
  readonly full: FingerprintRecord;
  /** name, scope, location_found, confidence_no_fp, expected_countries (minifp). */
  readonly mini: FingerprintRecord;
}

export interface Fingerprints {
  /** Short sha256 of the loaded content. */
  readonly version: string;
  readonly dns: readonly Fingerprint[];
  readonly http: readonly Fingerprint[];
  /** DNS fingerprints by pattern, in list order. */
  readonly dnsByPattern: ReadonlyMap<string, readonly Fingerprint[]>;
  /** HTTP fingerprints with location_found "body", in list order. */
  readonly body: readonly Fingerprint[];
  /** HTTP fingerprints whose location_found starts with "header.", in list order. */
  readonly headers: readonly Fingerprint[];
  readonly bodyMatcher: BodyMatcher;
}
