// Input and result of the measurement workflow: keys and small values only (claim check).
import type { IngestRejectionCode } from '../domain/ingest-rejection-codes.ts';
import type { SubmitterLocation } from '../domain/quality-flags.ts';

export interface MeasurementInput {
  uid: string;
  /** S3 key of the raw `.post` body */
  objectKey: string;
  /** ISO 8601 receive time */
  receivedAt: string;
  reportId: string;
  probeCc: string;
  /** with underscores, as in the body */
  testName: string;
  /** country and ASN of the submitting address by the API's IP database (never the address); absent when started by the sweeper */
  submitter?: SubmitterLocation;
}

export type MeasurementResult =
  | { status: 'scored'; anomaly: boolean; confirmed: boolean; failure: boolean; blockingType: string }
  | { status: 'rejected'; code: IngestRejectionCode; reason: string };
