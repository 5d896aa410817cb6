// Every S3 key the pipeline writes or reads, in OONI's layouts (reference/ooni-ingest.md §5–§6):
// - received measurements, mirroring OONI's spool:
//   `incoming/<YYYYMMDDHH>_<CC>_<testname>/<measurement_uid>.post`. Built only from a uid that
//   passed the strict pattern, so nothing a probe sends can steer the key.
// - sealed archive parts:
//   `raw/YYYYMMDD/HH/CC/testname/YYYYMMDDHH_CC_testname.n<collector>.<N>.{tar.gz,jsonl.gz}`
//   with the test name written without underscores, CC upper-case, HH the UTC receive hour.
// - monthly bulk exports of the fastpath table: `exports/fastpath/YYYYMM.{csv.zst,parquet}`.
import { EXPORT_EXTENSIONS, type ExportFormat } from './exports/formats.ts';
import { parseExportMonth } from './exports/month.ts';
import { parseHour, type BucketRef, type PartRef } from './archive/bucket.ts';
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

const CC = /^[A-Z]{2}$/;
const TEST = /^[a-z0-9]{2,30}$/;

/** Key parts come from the database; validated anyway since they end up in an S3 key. */
export function partKeys(p: PartRef): { jsonlKey: string; postcanKey: string } {
  if (!parseHour(p.hour) || !CC.test(p.cc) || !TEST.test(p.testName) || !/^\d{1,3}$/.test(p.collectorId) || !Number.isInteger(p.part) || p.part < 0) {
    throw new Error(`bad archive part reference ${JSON.stringify(p)}`);
  }
  const base = `raw/${p.hour.slice(0, 8)}/${p.hour.slice(8)}/${p.cc}/${p.testName}/${p.hour}_${p.cc}_${p.testName}.n${p.collectorId}.${p.part}`;
  return { jsonlKey: `${base}.jsonl.gz`, postcanKey: `${base}.tar.gz` };
}

/** The prefix every part key of the bucket (and collector) starts with, up to the part number. */
export function bucketPartsPrefix(b: BucketRef & { collectorId: string }): string {
  return partKeys({ ...b, part: 0 }).jsonlKey.replace(/\.0\.jsonl\.gz$/, '.');
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

/** The part a jsonl or postcan key names, or null for any other key. */
export const parsePartKey = (key: string): PartRef | null => parseJsonlKey(key.replace(/\.tar\.gz$/, '.jsonl.gz'));

export const postcanKeyOf = (jsonlKey: string) => jsonlKey.replace(/\.jsonl\.gz$/, '.tar.gz');

/** `[from, to)` bounds of the jsonl keys of one UTC day `YYYYMMDD` ('0' sorts right after '/'). */
export const dayKeyRange = (day: string) => ({ from: `raw/${day}/`, to: `raw/${day}0` });

/** The object of one month's export in one format; `month` is `YYYYMM`. */
export function exportKey(month: string, format: ExportFormat): string {
  if (!/^\d{6}$/.test(month) || parseExportMonth(month) !== month) throw new Error(`not a YYYYMM month: ${JSON.stringify(month)}`);
  return `exports/fastpath/${month}.${EXPORT_EXTENSIONS[format]}`;
}
