// The deterministic times of a measurement's observation rows, from its uid
// (`YYYYMMDDHHMMSS.ffffff_…`, the receive time): bucket_date = the receive day, created_at = the
// receive time to the millisecond. Re-processing therefore writes identical rows.
import type { ObservationContext } from './context.ts';

function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `{ bucketDate, createdAt }` of a measurement_uid, or null when it does not start with a receive time. */
export function uidTimes(uid: string): Pick<ObservationContext, 'bucketDate' | 'createdAt'> | null {
  if (uid.length < 21 || uid[14] !== '.' || !allDigits(uid, 0, 14) || !allDigits(uid, 15, 21)) return null;
  const day = `${uid.slice(0, 4)}-${uid.slice(4, 6)}-${uid.slice(6, 8)}`;
  return { bucketDate: day, createdAt: `${day} ${uid.slice(8, 10)}:${uid.slice(10, 12)}:${uid.slice(12, 14)}.${uid.slice(15, 18)}` };
}
