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
  /** `headers` indexed by header name, ordered by each name's first `prefix` fingerprint. */
  readonly headerGroups: readonly HeaderGroup[];
  readonly bodyMatcher: BodyMatcher;
}

/** The header fingerprints (indices into `Fingerprints.headers`) of one lower-case header name. */
export interface HeaderGroup {
  readonly name: string;
  /** `full` patterns → indices, ascending. */
  readonly full: ReadonlyMap<string, readonly number[]>;
  /** Index of the first `prefix` fingerprint (Infinity if none). */
  readonly firstPrefix: number;
  /** Length of the shortest `prefix` pattern: every prefix pattern's head of that length… */
  readonly headLength: number;
  /** …→ the indices of the `prefix` fingerprints with that head, ascending. */
  readonly prefixByHead: ReadonlyMap<string, readonly number[]>;
}
