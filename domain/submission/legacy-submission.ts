// POST /report/{report_id} (probe-cli ≤ v3.29.1): `{"format":"json","content":{…}}`.
// The stored bytes are the decompressed request body exactly as received.
import { checkSubmittedReportId } from '../ids/report-id.ts';
import { reject } from './error-codes.ts';
import { envelopeFields } from './envelope.ts';
import { checkMetadata, extractMetadata, type ProbeMetadata } from './metadata-rules.ts';
import { parseJsonWrapper } from './json-wrapper.ts';
import { sha512Hex } from './sha512.ts';
import type { SubmissionLimits, SubmissionResult } from './types.ts';

export interface LegacySubmissionRequest {
  body: Uint8Array;
  contentEncoding: string | null | undefined;
  reportId: string;
}

function stripAsPrefix(asn: string): string {
  return asn.startsWith('AS') ? asn.slice(2) : asn;
}

/** §3.3 step 6: CC case-insensitive, ASN without "AS", test name without underscores (case-sensitive). */
function isConsistentWithReportId(meta: ProbeMetadata, rid: { cc: string; asnPart: string; testName: string }): boolean {
  return (
    meta.probeCc.toUpperCase() === rid.cc.toUpperCase() &&
    stripAsPrefix(meta.probeAsn) === rid.asnPart &&
    meta.testName.replaceAll('_', '') === rid.testName
  );
}

export function parseLegacySubmission(req: LegacySubmissionRequest, limits: SubmissionLimits): SubmissionResult {
  const rid = checkSubmittedReportId(req.reportId);
  if (rid.kind === 'error') return reject('invalid_report_id', rid.message);
  if (rid.kind === 'discard') return { kind: 'discard', reason: rid.reason };

  const wrapper = parseJsonWrapper(req.body, req.contentEncoding, limits);
  if (wrapper.kind !== 'wrapper') return wrapper;
  // a legacy upload is stored as received, so its content must already be an object
  if (!wrapper.post || wrapper.post.contentText !== null) return reject('invalid_content', 'Incorrect format: content must be an object');
  const content = wrapper.post.content;

  const meta = extractMetadata(content);
  if ('kind' in meta) return meta;
  const asnPart = req.reportId.split('_')[3]!;
  if (!isConsistentWithReportId(meta, { cc: rid.cc, asnPart, testName: rid.testName })) {
    return reject('inconsistent_measurement', 'Inconsistent measurement: report_id and body disagree on CC, ASN or test name');
  }
  const checked = checkMetadata(meta);
  if (checked.kind !== 'metadata') return checked;

  return {
    kind: 'accepted',
    protocol: 'legacy',
    storedBytes: wrapper.bytes,
    dedupeHash: sha512Hex(wrapper.bytes),
    content,
    reportId: req.reportId,
    probeCc: meta.probeCc,
    probeAsn: meta.probeAsn,
    probeAsnNumber: checked.asn,
    testName: meta.testName,
    // OONI takes CC and test name from the report_id "as written"; after the consistency and
    // metadata checks they equal the body's upper-case CC and underscore-free test name.
    uidTestName: rid.testName,
    uidCc: meta.probeCc,
    ...envelopeFields(content),
  };
}
