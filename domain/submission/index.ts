// Submission parsing, pure: raw request bytes in, a typed result out. The submit routes call
// parseSubmission; nothing here does I/O.
import { parseLegacySubmission } from './legacy-submission.ts';
import { parseSubmitMeasurement } from './submit-measurement.ts';
import type { ReportIdMinting, SubmissionLimits, SubmissionResult } from './types.ts';

export interface SubmissionRequest {
  body: Uint8Array;
  contentEncoding: string | null | undefined;
  /** The URL report_id for POST /report/{report_id}; absent for /api/v1/submit_measurement. */
  reportId?: string | undefined;
}

export type SubmissionOptions = SubmissionLimits & ReportIdMinting;

export function parseSubmission(req: SubmissionRequest, opts: SubmissionOptions): SubmissionResult {
  return req.reportId === undefined ? parseSubmitMeasurement(req, opts, opts) : parseLegacySubmission({ ...req, reportId: req.reportId }, opts);
}

export { SUBMISSION_ERROR_CODES } from './error-codes.ts';
export { decompressZstdCapped } from './decode-body.ts';
export type { AcceptedSubmission, MeasurementContent, SubmissionResult } from './types.ts';
