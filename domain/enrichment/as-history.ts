// OONI's AS metadata history (`all_as_org_map.json` of ooni/historical-geoip, the file behind
// ooni/data's asnmeta table and NetinfoDB `lookup_asn`): per ASN, its records in the file's order,
// each `[org_name, cc, changed YYYYMMDD, aut_name, source]`. Pure: reading the file is lib/'s.
import type { AsnInfo } from './lookup.ts';

/** One history record (a row of upstream's asnmeta table). */
interface AsHistoryEntry {
  orgName: string;
  cc: string;
  /** the day the record took effect, `YYYY-MM-DD` */
  changed: string;
  autName: string;
  source: string;
}

export type AsHistory = ReadonlyMap<number, readonly AsHistoryEntry[]>;

/** The file is not in the all_as_org_map.json shape; the message names the ASN and record. */
export class AsOrgMapError extends Error {
  override readonly name = 'AsOrgMapError';
}

const ASN_KEY = /^(0|[1-9]\d{0,9})$/;
const YYYYMMDD = /^(\d{4})(\d{2})(\d{2})$/;

/** `YYYYMMDD` → `YYYY-MM-DD` when it names a real day (upstream: `strptime(v[2], "%Y%m%d")`). */
function dayOf(text: string): string | null {
  const m = YYYYMMDD.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function entryOf(asn: string, i: number, v: unknown): AsHistoryEntry {
  const where = `ASN ${asn}, record ${i}`;
  if (!Array.isArray(v) || v.length < 5 || !v.slice(0, 5).every((x) => typeof x === 'string')) {
    throw new AsOrgMapError(`${where}: expected [org_name, cc, changed, aut_name, source] (5 strings)`);
  }
  const [orgName, cc, changedText, autName, source] = v as string[];
  const changed = dayOf(changedText!);
  if (changed === null) throw new AsOrgMapError(`${where}: changed ${JSON.stringify(changedText)} is not a YYYYMMDD day`);
  return { orgName: orgName!, cc: cc!, changed, autName: autName!, source: source! };
}

/** The parsed file (JSON already decoded): every ASN's records, in the file's order. */
export function parseAsOrgMap(json: unknown): AsHistory {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new AsOrgMapError('expected an object of ASN → records');
  const history = new Map<number, AsHistoryEntry[]>();
  for (const [asn, records] of Object.entries(json)) {
    if (!ASN_KEY.test(asn) || Number(asn) > 4294967295) throw new AsOrgMapError(`key ${JSON.stringify(asn)} is not an ASN`);
    if (!Array.isArray(records) || records.length === 0) throw new AsOrgMapError(`ASN ${asn}: expected a non-empty list of records`);
    history.set(
      Number(asn),
      records.map((r, i) => entryOf(asn, i, r)),
    );
  }
  return history;
}

/**
 * `lookup_asn(day, asn)` for an ASN of the file: the first record, then forward while a record's
 * `changed` ≤ `day` (`YYYY-MM-DD`; null = the last record, today's). undefined when the file does
 * not know the ASN. `name` is the record's aut_name: upstream returns `changed` there (§11).
 */
export function asOn(history: AsHistory, asn: number, day: string | null): AsnInfo | undefined {
  const records = history.get(asn);
  if (!records) return undefined;
  let e = records[0]!;
  for (const r of records) {
    if (day !== null && r.changed > day) break;
    e = r;
  }
  return { orgName: e.orgName, cc: e.cc, name: e.autName };
}

/** The newest `changed` of the file (its data's date, recorded in the database version). */
export function latestChange(history: AsHistory): string {
  let latest = '';
  for (const records of history.values()) for (const r of records) if (r.changed > latest) latest = r.changed;
  return latest;
}
