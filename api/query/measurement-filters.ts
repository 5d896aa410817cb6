// GET /api/v1/measurements parameters (newer OONI service semantics) → a validated filter.
import { addDays, dayOf } from './format.ts';
import { ApiError } from '../errors.ts';
import {
  asnList,
  ccList,
  commaList,
  invalid,
  minLength,
  parseBool,
  parseDateTime,
  parseIntParam,
  reportIdParam,
  testNameList,
  versionList,
} from './params.ts';

export const MAX_LIST_LIMIT = 1_000_000;
export const MAX_RANGE_DAYS = 180;
const DAY_MS = 86_400_000;

export interface MeasurementFilter {
  reportId?: string;
  input?: string;
  domains?: string[];
  probeCcs?: string[];
  probeAsns?: number[];
  testNames?: string[];
  categoryCode?: string;
  since?: Date;
  until?: Date;
  anomaly?: boolean;
  confirmed?: boolean;
  failure?: boolean;
  softwareVersions?: string[];
  testVersions?: string[];
  engineVersions?: string[];
  ooniRunLinkId?: string;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export function parseMeasurementFilter(q: Record<string, string>, now: Date): MeasurementFilter {
  const orderBy = q.order_by ?? 'measurement_start_time';
  if (orderBy !== 'measurement_start_time') throw invalid('order_by', 'only measurement_start_time is supported');
  const order = (q.order ?? 'desc').toLowerCase();
  if (order !== 'asc' && order !== 'desc') throw new ApiError('invalid_order', 'Invalid order parameter');
  const reportId = reportIdParam('report_id', minLength('report_id', q.report_id, 3));
  const input = minLength('input', q.input, 3);
  const f: MeasurementFilter = {
    reportId,
    input,
    // as in OONI: an input makes domain and category_code irrelevant
    domains: input ? undefined : commaList(minLength('domain', q.domain, 3)),
    categoryCode: input ? undefined : q.category_code || undefined,
    probeCcs: ccList('probe_cc', q.probe_cc),
    probeAsns: asnList('probe_asn', q.probe_asn),
    testNames: testNameList('test_name', q.test_name),
    since: parseDateTime('since', q.since),
    until: parseDateTime('until', q.until),
    anomaly: parseBool('anomaly', q.anomaly),
    confirmed: parseBool('confirmed', q.confirmed),
    failure: parseBool('failure', q.failure),
    softwareVersions: versionList(q.software_version),
    testVersions: versionList(q.test_version),
    engineVersions: versionList(q.engine_version),
    ooniRunLinkId: q.ooni_run_link_id || undefined,
    order,
    offset: parseIntParam('offset', q.offset, 0, 0, Number.MAX_SAFE_INTEGER),
    limit: parseIntParam('limit', q.limit, 100, 1, MAX_LIST_LIMIT),
  };
  if (f.ooniRunLinkId !== undefined && !/^\d{1,19}$/.test(f.ooniRunLinkId)) throw invalid('ooni_run_link_id', 'must be an integer');
  if (!f.reportId) {
    f.until ??= new Date(`${addDays(dayOf(now), 1)}T00:00:00Z`);
    f.since ??= new Date(f.until.getTime() - 30 * DAY_MS);
  }
  if (f.since && f.until) {
    const days = Math.floor((f.until.getTime() - f.since.getTime()) / DAY_MS);
    if (days > MAX_RANGE_DAYS) {
      throw new ApiError('time_range_too_large', `Time range must not exceed 6 months. Requested: ${days} days (limit: ${MAX_RANGE_DAYS} days).`,
      );
    }
  }
  return f;
}
