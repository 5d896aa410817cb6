// GET /api/v1/aggregation parameters and the time-grain rules.
import { addDays, dayOf } from './format.ts';
import { ApiError } from '../errors.ts';
import { asnList, commaList, invalid, minLength, parseBool, parseDay } from './params.ts';

export const AXES = ['measurement_start_day', 'probe_cc', 'probe_asn', 'test_name', 'domain', 'input', 'category_code', 'blocking_type'] as const;
export type Axis = (typeof AXES)[number];
export const GRAINS = ['hour', 'day', 'week', 'month', 'year', 'auto'] as const;
export type Grain = Exclude<(typeof GRAINS)[number], 'auto'>;

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
export function allowedGrains(days: number): { allowed: Grain[]; auto: Grain } {
  if (days <= 7) return { allowed: ['hour', 'day'], auto: 'hour' };
  if (days <= 30) return { allowed: ['day', 'week'], auto: 'day' };
  if (days <= 365) return { allowed: ['day', 'week', 'month'], auto: 'day' };
  return { allowed: ['day', 'week', 'month', 'year'], auto: 'day' };
}

export function parseAggregationQuery(q: Record<string, string>, now: Date): AggregationQuery {
  const x = parseAxis('axis_x', q.axis_x);
  const y = parseAxis('axis_y', q.axis_y);
  if (x && y && x === y) throw new ApiError('axes_equal', 'Axis X and Y cannot be the same');
  const axes = [x, y].filter((a): a is Axis => a !== undefined);

  const grainRaw = (q.time_grain ?? 'auto').toLowerCase();
  if (!(GRAINS as readonly string[]).includes(grainRaw)) throw invalid('time_grain', `must be one of ${GRAINS.join(', ')}`);
  const until = parseDay('until', q.until) ?? addDays(dayOf(now), 1);
  const since = parseDay('since', q.since) ?? addDays(dayOf(now), -DEFAULT_RANGE_DAYS);

  let grain: Grain = 'day';
  if (axes.includes('measurement_start_day')) {
    if (!(until > since)) throw new ApiError('invalid_time_range', 'Invalid since and until values');
    const days = (Date.parse(until) - Date.parse(since)) / 86_400_000;
    const { allowed, auto } = allowedGrains(days);
    if (grainRaw === 'auto') grain = auto;
    else if ((allowed as string[]).includes(grainRaw)) grain = grainRaw as Grain;
    else {
      throw new ApiError('invalid_time_grain', `Choose time_grain between ${[...allowed, 'auto'].join(', ')} for the given time range`);
    }
  }

  const probeCcs = commaList(q.probe_cc);
  if (probeCcs?.some((cc) => !/^[A-Z]{2}$/.test(cc))) throw invalid('probe_cc', 'Invalid CC value in parameter probe_cc');
  const testNames = commaList(q.test_name);
  if (q.test_name !== undefined && !/^[a-z0-9_,]+$/.test(q.test_name)) throw invalid('test_name', 'Invalid characters');
  const input = minLength('input', q.input, 3);
  if (input !== undefined && INPUT_FORBIDDEN.test(input)) throw invalid('input', 'Invalid characters in input field');
  const domains = commaList(minLength('domain', q.domain, 3));
  if (domains?.some((d) => !/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.:_-]+)(:\d{1,5})?$/.test(d))) {
    throw invalid('domain', 'Invalid characters in domain field');
  }
  const categoryCode = q.category_code || undefined;
  if (categoryCode !== undefined && !/^[A-Z]+$/.test(categoryCode)) throw invalid('category_code', 'Invalid characters');
  const ooniRunLinkIds = commaList(q.ooni_run_link_id)?.map((v) => {
    if (!/^\d{1,18}$/.test(v)) throw invalid('ooni_run_link_id', 'must be a comma list of integers');
    return Number(v);
  });
  const format = (q.format ?? 'JSON').toUpperCase();
  if (format !== 'JSON' && format !== 'CSV') throw invalid('format', 'must be JSON or CSV');

  return {
    axes,
    since,
    until,
    grain,
    probeCcs,
    probeAsns: asnList('probe_asn', q.probe_asn),
    testNames,
    domains,
    input,
    categoryCode,
    ooniRunLinkIds,
    format,
    download: parseBool('download', q.download) ?? false,
  };
}
