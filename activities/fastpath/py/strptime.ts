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
  const dt = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6]),
    microsecond,
  };
  if (dt.year < 1 || dt.day > daysInMonth(dt.year, dt.month) || dt.second > 59) {
    throw new PyError('ValueError', `time data '${s}' is out of range`);
  }
  return dt;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** strptime(s, "%Y-%m-%d %H:%M:%S"); throws ValueError. */
export function parseStartTime(s: string): PyDateTime {
  return build(START_TIME_RE.exec(s), s);
}

/** strptime(s, "%Y%m%d%H%M%S.%f_"); throws ValueError. */
export function parseUidTime(s: string): PyDateTime {
  return build(UID_TIME_RE.exec(s), s);
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
