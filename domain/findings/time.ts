// Times of a finding as OONI's oonifindings takes and renders them (pydantic datetimes): ISO 8601
// in, with or without seconds, fraction and offset (no offset = UTC); out always
// `YYYY-MM-DDTHH:MM:SS.ffffffZ` (its ISO_FORMAT_DATETIME), microseconds kept.

export interface FindingTime {
  /** The instant in UTC with microseconds, `YYYY-MM-DDTHH:MM:SS.ffffffZ`: what is stored and rendered. */
  iso: string;
  /** Whole seconds since the epoch: what end ≥ start compares (upstream drops the microseconds first). */
  epochSeconds: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The time `raw` names, or null when it is not an ISO 8601 date or datetime of a real calendar day. */
export function parseFindingTime(raw: string): FindingTime | null {
  const m = ISO.exec(raw);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((v) => (v === undefined ? undefined : Number(v)));
  const fraction = (m[7] ?? '').slice(0, 6).padEnd(6, '0');
  if (y === undefined || mo === undefined || d === undefined || h > 23 || mi > 59 || s > 59) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  const day = new Date(local);
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  const offsetMinutes = offsetOf(m[8]);
  if (offsetMinutes === null) return null;
  const utc = new Date(local - offsetMinutes * 60_000);
  const year = utc.getUTCFullYear();
  if (year < 1 || year > 9999) return null;
  const iso =
    `${pad(year, 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}` +
    `T${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}:${pad(utc.getUTCSeconds())}.${fraction}Z`;
  return { iso, epochSeconds: Math.floor(utc.getTime() / 1000) };
}

function offsetOf(tz: string | undefined): number | null {
  if (tz === undefined || tz === 'Z' || tz === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(tz);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 23 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** `now` as a finding's create/update time: whole seconds (upstream's utcnow_seconds). */
export function findingNow(now: Date): FindingTime {
  const seconds = Math.floor(now.getTime() / 1000);
  return { iso: new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '.000000Z'), epochSeconds: seconds };
}
