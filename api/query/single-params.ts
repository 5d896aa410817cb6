// measurement_uid / report_id / input parameters of raw_measurement and measurement_meta.
import type { MetaKey } from './meta-lookup.ts';
import { ApiError } from '../errors.ts';
import { REPORT_ID_PATTERN, invalid, measurementUid, minLength } from './params.ts';

export function parseMetaKey(q: Record<string, string>, missingMessage: string): MetaKey {
  const uid = measurementUid('measurement_uid', minLength('measurement_uid', q.measurement_uid, 3));
  const reportId = minLength('report_id', q.report_id, 3);
  const input = minLength('input', q.input, 3);
  if (uid) return { uid };
  if (!reportId) throw new ApiError('missing_parameter', missingMessage);
  if (!REPORT_ID_PATTERN.test(reportId)) throw invalid('report_id', 'Invalid report_id field');
  return input === undefined ? { reportId } : { reportId, input };
}
