// Output formats of timestamps and values, as the newer OONI service renders them.
const UTC_TEXT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/;

/** `2021-07-09 00:55:13` (PostgreSQL text of a UTC timestamp) → `2021-07-09T00:55:13.000000Z`. */
export function isoMicros(pgText: string): string {
  const m = UTC_TEXT.exec(pgText);
  return m ? `${m[1]}T${m[2]}.000000Z` : pgText;
}

/** → `2021-07-09T00:55:13Z`. */
export function isoSeconds(pgText: string): string {
  const m = UTC_TEXT.exec(pgText);
  return m ? `${m[1]}T${m[2]}Z` : pgText;
}

/** A Date as a naive UTC timestamp literal for SQL parameters. */
export const pgTimestamp = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

export const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return dayOf(d);
}

export const VERIFICATION_STATUS: Record<string, string> = { t: 'verified', f: 'failed', u: 'unverified' };

export function baseUrl(configured: string | undefined, requestUrl: string): string {
  return (configured ?? new URL(requestUrl).origin).replace(/\/+$/, '');
}
