// A reprocess request (day range, optional country and test), checked once for the operator API
// and the CLI, which only translate the problem into an HTTP 400 or a usage message.
import { archiveTestName } from './archive/bucket.ts';

export interface ReprocessRequest {
  startDay: unknown;
  endDay: unknown;
  probeCc?: unknown;
  testName?: unknown;
}

export type ReprocessProblem = 'invalid_day' | 'end_before_start' | 'invalid_probe_cc' | 'invalid_test_name';

/** The checked request: what the reprocess workflow starts from. */
export interface ReprocessRange {
  /** `YYYY-MM-DD`, both inclusive */
  startDay: string;
  endDay: string;
  probeCc?: string | undefined;
  /** as in archive keys: without underscores */
  testName?: string | undefined;
}

export type ReprocessRequestResult = { ok: true; input: ReprocessRange } | { ok: false; problem: ReprocessProblem };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (d: unknown): d is string => typeof d === 'string' && DAY.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

export function validateReprocessRequest(request: ReprocessRequest): ReprocessRequestResult {
  const { startDay, endDay, probeCc, testName: test } = request;
  if (!validDay(startDay) || !validDay(endDay)) return { ok: false, problem: 'invalid_day' };
  if (endDay < startDay) return { ok: false, problem: 'end_before_start' };
  if (probeCc !== undefined && (typeof probeCc !== 'string' || !/^[A-Z]{2}$/.test(probeCc))) return { ok: false, problem: 'invalid_probe_cc' };
  const testName = typeof test === 'string' ? archiveTestName(test) : undefined;
  if (test !== undefined && (testName === undefined || !/^[a-z0-9]{2,30}$/.test(testName))) return { ok: false, problem: 'invalid_test_name' };
  return { ok: true, input: { startDay, endDay, probeCc, testName } };
}
