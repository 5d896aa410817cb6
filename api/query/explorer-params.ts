// Parameters and day arithmetic shared by the Explorer (/api/_/) endpoints.
import { addDays, dayOf } from './format.ts';
import { ApiError } from '../errors.ts';
import { isCountryCode } from '../../domain/ids/country-code.ts';
import { parseAsn } from './params.ts';

export function requireCc(raw: string | undefined): string {
  if (!raw || !isCountryCode(raw)) throw new ApiError('invalid_parameter', 'missing or incorrect probe_cc', { status: 400 });
  return raw.toUpperCase();
}

export function requireAsn(raw: string | undefined): number {
  if (!raw) throw new ApiError('invalid_parameter', 'missing or incorrect probe_asn', { status: 400 });
  try {
    return parseAsn('probe_asn', raw);
  } catch {
    throw new ApiError('invalid_parameter', 'missing or incorrect probe_asn', { status: 400 });
  }
}

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
