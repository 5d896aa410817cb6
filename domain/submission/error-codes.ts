// Every way a submission can be refused, with its HTTP status. Routes throw
// ApiError (api/errors.ts) through the API registry api/error-codes.ts; listed in docs/errors.md.

export type SubmissionRejectStatus = 400 | 413 | 415 | 422;

export const SUBMISSION_ERROR_CODES = {
  invalid_report_id: { status: 400, description: 'URL report_id is not <ts>_<testname>_<CC>_<asn>_n<collector>_<random> (OONI "Incorrect format")' },
  unsupported_encoding: { status: 415, description: 'Content-Encoding other than zstd or identity' },
  body_too_large: { status: 413, description: 'request body, or its zstd-decompressed form, exceeds the configured cap' },
  invalid_zstd: { status: 400, description: 'Content-Encoding: zstd but the body is not a valid zstd stream' },
  invalid_json: { status: 400, description: 'body is not UTF-8 JSON' },
  not_a_json_object: { status: 400, description: 'body JSON is not an object' },
  unsupported_format: { status: 400, description: 'body "format" is not "json"' },
  invalid_content: { status: 400, description: '"content" is not an object (or, for submit_measurement, a string holding a JSON object)' },
  missing_metadata: { status: 422, description: 'content lacks test_name, probe_cc or probe_asn as strings' },
  inconsistent_measurement: { status: 400, description: 'report_id CC/ASN/test name differ from the body (OONI "Inconsistent measurement")' },
  bad_metadata: {
    status: 400,
    description: 'body metadata rules failed; details lists bad_cc, tn_len, tn_no_lower, tn_bad_chars, asn_len, asn_no_as_prefix, asn_leading_zero',
  },
  asn_invalid: { status: 400, description: 'probe_asn digits are not an integer' },
  asn_0: { status: 400, description: 'submit_measurement with probe_asn AS0: measurement discarded' },
  cc_zz: { status: 400, description: 'submit_measurement with probe_cc ZZ: measurement discarded' },
} as const satisfies Record<string, { status: SubmissionRejectStatus; description: string }>;

export type SubmissionErrorCode = keyof typeof SUBMISSION_ERROR_CODES;

export interface SubmissionRejection {
  kind: 'rejected';
  status: SubmissionRejectStatus;
  code: SubmissionErrorCode;
  message: string;
  /** Sub-codes, for bad_metadata. */
  details?: string[];
}

export function reject(code: SubmissionErrorCode, message: string, details?: string[]): SubmissionRejection {
  const r: SubmissionRejection = { kind: 'rejected', status: SUBMISSION_ERROR_CODES[code].status, code, message };
  if (details) r.details = details;
  return r;
}
