// Every reason an acknowledged measurement gets no fastpath row: the `code` of the measurement
// workflow's rejected result and of `faulty_measurements`. Codes are stable and listed here only.

type Registry = Record<string, { description: string }>;

/** The stored `.post` object (domain/stored-post.ts). */
const STORED_POST_CODES = {
  invalid_json: { description: 'stored body is not UTF-8 JSON' },
  not_an_object: { description: 'stored body, or the measurement in it, is not a JSON object' },
  bad_wrapper_format: { description: 'wrapper `format` is missing, not a string or not "json"' },
  yaml_not_supported: { description: 'wrapper `format` is "yaml" (OONI\'s old report format)' },
  bad_content: { description: '`content` is not a measurement object (or a string holding one)' },
} as const satisfies Registry;

/** Deep validation of the measurement (activities/measurement/stored-measurement.ts). */
const VALIDATION_CODES = {
  missing_field: { description: 'test_name, probe_cc, probe_asn, measurement_start_time or test_start_time is missing or not a string' },
  bad_time: { description: 'measurement_start_time or test_start_time is not "YYYY-MM-DD hh:mm:ss"' },
} as const satisfies Registry;

/** The fastpath core (activities/fastpath/): the original's discards, then inputs on which it raised. */
const FASTPATH_CODES = {
  empty_uid: { description: 'empty measurement_uid' },
  discarded_no_report_id: { description: 'report_id is null (discarded by the original fastpath)' },
  discarded_probe_cc_zz: { description: 'probe_cc is ZZ (discarded by the original fastpath)' },
  discarded_probe_asn_0: { description: 'probe_asn is AS0 (discarded by the original fastpath)' },
  scoring_error: { description: 'the scorer of the test raised on this measurement' },
  bad_field: { description: 'a field the row needs has the wrong type or form' },
} as const satisfies Registry;

export const INGEST_REJECTION_CODES = { ...STORED_POST_CODES, ...VALIDATION_CODES, ...FASTPATH_CODES } as const satisfies Registry;

/** The codes the fastpath scorer itself returns: its own, and the wrapper rules it shares with the stored object. */
export type FastpathRejectionCode = keyof typeof FASTPATH_CODES | 'not_an_object' | 'bad_wrapper_format' | 'yaml_not_supported';

export type IngestRejectionCode = keyof typeof INGEST_REJECTION_CODES;

/** Why a measurement got no row: a registered code and a human reason. */
export interface IngestRejection {
  ok: false;
  code: IngestRejectionCode;
  reason: string;
}

export function isIngestRejectionCode(code: string): code is IngestRejectionCode {
  return Object.hasOwn(INGEST_REJECTION_CODES, code);
}
