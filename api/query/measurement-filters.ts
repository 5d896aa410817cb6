// GET /api/v1/measurements parameters (newer OONI service semantics) → a validated filter.
import { z } from 'zod';
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
  parseQuery,
  queryParam,
  REPORT_ID_PATTERN,
  reportIdParam,
  runLinkIdList,
  testNameList,
  versionList,
} from './params.ts';

const MAX_LIST_LIMIT = 1_000_000;
const MAX_RANGE_DAYS = 180;
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
  ooniRunLinkIds?: number[];
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

const list = (what: string) => z.string().describe(`comma-separated list of ${what}`);
const date = z.string().describe('YYYY-MM-DD or ISO 8601 datetime (naive = UTC)');

/** The /api/v1/measurements query: the route parses with it and /openapi.json documents it (fields in check order). */
export const measurementsQuery = z.object({
  order_by: queryParam(z.enum(['measurement_start_time']), (raw = 'measurement_start_time') => {
    if (raw !== 'measurement_start_time') throw invalid('order_by', 'only measurement_start_time is supported');
    return raw;
  }),
  order: queryParam(z.enum(['asc', 'desc']), (raw = 'desc') => {
    const order = raw.toLowerCase();
    if (order !== 'asc' && order !== 'desc') throw new ApiError('invalid_order', 'Invalid order parameter');
    return order;
  }),
  report_id: queryParam(z.string().regex(REPORT_ID_PATTERN), (raw) => reportIdParam('report_id', minLength('report_id', raw, 3))),
  input: queryParam(z.string().min(3), (raw) => minLength('input', raw, 3)),
  // as in OONI: an input makes domain and category_code irrelevant (so domain is checked only without one)
  domain: queryParam(list('domains'), (raw) => raw),
  category_code: queryParam(z.string(), (raw) => raw || undefined),
  probe_cc: queryParam(
    z
      .string()
      .regex(/^[A-Za-z]{2}(,[A-Za-z]{2})*$/)
      .describe('comma-separated list of two-letter country codes'),
    (raw) => ccList('probe_cc', raw),
  ),
  probe_asn: queryParam(list('ASNs, AS1234 or 1234'), (raw) => asnList('probe_asn', raw)),
  test_name: queryParam(
    z
      .string()
      .regex(/^[A-Za-z0-9_]+(,[A-Za-z0-9_]+)*$/)
      .describe('comma-separated list of test names'),
    (raw) => testNameList('test_name', raw),
  ),
  since: queryParam(date.optional().describe('exclusive; default until − 30 days'), (raw) => parseDateTime('since', raw)),
  until: queryParam(date.optional().describe('inclusive; default start of tomorrow'), (raw) => parseDateTime('until', raw)),
  anomaly: queryParam(z.boolean(), (raw) => parseBool('anomaly', raw)),
  confirmed: queryParam(z.boolean(), (raw) => parseBool('confirmed', raw)),
  failure: queryParam(z.boolean(), (raw) => parseBool('failure', raw)),
  software_version: queryParam(list('versions'), versionList),
  test_version: queryParam(list('versions'), versionList),
  engine_version: queryParam(list('versions'), versionList),
  offset: queryParam(z.int().min(0), (raw) => parseIntParam('offset', raw, 0, 0, Number.MAX_SAFE_INTEGER)),
  limit: queryParam(z.int().min(1).max(MAX_LIST_LIMIT), (raw) => parseIntParam('limit', raw, 100, 1, MAX_LIST_LIMIT)),
  ooni_run_link_id: queryParam(list('OONI Run link ids'), (raw) => runLinkIdList('ooni_run_link_id', raw)),
});

export function parseMeasurementFilter(q: Record<string, string>, now: Date): MeasurementFilter {
  const p = parseQuery(measurementsQuery, q);
  const f: MeasurementFilter = {
    reportId: p.report_id,
    input: p.input,
    domains: p.input ? undefined : commaList(minLength('domain', p.domain, 3)),
    categoryCode: p.input ? undefined : p.category_code,
    probeCcs: p.probe_cc,
    probeAsns: p.probe_asn,
    testNames: p.test_name,
    since: p.since,
    until: p.until,
    anomaly: p.anomaly,
    confirmed: p.confirmed,
    failure: p.failure,
    softwareVersions: p.software_version,
    testVersions: p.test_version,
    engineVersions: p.engine_version,
    ooniRunLinkIds: p.ooni_run_link_id,
    order: p.order,
    offset: p.offset,
    limit: p.limit,
  };
  if (!f.reportId) {
    f.until ??= new Date(`${addDays(dayOf(now), 1)}T00:00:00Z`);
    f.since ??= new Date(f.until.getTime() - 30 * DAY_MS);
  }
  if (f.since && f.until) {
    const days = Math.floor((f.until.getTime() - f.since.getTime()) / DAY_MS);
    if (days > MAX_RANGE_DAYS) {
      throw new ApiError('time_range_too_large', `Time range must not exceed 6 months. Requested: ${days} days (limit: ${MAX_RANGE_DAYS} days).`);
    }
  }
  return f;
}
