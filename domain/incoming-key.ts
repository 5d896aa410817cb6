// S3 key of a received measurement, mirroring OONI's spool layout:
// `incoming/<YYYYMMDDHH>_<CC>_<testname>/<measurement_uid>.post`. Built only from a uid that
// passed the strict pattern, so nothing a probe sends can steer the key.
import { parseMeasurementUid } from './ids/measurement-uid.ts';

export const INCOMING_PREFIX = 'incoming/';

export function incomingKey(uid: string): string {
  const parsed = parseMeasurementUid(uid);
  if (!parsed) throw new Error(`not a measurement_uid: ${JSON.stringify(uid)}`);
  return `${INCOMING_PREFIX}${uid.slice(0, 10)}_${parsed.cc}_${parsed.testName}/${uid}.post`;
}

/** The uid an incoming key holds, or null for any key that is not exactly of that form. */
export function uidOfIncomingKey(key: string): string | null {
  const match = /^incoming\/\d{10}_[A-Z]{2}_[a-z0-9]{2,30}\/([^/]+)\.post$/.exec(key);
  const uid = match?.[1];
  if (!uid || !parseMeasurementUid(uid)) return null;
  return incomingKey(uid) === key ? uid : null;
}
