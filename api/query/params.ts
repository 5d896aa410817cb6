// Query-string parsing shared by the query routes. Each parser returns a value or throws an
// ApiError that app.onError turns into the one JSON error shape; `queryParam` makes a parser and the
// zod schema /openapi.json shows for it into one zod field of a route's query schema.
import { z } from 'zod';
import { isCountryCode } from '../../domain/ids/country-code.ts';
import { ApiError } from '../errors.ts';

export const invalid = (name: string, why: string) => new ApiError('invalid_parameter', `${name}: ${why}`);

/**
 * One query-string parameter: its document is `doc` as JSON Schema (io: 'input'), its value is what `parse`
 * returns for the raw string (or throws as ApiError). Routes parse with the z.object of these fields and
 * openapi.ts documents that same object, so the parameter list and each stated constraint come from one place.
 */
export function queryParam<T>(doc: z.ZodType, parse: (raw: string | undefined) => T) {
  const { $schema: _, ...json } = z.toJSONSchema(doc, { io: 'input' });
  return z
    .string()
    .optional()
    .transform((raw) => parse(raw))
    .meta(json);
}

/** Parses a query with a route's schema; a bad value has already thrown its ApiError from its field. */
export const parseQuery = <S extends z.ZodObject>(schema: S, q: Record<string, string>): z.output<S> => schema.parse(q);

/** Comma list, items trimmed, empties dropped; undefined when absent or empty. */
export function commaList(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.length ? items : undefined;
}

/** Sorted, de-duplicated comma list (software/test/engine versions). */
export const versionList = (raw: string | undefined) => {
  const items = commaList(raw);
  return items ? [...new Set(items)].sort() : undefined;
};

export function minLength(name: string, raw: string | undefined, n: number): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.length < n) throw invalid(name, `must be at least ${n} characters`);
  return raw;
}

/** `AS1234` or `1234`. */
export function parseAsn(name: string, raw: string): number {
  const digits = raw.replace(/^AS/i, '');
  if (!/^\d{1,10}$/.test(digits)) throw invalid(name, `not an ASN: ${JSON.stringify(raw)}`);
  return Number(digits);
}

export const asnList = (name: string, raw: string | undefined) => commaList(raw)?.map((v) => parseAsn(name, v));

const TRUE = new Set(['true', '1', 'yes', 'on', 't', 'y']);
const FALSE = new Set(['false', '0', 'no', 'off', 'f', 'n']);

/** FastAPI-style booleans; absent or empty means no filter. */
export function parseBool(name: string, raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  const v = raw.toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw invalid(name, 'must be a boolean (true/false)');
}

export function parseIntParam(name: string, raw: string | undefined, dflt: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return dflt;
  if (!/^-?\d+$/.test(raw)) throw invalid(name, 'must be an integer');
  const n = Number(raw);
  if (n < min || n > max) throw invalid(name, `must be between ${min} and ${max}`);
  return n;
}

/**
 * A date or datetime as pydantic accepts it: ISO 8601 with or without offset (naive = UTC), or epoch
 * seconds. Returned as a UTC Date.
 */
export function parseDateTime(name: string, raw: string | undefined): Date | undefined {
  if (raw === undefined || raw === '') return undefined;
  let d: Date;
  if (/^\d+(\.\d+)?$/.test(raw)) d = new Date(Number(raw) * 1000);
  else {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(raw);
    if (!m) throw invalid(name, `not a date or datetime: ${JSON.stringify(raw)}`);
    const [, y, mo, da, h = '00', mi = '00', s = '00', frac = '', tz = 'Z'] = m;
    d = new Date(`${y}-${mo}-${da}T${h}:${mi}:${s}${frac}${tz.length === 5 ? `${tz.slice(0, 3)}:${tz.slice(3)}` : tz}`);
  }
  if (Number.isNaN(d.getTime())) throw invalid(name, `not a valid date: ${JSON.stringify(raw)}`);
  return d;
}

/** A calendar date (`YYYY-MM-DD`, optionally with a midnight time), as `YYYY-MM-DD`. */
export function parseDay(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?$/.exec(raw);
  const day = m?.[1];
  if (!day || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
    throw invalid(name, `not a calendar date (YYYY-MM-DD): ${JSON.stringify(raw)}`);
  }
  return day;
}

export const REPORT_ID_PATTERN = /^[A-Za-z0-9_]{15,100}$/;

const TEST_NAME = /^[A-Za-z0-9_]{1,64}$/; // BOGUS1234 finds nothing (OONI test), separators never pass
/** measurement uids as this system and OONI's fastpath make them, plus older `temp-…` style ids */
const UID_CHARS = /^[A-Za-z0-9._-]{3,100}$/;

/** Comma list of two-letter country codes, upper-cased. */
export function ccList(name: string, raw: string | undefined): string[] | undefined {
  const items = commaList(raw);
  for (const cc of items ?? []) if (!isCountryCode(cc)) throw invalid(name, `not a two-letter country code: ${JSON.stringify(cc)}`);
  return items?.map((cc) => cc.toUpperCase());
}

/** Comma list of test names (`web_connectivity`, …). */
export function testNameList(name: string, raw: string | undefined): string[] | undefined {
  const items = commaList(raw);
  for (const t of items ?? []) if (!TEST_NAME.test(t)) throw invalid(name, `not a test name (letters, digits, _): ${JSON.stringify(t)}`);
  return items;
}

export function measurementUid(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!UID_CHARS.test(raw)) throw invalid(name, 'must be 3-100 characters of A-Z a-z 0-9 . _ -');
  return raw;
}

export function reportIdParam(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!REPORT_ID_PATTERN.test(raw)) throw invalid(name, 'Invalid report_id field');
  return raw;
}

/** Comma list of OONI Run link ids (decimal, as fastpath.ooni_run_link_id); OONI's aggregation and, here, the list too. */
export function runLinkIdList(name: string, raw: string | undefined): number[] | undefined {
  return commaList(raw)?.map((v) => {
    if (!/^\d{1,15}$/.test(v)) throw invalid(name, `not an OONI Run link id (a decimal number): ${JSON.stringify(v)}`);
    return Number(v);
  });
}
