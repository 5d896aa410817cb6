// Body metadata rules of the 2026 FastAPI probe services (reference/ooni-ingest.md §3.3
// step 7), made slightly stricter where the value later reaches an S3 key: CC must be
// [A-Z]{2} and the test name [a-z0-9_] with at least 2 characters left without underscores.
import { reject, type SubmissionRejection } from './error-codes.ts';
import type { MeasurementContent } from './types.ts';

export interface ProbeMetadata {
  testName: string;
  probeCc: string;
  probeAsn: string;
}

export type MetadataCheck = { kind: 'metadata'; meta: ProbeMetadata; asn: number } | SubmissionRejection;

const CC = /^[A-Z]{2}$/;
const TEST_NAME_CHARS = /^[a-z0-9_]+$/;
const ASN_DIGITS = /^\d+$/;

export function extractMetadata(content: MeasurementContent): ProbeMetadata | SubmissionRejection {
  const { test_name: testName, probe_cc: probeCc, probe_asn: probeAsn } = content;
  if (typeof testName !== 'string' || typeof probeCc !== 'string' || typeof probeAsn !== 'string') {
    return reject('missing_metadata', 'content must have string test_name, probe_cc and probe_asn');
  }
  return { testName, probeCc, probeAsn };
}

function metadataErrors(m: ProbeMetadata): string[] {
  const errors: string[] = [];
  if (!CC.test(m.probeCc)) errors.push('bad_cc');
  if (m.testName.length < 2 || m.testName.length > 30) errors.push('tn_len');
  if (m.testName !== m.testName.toLowerCase()) errors.push('tn_no_lower');
  if (!TEST_NAME_CHARS.test(m.testName) || m.testName.replaceAll('_', '').length < 2) errors.push('tn_bad_chars');
  if (m.probeAsn.length < 3 || m.probeAsn.length > 12) errors.push('asn_len');
  if (!m.probeAsn.startsWith('AS')) errors.push('asn_no_as_prefix');
  else if (m.probeAsn !== 'AS0' && m.probeAsn.startsWith('AS0')) errors.push('asn_leading_zero');
  return errors;
}

export function checkMetadata(m: ProbeMetadata): MetadataCheck {
  const errors = metadataErrors(m);
  if (errors.length > 0) return reject('bad_metadata', `Errors: [ ${errors.join(', ')} ]`, errors);
  const digits = m.probeAsn.slice(2);
  if (!ASN_DIGITS.test(digits)) return reject('asn_invalid', `probe_asn ${JSON.stringify(m.probeAsn)} is not AS<integer>`);
  const asn = Number(digits);
  if (asn === 0) return reject('asn_0', 'Measurement discarded, ASN == 0');
  if (m.probeCc === 'ZZ') return reject('cc_zz', 'Measurement discarded, CC == ZZ');
  return { kind: 'metadata', meta: m, asn };
}
