// report_id: generation exactly as OONI's probe services do it, and the checks applied
// when a probe submits to /report/{report_id} (reference/ooni-ingest.md §2.1, §3.2).

export interface ReportIdParts {
  now: Date;
  testName: string;
  probeCc: string;
  probeAsn: number;
  collectorId: number | string;
  random: (n: number) => Uint8Array;
}

export type SubmittedReportIdCheck =
  { kind: 'ok'; cc: string; asn: number; testName: string } | { kind: 'discard'; reason: 'asn_0' | 'cc_zz' } | { kind: 'error'; message: string };

const TEST_NAME_PART = /^[A-Za-z0-9]{2,29}$/;
const ASN_DIGITS = /^\d+$/;
const LOOKUP_REPORT_ID = /^[A-Za-z0-9_]{15,100}$/;

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function formatReportIdTime(d: Date): string {
  const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** Base64 of 12 random bytes with `+` and `/` both replaced by `o`: 16 characters. */
export function reportIdRandomPart(random: (n: number) => Uint8Array): string {
  const bytes = random(12);
  if (bytes.length !== 12) throw new Error('random(12) must return 12 bytes');
  return Buffer.from(bytes).toString('base64').replace(/[+/]/g, 'o');
}

export function generateReportId(p: ReportIdParts): string {
  const testName = p.testName.replaceAll('_', '').toLowerCase();
  return [formatReportIdTime(p.now), testName, p.probeCc, String(p.probeAsn), `n${p.collectorId}`, reportIdRandomPart(p.random)].join('_');
}

/** CC as POST /report normalises it: upper-cased, `_` removed, `ZZ` unless 2 chars. */
export function normaliseProbeCc(raw: unknown): string {
  if (typeof raw !== 'string') return 'ZZ';
  const cc = raw.toUpperCase().replaceAll('_', '');
  return cc.length === 2 ? cc : 'ZZ';
}

/** ASN number as POST /report normalises it: "AS" + digits, 3–12 chars (32-bit ASNs), else 0. */
export function normaliseProbeAsn(raw: unknown): number {
  if (typeof raw !== 'string') return 0;
  const asn = raw.toUpperCase();
  if (asn.length > 12 || asn.length < 3 || !asn.startsWith('AS')) return 0;
  const digits = asn.slice(2);
  return ASN_DIGITS.test(digits) ? Number(digits) : 0;
}

export function normaliseTestName(raw: unknown): string {
  return typeof raw === 'string' ? raw.toLowerCase() : '';
}

/**
 * The submit-side check (Flask and FastAPI alike): 6 parts, CC part of length 2, test-name part
 * alphanumeric 2–29 chars, ASN part an integer. Timestamp, collector and random are not checked.
 * ASN 0 or CC ZZ means "discard silently".
 */
export function checkSubmittedReportId(reportId: string): SubmittedReportIdCheck {
  // Stricter than OONI on purpose: only the characters every era's ids use, so no separator,
  // control character or NUL (which PostgreSQL text refuses) gets past the check.
  if (!LOOKUP_REPORT_ID.test(reportId))
    return { kind: 'error', message: 'Incorrect format: report_id must be 15-100 letters, digits and underscores' };
  const parts = reportId.split('_');
  if (parts.length !== 6) return { kind: 'error', message: 'Incorrect format: report_id must have 6 parts' };
  const [, testName, cc, asnPart] = parts as [string, string, string, string, string, string];
  if (cc.length !== 2) return { kind: 'error', message: 'Incorrect format: bad CC in report_id' };
  if (!TEST_NAME_PART.test(testName)) return { kind: 'error', message: 'Incorrect format: bad test name in report_id' };
  if (!ASN_DIGITS.test(asnPart)) return { kind: 'error', message: 'Incorrect format: bad ASN in report_id' };
  const asn = Number(asnPart);
  if (asn === 0) return { kind: 'discard', reason: 'asn_0' };
  if (cc.toUpperCase() === 'ZZ') return { kind: 'discard', reason: 'cc_zz' };
  return { kind: 'ok', cc, asn, testName };
}

/** Read-side check (measurement lookup API): accepts every era's ids, rejects anything else. */
export function isValidReportIdForLookup(reportId: string): boolean {
  return LOOKUP_REPORT_ID.test(reportId);
}
