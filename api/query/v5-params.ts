// Parameters shared by the v5 routes (observations, analysis, their aggregations, changepoints):
// every bad value is a 400 `invalid_parameter` naming the parameter (upstream: 422, or a 500 for a
// non-numeric ASN). Lists come as repeated keys (FastAPI style) or comma lists; an empty value is absent.
import { isIP } from 'node:net';
import { z } from 'zod';
import { isCountryCode } from '../../domain/ids/country-code.ts';
import { ApiError } from '../errors.ts';
import { commaList, parseAsn, parseDateTime, queryParam, REPORT_ID_PATTERN } from './params.ts';

export const bad = (name: string, why: string) => new ApiError('invalid_parameter', `${name}: ${why}`, { status: 400 });

/** The query of a request as the v5 schemas read it: repeated keys joined by commas, empty values dropped. */
export function v5Query(queries: Record<string, string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, values] of Object.entries(queries)) {
    const joined = values.filter((v) => v !== '').join(',');
    if (joined !== '') out[key] = joined;
  }
  return out;
}

/** Re-throws a shared parser's 422 as this family's 400. */
function as400<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ApiError && e.code === 'invalid_parameter') throw new ApiError('invalid_parameter', e.message, { status: 400 });
    throw e;
  }
}

const pattern = (name: string, re: RegExp, what: string) => (raw: string | undefined) => {
  if (raw !== undefined && !re.test(raw)) throw bad(name, `not ${what}: ${JSON.stringify(raw)}`);
  return raw;
};

const TEST_NAME = /^[a-z0-9_]{1,64}$/;
const UID = /^[A-Za-z0-9._-]{3,100}$/;
const VERSION = /^[A-Za-z0-9._+~-]{1,64}$/;
const NAME = /^[A-Za-z0-9._-]{1,64}$/;
const HOSTNAME = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.:_-]{1,253})$/;
const RUN_LINK_ID = /^[A-Za-z0-9_-]{1,64}$/;
// any printable text: the value is a bound parameter, the bound keeps indexes usable
const INPUT = /^[^\x00-\x1f\x7f]{1,2048}$/;

export const ccParam = queryParam(
  z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .describe('two-letter country code'),
  (raw) => {
    if (raw === undefined) return undefined;
    if (!isCountryCode(raw)) throw bad('probe_cc', `not a two-letter country code: ${JSON.stringify(raw)}`);
    return raw.toUpperCase();
  },
);

export const asnParam = (name = 'probe_asn') =>
  queryParam(
    z
      .string()
      .regex(/^([Aa][Ss])?\d{1,10}$/)
      .describe('AS1234 or 1234 (0 is AS0)'),
    (raw) => (raw === undefined ? undefined : as400(() => parseAsn(name, raw))),
  );

export const dateParam = (name: string, description: string) =>
  queryParam(z.string().describe(`YYYY-MM-DD or ISO 8601 datetime (naive = UTC); ${description}`), (raw) => as400(() => parseDateTime(name, raw)));

export const testNameParam = queryParam(z.string().regex(TEST_NAME), pattern('test_name', TEST_NAME, 'a test name'));
export const uidParam = queryParam(z.string().regex(UID), pattern('measurement_uid', UID, 'a measurement uid'));
export const reportIdParam = queryParam(z.string().regex(REPORT_ID_PATTERN), pattern('report_id', REPORT_ID_PATTERN, 'a report id'));
export const versionParam = (name: string) => queryParam(z.string().regex(VERSION), pattern(name, VERSION, 'a version'));
export const nameParam = (name: string) => queryParam(z.string().regex(NAME), pattern(name, NAME, 'a name'));
export const runLinkParam = queryParam(z.string().regex(RUN_LINK_ID), pattern('ooni_run_link_id', RUN_LINK_ID, 'an OONI Run link id'));
export const domainParam = (name: string) => queryParam(z.string().regex(HOSTNAME), pattern(name, HOSTNAME, 'a host name'));
export const inputParam = queryParam(z.string().regex(INPUT), pattern('input', INPUT, 'printable text of 1-2048 characters'));

