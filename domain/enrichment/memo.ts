// lookup_ip and is_ip_bogon remembered per database across measurements: an hour's measurements
// keep meeting the same CDN, resolver and helper addresses, and a lookup (parse, bogon ranges,
// binary search, country tree) costs more than building the row that carries it. Bounded: the
// memo of a database is emptied when full. The values are shared, so callers copy, never change.
import { isBogonAddress } from './bogons.ts';
import { parseIp } from './ip-address.ts';
import { lookupAddress, type IpDatabase, type IpInfo } from './lookup.ts';

export interface EnrichedIp extends IpInfo {
  /** `is_ip_bogon` (false for anything that is not an IP) */
  readonly bogon: boolean;
}

const MAX_REMEMBERED = 50_000;
const memos = new WeakMap<IpDatabase, Map<string, EnrichedIp>>();

/** The memo of `db` (ip text → its enrichment); one per database object. */
export function enrichmentMemo(db: IpDatabase): Map<string, EnrichedIp> {
  let memo = memos.get(db);
  if (!memo) memos.set(db, (memo = new Map()));
  return memo;
}

/** `lookup_ip` + `is_ip_bogon` of `text` against `db`, remembered in `memo` (from enrichmentMemo(db)). */
export function enrichIp(db: IpDatabase, memo: Map<string, EnrichedIp>, text: string): EnrichedIp {
  let info = memo.get(text);
  if (info === undefined) {
    // parsed and range-checked once: lookup_ip and is_ip_bogon both need them
    const ip = parseIp(text);
    const bogon = ip !== undefined && isBogonAddress(ip);
    info = Object.freeze({ ...lookupAddress(db, ip, bogon), bogon });
    if (memo.size >= MAX_REMEMBERED) memo.clear();
    memo.set(text, info);
  }
  return info;
}
