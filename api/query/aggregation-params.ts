// GET /api/v1/aggregation parameters and the time-grain rules.
import { z } from 'zod';
import { addDays, dayOf } from './format.ts';
import { ApiError } from '../errors.ts';
import { asnList, commaList, invalid, minLength, parseBool, parseDay, parseQuery, queryParam, runLinkIdList } from './params.ts';

const AXES = ['measurement_start_day', 'probe_cc', 'probe_asn', 'test_name', 'domain', 'input', 'category_code', 'blocking_type'] as const;
export type Axis = (typeof AXES)[number];
const GRAINS = ['hour', 'day', 'week', 'month', 'year', 'auto'] as const;
type Grain = Exclude<(typeof GRAINS)[number], 'auto'>;

export interface AggregationQuery {
  axes: Axis[];
  since: string;
  until: string;
  grain: Grain;
  probeCcs?: string[];
  probeAsns?: number[];
  testNames?: string[];
  domains?: string[];
  input?: string;
  categoryCode?: string;
  ooniRunLinkIds?: number[];
  format: 'JSON' | 'CSV';
  download: boolean;
}

const DEFAULT_RANGE_DAYS = 180;
// letters, digits, space and :/.[]-_%+(){}=?#&!,$ ; non-ASCII passes (IDN URLs)
const INPUT_FORBIDDEN = /[\x00-\x1f\x7f"'*;<>@\\^`|~]/;

function parseAxis(name: string, raw: string | undefined): Axis | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[a-z_]+$/.test(raw)) throw invalid(name, 'Invalid characters');
  if (!(AXES as readonly string[]).includes(raw)) throw new ApiError('invalid_axis', `Invalid axis name: ${raw}`);
  return raw as Axis;
}

/** Which grains a time range allows (OONI's table), and what `auto` means. */
function allowedGrains(days: number): { allowed: Grain[]; auto: Grain } {
  if (days <= 7) return { allowed: ['hour', 'day'], auto: 'hour' };
  if (days <= 30) return { allowed: ['day', 'week'], auto: 'day' };
  if (days <= 365) return { allowed: ['day', 'week', 'month'], auto: 'day' };
  return { allowed: ['day', 'week', 'month', 'year'], auto: 'day' };
}

const list = (what: string) => z.string().describe(`comma-separated list of ${what}`);

/** The /api/v1/aggregation query: the route parses with it and /openapi.json documents it (fields in check order). */
export const aggregationQuery = z.object({
  axis_x: queryParam(z.enum(AXES), (raw) => parseAxis('axis_x', raw)),
  axis_y: queryParam(z.enum(AXES), (raw) => parseAxis('axis_y', raw)),
  time_grain: queryParam(z.enum(GRAINS), (raw = 'auto') => {
    const grain = raw.toLowerCase();
    if (!(GRAINS as readonly string[]).includes(grain)) throw invalid('time_grain', `must be one of ${GRAINS.join(', ')}`);
    return grain as (typeof GRAINS)[number];
  }),
  until: queryParam(z.iso.date().optional().describe('exclusive; default tomorrow'), (raw) => parseDay('until', raw)),
  since: queryParam(z.iso.date().optional().describe('inclusive; default today − 180 days'), (raw) => parseDay('since', raw)),
  probe_cc: queryParam(list('country codes'), (raw) => {
    const probeCcs = commaList(raw);
    if (probeCcs?.some((cc) => !/^[A-Z]{2}$/.test(cc))) throw invalid('probe_cc', 'Invalid CC value in parameter probe_cc');
    return probeCcs;
  }),
  test_name: queryParam(list('test names'), (raw) => {
    if (raw !== undefined && !/^[a-z0-9_,]+$/.test(raw)) throw invalid('test_name', 'Invalid characters');
    return commaList(raw);
  }),
  input: queryParam(z.string().min(3), (raw) => {
    const input = minLength('input', raw, 3);
    if (input !== undefined && INPUT_FORBIDDEN.test(input)) throw invalid('input', 'Invalid characters in input field');
    return input;
  }),
  domain: queryParam(list('domains'), (raw) => {
    const domains = commaList(minLength('domain', raw, 3));
    if (domains?.some((d) => !/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.:_-]+)(:\d{1,5})?$/.test(d))) {
      throw invalid('domain', 'Invalid characters in domain field');
    }
    return domains;
  }),
  category_code: queryParam(z.string().regex(/^[A-Z]+$/), (raw) => {
    const categoryCode = raw || undefined;
    if (categoryCode !== undefined && !/^[A-Z]+$/.test(categoryCode)) throw invalid('category_code', 'Invalid characters');
    return categoryCode;
  }),
  ooni_run_link_id: queryParam(list('OONI Run link ids'), (raw) => runLinkIdList('ooni_run_link_id', raw)),
  format: queryParam(z.enum(['JSON', 'CSV']), (raw = 'JSON') => {
    const format = raw.toUpperCase();
    if (format !== 'JSON' && format !== 'CSV') throw invalid('format', 'must be JSON or CSV');
    return format;
  }),
  probe_asn: queryParam(list('ASNs'), (raw) => asnList('probe_asn', raw)),
  download: queryParam(z.boolean(), (raw) => parseBool('download', raw) ?? false),
});

export function parseAggregationQuery(q: Record<string, string>, now: Date): AggregationQuery {
  const p = parseQuery(aggregationQuery, q);
  const x = p.axis_x;
  const y = p.axis_y;
  if (x && y && x === y) throw new ApiError('axes_equal', 'Axis X and Y cannot be the same');
  const axes = [x, y].filter((a): a is Axis => a !== undefined);
  const until = p.until ?? addDays(dayOf(now), 1);
  const since = p.since ?? addDays(dayOf(now), -DEFAULT_RANGE_DAYS);

  let grain: Grain = 'day';
  if (axes.includes('measurement_start_day')) {
    if (!(until > since)) throw new ApiError('invalid_time_range', 'Invalid since and until values');
    const days = (Date.parse(until) - Date.parse(since)) / 86_400_000;
    const { allowed, auto } = allowedGrains(days);
    if (p.time_grain === 'auto') grain = auto;
    else if ((allowed as string[]).includes(p.time_grain)) grain = p.time_grain;
    else {
      throw new ApiError('invalid_time_grain', `Choose time_grain between ${[...allowed, 'auto'].join(', ')} for the given time range`);
    }
  }

  return {
    axes,
    since,
    until,
    grain,
    probeCcs: p.probe_cc,
    probeAsns: p.probe_asn,
    testNames: p.test_name,
    domains: p.domain,
    input: p.input,
    categoryCode: p.category_code,
    ooniRunLinkIds: p.ooni_run_link_id,
    format: p.format,
    download: p.download,
  };
}
