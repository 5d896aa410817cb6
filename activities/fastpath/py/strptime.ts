// datetime.strptime for the two formats the fastpath uses, with Python's lenient field regexes
// (single-digit month/day/hour/minute/second are accepted) and its range checks.
import { PY_SPACE_CLASS } from './values.ts';
import { PyError } from './errors.ts';

export interface PyDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
}

const M = '(1[0-2]|0[1-9]|[1-9])';
const DAY = '(3[01]|[12][0-9]|0[1-9]|[1-9]| [1-9])';
const H = '(2[0-3]|[0-1][0-9]|[0-9])';
const MIN = '([0-5][0-9]|[0-9])';
const S = '(6[0-1]|[0-5][0-9]|[0-9])';
// Python matches from the start and then requires the match to cover the whole string; it does not
// backtrack into other alternatives to reach the end, hence no `$` anchor here.
const START_TIME_RE = new RegExp(`^([0-9]{4})-${M}-${DAY}${PY_SPACE_CLASS}+${H}:${MIN}:${S}`);
const UID_TIME_RE = new RegExp(`^([0-9]{4})${M}${DAY}${H}${MIN}${S}\\.([0-9]{1,6})_`);

function build(m: RegExpExecArray | null, s: string): PyDateTime {
  if (!m || m[0].length !== s.length) throw new PyError('ValueError', `time data '${s}' does not match format`);
  // Number() ignores the leading space a " 5" day may have
  const microsecond = m[7] ? Number(m[7].padEnd(6, '0')) : 0;
  return inRange(
    { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]), microsecond },
    s,
  );
}

function inRange(dt: PyDateTime, s: string): PyDateTime {
  if (dt.year < 1 || dt.day > daysInMonth(dt.year, dt.month) || dt.second > 59) {
    throw new PyError('ValueError', `time data '${s}' is out of range`);
  }
  return dt;
}

/** The 2-digit number at s[i..i+1], or -1 when those are not two ASCII digits. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The common shape of both formats, read without the regex: every field two digits (four for
 * the year) within the ranges the regex alternatives accept with two digits, where its match is
 * the same. Anything else (one-digit fields, a space-padded day, out-of-range fields) → null,
 * and the regex decides.
 */
function canonical(s: string, at: readonly number[], microsecond: number): PyDateTime | null {
  const hi = two(s, 0);
  const lo = two(s, 2);
  const [month, day, hour, minute, second] = [two(s, at[0]!), two(s, at[1]!), two(s, at[2]!), two(s, at[3]!), two(s, at[4]!)] as const;
  if (
    hi < 0 ||
    lo < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 61
  ) {
    return null;
  }
  return inRange({ year: hi * 100 + lo, month, day, hour, minute, second, microsecond }, s);
}

const START_FIELDS = [5, 8, 11, 14, 17];
const UID_FIELDS = [4, 6, 8, 10, 12];

function canonicalStartTime(s: string): PyDateTime | null {
  if (s.length !== 19 || s[4] !== '-' || s[7] !== '-' || s[10] !== ' ' || s[13] !== ':' || s[16] !== ':') return null;
  return canonical(s, START_FIELDS, 0);
}

function canonicalUidTime(s: string): PyDateTime | null {
  if (s.length !== 22 || s[14] !== '.' || s[21] !== '_') return null;
  const us = [15, 17, 19].map((i) => two(s, i));
  if (us.some((x) => x < 0)) return null;
  return canonical(s, UID_FIELDS, us[0]! * 10000 + us[1]! * 100 + us[2]!);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** strptime(s, "%Y-%m-%d %H:%M:%S"); throws ValueError. */
export function parseStartTime(s: string): PyDateTime {
  return canonicalStartTime(s) ?? build(START_TIME_RE.exec(s), s);
}

/** strptime(s, "%Y%m%d%H%M%S.%f_"); throws ValueError. */
export function parseUidTime(s: string): PyDateTime {
  return canonicalUidTime(s) ?? build(UID_TIME_RE.exec(s), s);
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Microseconds since 1970-01-01 (naive datetime, no time zone). */
export function toMicros(t: PyDateTime): number {
  const secs = daysFromCivil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
  return secs * 1e6 + t.microsecond;
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** str(datetime) without microseconds: "YYYY-MM-DD HH:MM:SS". */
export function formatDateTime(t: PyDateTime): string {
  return `${String(t.year).padStart(4, '0')}-${p2(t.month)}-${p2(t.day)} ${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}`;
}

export function compareDateTime(a: PyDateTime, b: PyDateTime): number {
  return toMicros(a) - toMicros(b);
}
