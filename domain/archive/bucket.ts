// An archive bucket (one UTC receive hour, country and test) and its parts; the S3 keys they
// map to are built in domain/s3-keys.ts.

export interface BucketRef {
  /** `YYYYMMDDHH`, UTC receive hour */
  hour: string;
  cc: string;
  /** without underscores */
  testName: string;
}

export interface PartRef extends BucketRef {
  collectorId: string;
  part: number;
}

const HOUR = /^(\d{4})(\d{2})(\d{2})(\d{2})$/;

export const archiveTestName = (testName: string) => testName.replaceAll('_', '');

export function hourOf(date: Date): string {
  return date.toISOString().slice(0, 13).replace(/[-T]/g, '');
}

export function parseHour(hour: string): Date | null {
  const m = HOUR.exec(hour);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4])));
  return hourOf(d) === hour ? d : null;
}
