// OONI's S3 layout of sealed archive parts (reference/ooni-ingest.md §5–§6):
// raw/YYYYMMDD/HH/CC/testname/YYYYMMDDHH_CC_testname.n<collector>.<N>.{tar.gz,jsonl.gz}
// with the test name written without underscores, CC upper-case, HH the UTC receive hour.

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
const CC = /^[A-Z]{2}$/;
const TEST = /^[a-z0-9]{2,30}$/;

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

/** Key parts come from the database; validated anyway since they end up in an S3 key. */
export function partKeys(p: PartRef): { jsonlKey: string; postcanKey: string } {
  if (!parseHour(p.hour) || !CC.test(p.cc) || !TEST.test(p.testName) || !/^\d{1,3}$/.test(p.collectorId) || !Number.isInteger(p.part) || p.part < 0) {
    throw new Error(`bad archive part reference ${JSON.stringify(p)}`);
  }
  const base = `raw/${p.hour.slice(0, 8)}/${p.hour.slice(8)}/${p.cc}/${p.testName}/${p.hour}_${p.cc}_${p.testName}.n${p.collectorId}.${p.part}`;
  return { jsonlKey: `${base}.jsonl.gz`, postcanKey: `${base}.tar.gz` };
}

const KEY = /^raw\/(\d{8})\/(\d{2})\/([A-Z]{2})\/([a-z0-9]{2,30})\/(\d{10})_([A-Z]{2})_([a-z0-9]{2,30})\.n(\d{1,3})\.(\d+)\.jsonl\.gz$/;

/** The part a jsonl key names, or null for any other key. */
export function parseJsonlKey(key: string): PartRef | null {
  const m = KEY.exec(key);
  if (!m) return null;
  const [, day, hh, cc, test, hour, cc2, test2, collectorId, part] = m as unknown as string[];
  if (`${day}${hh}` !== hour || cc !== cc2 || test !== test2 || !parseHour(hour!)) return null;
  return { hour: hour!, cc: cc!, testName: test!, collectorId: collectorId!, part: Number(part) };
}

export const postcanKeyOf = (jsonlKey: string) => jsonlKey.replace(/\.jsonl\.gz$/, '.tar.gz');

/** `[from, to)` bounds of the jsonl keys of one UTC day `YYYYMMDD` ('0' sorts right after '/'). */
export const dayKeyRange = (day: string) => ({ from: `raw/${day}/`, to: `raw/${day}0` });
