// POST /api/v1/submit_measurement (probe-cli ≥ v3.30): `content` is a JSON string (an object
// is accepted too). A fresh report_id is minted and written into the content; the stored
// wrapper is `{"format":"json","content":{…}}`, serialised compactly.
import { generateReportId } from '../ids/report-id.ts';
import { encodeStoredPost } from '../stored-post.ts';
import { reject } from './error-codes.ts';
import { parseJsonWrapper } from './json-wrapper.ts';
import { envelopeFields } from './envelope.ts';
import { checkMetadata, extractMetadata } from './metadata-rules.ts';
import { sha512Hex } from './sha512.ts';
import type { MeasurementContent, ReportIdMinting, SubmissionLimits, SubmissionResult } from './types.ts';

export interface SubmitMeasurementRequest {
  body: Uint8Array;
  contentEncoding: string | null | undefined;
}

export function parseSubmitMeasurement(req: SubmitMeasurementRequest, limits: SubmissionLimits, minting: ReportIdMinting): SubmissionResult {
  const wrapper = parseJsonWrapper(req.body, req.contentEncoding, limits);
  if (wrapper.kind !== 'wrapper') return wrapper;
  if (!wrapper.post) return reject('invalid_content', 'content must be a JSON object or a string holding one');
  const found = { content: wrapper.post.content, canonical: wrapper.post.contentText ?? JSON.stringify(wrapper.post.content) };

  const meta = extractMetadata(found.content);
  if ('kind' in meta) return meta;
  const checked = checkMetadata(meta);
  if (checked.kind !== 'metadata') return checked;

  const reportId = generateReportId({
    now: minting.now,
    testName: meta.testName,
    probeCc: meta.probeCc,
    probeAsn: checked.asn,
    collectorId: minting.collectorId,
    random: minting.random,
  });
  const content: MeasurementContent = { ...found.content, report_id: reportId };
  const storedBytes = encodeStoredPost(content);

  return {
    kind: 'accepted',
    protocol: 'submit_measurement',
    storedBytes,
    dedupeHash: sha512Hex(found.canonical),
    content,
    reportId,
    probeCc: meta.probeCc,
    probeAsn: meta.probeAsn,
    probeAsnNumber: checked.asn,
    testName: meta.testName,
    uidTestName: meta.testName.replaceAll('_', ''),
    uidCc: meta.probeCc,
    ...envelopeFields(content),
  };
}
