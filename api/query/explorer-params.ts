// Parameters and day arithmetic shared by the Explorer (/api/_/) endpoints: the zod query schemas
// their routes parse with and /openapi.json documents. Errors keep OONI's texts with status 400.
import { z } from 'zod';
import { addDays, dayOf } from './format.ts';
import { ApiError } from '../errors.ts';
import { isCountryCode } from '../../domain/ids/country-code.ts';
import { commaList, parseAsn, parseIntParam, queryParam } from './params.ts';
import { IM_TESTS } from './test-groups.ts';

const bad = (message: string) => new ApiError('invalid_parameter', message, { status: 400 });

function requireCc(raw: string | undefined): string {
  if (!raw || !isCountryCode(raw)) throw bad('missing or incorrect probe_cc');
  return raw.toUpperCase();
}

function requireAsn(raw: string | undefined): number {
  if (!raw) throw bad('missing or incorrect probe_asn');
  try {
    return parseAsn('probe_asn', raw);
  } catch {
    throw bad('missing or incorrect probe_asn');
  }
}

/** Required two-letter country code, upper-cased. */
const probeCc = queryParam(
  z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .describe('required; two-letter country code'),
  requireCc,
);
/** Required ASN, `AS1234` or `1234`. */
const probeAsn = queryParam(
  z
    .string()
    .regex(/^([Aa][Ss])?\d{1,10}$/)
    .describe('required; AS1234 or 1234'),
  requireAsn,
);

/** Routes without query parameters (unknown ones are ignored, as OONI does). */
export const noQuery = z.object({});
export const explorerCcQuery = z.object({ probe_cc: probeCc });

export const testCoverageQuery = z.object({
  probe_cc: probeCc,
  test_groups: queryParam(z.string().describe('comma list of test groups (websites, im, …); restricts network_coverage'), commaList),
});

export const websiteStatsQuery = z.object({
  probe_cc: probeCc,
  probe_asn: probeAsn,
  input: queryParam(z.string().min(1).describe('required; the exact input (URL)'), (raw) => {
    if (!raw) throw bad('missing input');
    return raw;
  }),
});

export const websiteUrlsQuery = z.object({
  probe_cc: probeCc,
  probe_asn: probeAsn,
  limit: queryParam(z.int().min(-1_000_000).max(10_000).describe('default 10; 0 or less means 10'), (raw) => {
    const n = parseIntParam('limit', raw, 10, -1_000_000, 10_000);
    return n <= 0 ? 10 : n;
  }),
  offset: queryParam(z.int().min(0), (raw) => parseIntParam('offset', raw, 0, 0, Number.MAX_SAFE_INTEGER)),
});

export const imStatsQuery = z.object({
  test_name: queryParam(z.enum(IM_TESTS as [string, ...string[]]).describe('required; an instant-messaging test'), (raw) => {
    if (!raw || !IM_TESTS.includes(raw)) throw bad('invalid test_name');
    return raw;
  }),
  probe_cc: probeCc,
  probe_asn: probeAsn,
});

const today = (now: Date) => dayOf(now);
/** Days `from` … `to` inclusive relative to today, as YYYY-MM-DD. */
export function dayRange(now: Date, from: number, to: number): string[] {
  const t = today(now);
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(addDays(t, i));
  return out;
}

export const monthStamp = (month: string) => `${month.slice(0, 7)}-01T00:00:00+00:00`;

/** OONI's "last 31 days": today−31 (inclusive) … today (exclusive). */
export function last31Days(now: Date): { from: string; to: string } {
  const t = today(now);
  return { from: addDays(t, -31), to: t };
}
