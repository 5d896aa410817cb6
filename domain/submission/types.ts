import type { SubmissionRejection } from './error-codes.ts';

export interface SubmissionLimits {
  /** Cap on the request body as received (compressed or not). */
  maxBodyBytes: number;
  /** Cap on the body after zstd decompression; a bomb is refused as soon as output passes it. */
  maxDecompressedBytes: number;
}

/** What submit_measurement needs to mint a fresh report_id. */
export interface ReportIdMinting {
  now: Date;
  random: (n: number) => Uint8Array;
  collectorId: number | string;
}

export type MeasurementContent = Record<string, unknown>;

export interface AcceptedSubmission {
  kind: 'accepted';
  protocol: 'legacy' | 'submit_measurement';
  /** Bytes to archive as the `.post` body; the measurement_uid hash is computed over these. */
  storedBytes: Uint8Array;
  /** Hex SHA-512 identifying the upload itself, so a retried identical upload is recognised. */
  dedupeHash: string;
  content: MeasurementContent;
  reportId: string;
  probeCc: string;
  /** "AS<n>" as in the body. */
  probeAsn: string;
  probeAsnNumber: number;
  /** Body test_name, underscores kept. */
  testName: string;
  /** Test name as it goes into the measurement_uid: underscores removed, [a-z0-9]{2,30}. */
  uidTestName: string;
  /** CC as it goes into the measurement_uid: [A-Z]{2}. */
  uidCc: string;
  input: string | null;
  measurementStartTime: string | null;
  testStartTime: string | null;
  softwareName: string | null;
  softwareVersion: string | null;
  platform: string | null;
}

/** Legacy report_id with ASN 0 or CC ZZ: answer 200 `{}` and store nothing (OONI behaviour). */
interface DiscardedSubmission {
  kind: 'discard';
  reason: 'asn_0' | 'cc_zz';
}

export type SubmissionResult = AcceptedSubmission | DiscardedSubmission | SubmissionRejection;
