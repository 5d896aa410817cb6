// The month of a bulk export: `YYYYMM` in keys, ids and the exports table; `YYYY-MM` accepted
// from people. Months are UTC calendar months of measurement_start_time.

const MONTH = /^(\d{4})-?(\d{2})$/;

/** `YYYYMM` for `YYYY-MM` or `YYYYMM` (months 01-12 of years 2000-2099), else null. */
export function parseExportMonth(raw: string): string | null {
  const m = MONTH.exec(raw);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 2000 || year > 2099 || month < 1 || month > 12) return null;
  return `${m[1]}${m[2]}`;
}

/** `YYYY-MM` of a `YYYYMM` month (for people and URLs). */
export const displayMonth = (month: string) => `${month.slice(0, 4)}-${month.slice(4)}`;

/** `[start, end)` of the month as epoch milliseconds, UTC. */
export function monthBounds(month: string): { startMs: number; endMs: number } {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(4)) - 1;
  return { startMs: Date.UTC(year, index, 1), endMs: Date.UTC(year, index + 1, 1) };
}

/** The month before the one that holds `ms` (what the monthly schedule exports). */
export function previousMonth(ms: number): string {
  const d = new Date(ms);
  const prev = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  return `${prev.getUTCFullYear()}${String(prev.getUTCMonth() + 1).padStart(2, '0')}`;
}
