// measurement_uid: `<YYYYMMDDHHMMSS.ffffff>_<CC>_<testname>_<16 hex of SHA-512(body)>`
// (reference/ooni-ingest.md §2.2). The strict pattern is what S3 keys and paths accept.
import { createHash } from 'node:crypto';

export interface MeasurementUidParts {
  /** Receive time, microseconds since the Unix epoch (bigint keeps microseconds exact). */
  receivedAtMicros: bigint;
  cc: string;
  /** Test name; underscores are removed. */
  testName: string;
  body: Uint8Array;
}

export interface ParsedMeasurementUid {
  receivedAtMicros: bigint;
  /** Millisecond precision view of receivedAtMicros. */
  receivedAt: Date;
  cc: string;
  testName: string;
  hash: string;
}

export const MEASUREMENT_UID_PATTERN = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\.(\d{6})_([A-Z]{2})_([a-z0-9]{2,30})_([0-9a-f]{16})$/;

export function isValidMeasurementUid(uid: string): boolean {
  return parseMeasurementUid(uid) !== null;
}

/** `YYYYMMDDHHMMSS.ffffff` in UTC. */
export function formatUidTime(receivedAtMicros: bigint): string {
  const ms = receivedAtMicros / 1000n;
  const micros = ((receivedAtMicros % 1_000_000n) + 1_000_000n) % 1_000_000n;
  const iso = new Date(Number(ms)).toISOString();
  const ymdhms = iso.slice(0, 19).replace(/[-T:]/g, '');
  return `${ymdhms}.${micros.toString().padStart(6, '0')}`;
}

function bodyHashPrefix(body: Uint8Array): string {
  return createHash('sha512').update(body).digest('hex').slice(0, 16);
}

export function buildMeasurementUid(p: MeasurementUidParts): string {
  return `${formatUidTime(p.receivedAtMicros)}_${p.cc}_${p.testName.replaceAll('_', '')}_${bodyHashPrefix(p.body)}`;
}

export function parseMeasurementUid(uid: string): ParsedMeasurementUid | null {
  const m = MEASUREMENT_UID_PATTERN.exec(uid);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, us, cc, testName, hash] = m as unknown as string[];
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const date = new Date(ms);
  // Reject impossible calendar values (month 13, Feb 30, hour 24…) that Date.UTC would roll over.
  if (
    Number.isNaN(ms) ||
    date.getUTCFullYear() !== Number(y) ||
    date.getUTCMonth() !== Number(mo) - 1 ||
    date.getUTCDate() !== Number(d) ||
    date.getUTCHours() !== Number(h) ||
    date.getUTCMinutes() !== Number(mi) ||
    date.getUTCSeconds() !== Number(s)
  ) {
    return null;
  }
  return {
    receivedAtMicros: BigInt(ms) * 1000n + BigInt(us!),
    receivedAt: new Date(ms + Math.floor(Number(us) / 1000)),
    cc: cc!,
    testName: testName!,
    hash: hash!,
  };
}
