// measurement_uid helpers: the receive time encoded in a uid, and the trivial_id the original
// generates for measurements that come without a uid.
import { createHash } from 'node:crypto';
import { formatDateTime, parseStartTime, parseUidTime } from './py/strptime.ts';
import type { PyDateTime } from './py/strptime.ts';
import { isDict } from './py/values.ts';

/** Receive time of a uid starting with "20" (at least 20 chars), else null (no date check). */
export function uidReceiveTime(uid: string): PyDateTime | null {
  if (!uid.startsWith('20') || uid.length < 20) return null;
  try {
    return parseUidTime(uid.slice(0, 22));
  } catch {
    return null;
  }
}

/** Whether a string has the shape of an API measurement_uid: `<ts>_<CC>_<testname>_<hash>`. */
export function isMeasurementUid(s: string): boolean {
  return /^[0-9]{14}\.[0-9]{6}_[A-Z]{2}_[a-z0-9]+_[0-9a-f]{16}$/.test(s) && uidReceiveTime(s) !== null;
}

/**
 * trivial_id: "01" + YYYYMMDD of measurement_start_time (or 00000000) + SHAKE-128 of the raw
 * measurement bytes (15-byte digest). It does not start with "20", so the date check is skipped.
 */
export function generateUid(raw: Uint8Array | string, measurement: unknown): string {
  const h = createHash('shake128', { outputLength: 15 }).update(raw).digest('hex');
  let ts = '00000000';
  const t = isDict(measurement) && Object.hasOwn(measurement, 'measurement_start_time') ? measurement.measurement_start_time : null;
  if (typeof t === 'string') {
    try {
      ts = formatDateTime(parseStartTime(t)).slice(0, 10).replace(/-/g, '');
    } catch {
      // unparsable start time
    }
  }
  return `01${ts}${h}`;
}
