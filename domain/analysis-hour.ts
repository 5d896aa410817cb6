// The hour of the v5 analysis: `YYYY-MM-DDTHH` (upstream's `ts[:13]`), UTC, and its window
// [H, H+1h) of measurement_start_time. Pure.

const HOUR = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})$/;

/** `YYYY-MM-DDTHH` that names a real hour. */
function isAnalysisHour(hour: string): boolean {
  const m = HOUR.exec(hour);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]));
  return new Date(ms).toISOString().slice(0, 13) === hour;
}

/** The window's bounds as PostgreSQL `timestamp` text: `[start, end)`. */
export function hourWindow(hour: string): { start: string; end: string; day: string } {
  if (!isAnalysisHour(hour)) throw new Error(`not an hour (YYYY-MM-DDTHH): ${hour}`);
  const startMs = Date.parse(`${hour}:00:00Z`);
  const text = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  return { start: text(startMs), end: text(startMs + 3_600_000), day: hour.slice(0, 10) };
}

/** `YYYY-MM-DDTHH` → `YYYYMMDDHH`, the hour in workflow ids. */
export const compactHour = (hour: string): string => hour.replaceAll('-', '').replace('T', '');

/** PostgreSQL prints timestamp(3) without trailing zeros: back to `YYYY-MM-DD HH:MM:SS.mmm`. */
export function utcMillis(timestamp: string): string;
export function utcMillis(timestamp: string | null): string | null;
export function utcMillis(timestamp: string | null): string | null {
  if (timestamp === null) return null;
  const [whole, frac = ''] = timestamp.split('.');
  return `${whole}.${frac.padEnd(3, '0').slice(0, 3)}`;
}