export function intParam(name: string, dflt: number, min: number, max: number) {
  return queryParam(z.int().min(min).max(max).describe(`default ${dflt}`), (raw) => {
    if (raw === undefined) return dflt;
    if (!/^-?\d{1,16}$/.test(raw)) throw bad(name, 'must be an integer');
    const n = Number(raw);
    if (n < min || n > max) throw bad(name, `must be between ${min} and ${max}`);
    return n;
  });
}

export const enumParam = <const T extends readonly [string, ...string[]]>(name: string, values: T, dflt?: T[number]) =>
  queryParam(z.enum(values), (raw): T[number] | undefined => {
    if (raw === undefined) return dflt;
    if (!values.includes(raw)) throw bad(name, `must be one of ${values.join(', ')}`);
    return raw;
  });

export const orderParam = queryParam(z.enum(['asc', 'desc', 'ASC', 'DESC']).describe('default DESC'), (raw = 'desc') => {
  const o = raw.toLowerCase();
  if (o !== 'asc' && o !== 'desc') throw new ApiError('invalid_order', 'Invalid order parameter');
  return o;
});

/** A list of values each checked by `check` (repeated keys or a comma list). */
export function listParam<T>(name: string, what: string, check: (item: string) => T) {
  return queryParam(z.string().describe(`${what}; repeat the key or separate by commas`), (raw) => commaList(raw)?.map(check));
}

const listOf = (name: string, re: RegExp, what: string) => (item: string) => {
  if (!re.test(item)) throw bad(name, `not ${what}: ${JSON.stringify(item)}`);
  return item;
};
export const TEST_NAME_ITEM = (name: string) => listOf(name, TEST_NAME, 'a test name');
export const HOSTNAME_ITEM = (name: string) => listOf(name, HOSTNAME, 'a host name');
export const UID_ITEM = (name: string) => listOf(name, UID, 'a measurement uid');
export const CC_ITEM = (name: string) => (item: string) => {
  if (!isCountryCode(item)) throw bad(name, `not a two-letter country code: ${JSON.stringify(item)}`);
  return item.toUpperCase();
};
export const ASN_ITEM = (name: string) => (item: string) => as400(() => parseAsn(name, item));
export const IP_ITEM = (name: string) => (item: string) => {
  if (!isIP(item)) throw bad(name, `not an IP address: ${JSON.stringify(item)}`);
  return item;
};

const TIME_GRAINS = ['hour', 'day', 'week', 'month', 'year', 'auto'] as const;
export type TimeGrain = Exclude<(typeof TIME_GRAINS)[number], 'auto'>;
/** `auto` is `day`, as upstream. */
export const timeGrainParam = queryParam(z.enum(TIME_GRAINS).describe('default day; auto = day'), (raw = 'day'): TimeGrain => {
  if (!(TIME_GRAINS as readonly string[]).includes(raw)) throw bad('time_grain', `must be one of ${TIME_GRAINS.join(', ')}`);
  return raw === 'auto' ? 'day' : (raw as TimeGrain);
});

export interface Window {
  since?: Date;
  until?: Date;
}

/**
 * Every v5 route reads `since <= t < until`. `until` defaults to the request time (today included),
 * `since` to `until − defaultMs`; with `bypass` (a uid or report id asked for) only explicit bounds apply.
 */
export function timeWindow(since: Date | undefined, until: Date | undefined, now: Date, defaultMs: number, bypass = false): Window {
  const w: Window = bypass ? { since, until } : { until: until ?? now, since: since ?? new Date((until ?? now).getTime() - defaultMs) };
  if (w.since && w.until && !(w.since < w.until)) throw new ApiError('invalid_time_range', 'since must be before until');
  return w;
}

export const DAY_MS = 86_400_000;
