// What a transformer run needs besides the measurement, and the per-measurement state it shares
// between the sub-observation builders and row assembly.
import type { IpDatabase } from '../enrichment/lookup.ts';
import { enrichIp, type EnrichedIp } from '../enrichment/memo.ts';
import type { ObservationCrypto } from './crypto.ts';
import type { MeasurementMetaColumns, ObservationProvenance, ProbeMetaColumns } from './types.ts';

export interface ObservationContext {
  /** processing bucket: receive day YYYY-MM-DD of the measurement (from its uid) */
  bucketDate: string;
  /** deterministic created_at: the receive time from the uid (`YYYY-MM-DD HH:MM:SS.mmm`), or null */
  createdAt: string | null;
  /** null = no enrichment: every public IP unknown (asn 0, cc ZZ); bogons still flagged */
  ipDb: IpDatabase | null;
  crypto: ObservationCrypto;
}

/** Stands in for a missing database: knows no address and no AS (bogon rules still apply). */
export const NO_DATABASE: IpDatabase = { version: 'none', record: () => undefined, orgName: () => undefined };

/** One measurement's transform: its meta columns, enrichment and the running observation_idx. */
export interface Transform {
  meta: MeasurementMetaColumns;
  probe: ProbeMetaColumns;
  provenance: ObservationProvenance;
  createdAt: string | null;
  db: IpDatabase;
  crypto: ObservationCrypto;
  /** measurement_start_time as epoch ms (certificate checks happen at start + t) */
  startMs: number;
  /** next obs_web observation_idx (upstream starts at 1 and counts across consume calls) */
  nextIdx: number;
  /** the database's enrichment memo (enrichmentMemo(db)), shared across measurements */
  ipCache: Map<string, EnrichedIp>;
  /** this measurement's addresses already enriched (from ipCache) */
  ownIps: Map<string, EnrichedIp>;
}

/**
 * lookup_ip and is_ip_bogon (the same IP recurs across rows and measurements: remembered per
 * database). A measurement's rows repeat its few addresses (web_connectivity: ~8 lookups of ~2
 * addresses, control rows included): its own small map answers those without probing the
 * database's memo, tens of thousands of entries whose lookups miss the CPU caches.
 */
export function ipInfo(t: Transform, ip: string): EnrichedIp {
  let info = t.ownIps.get(ip);
  if (info === undefined) t.ownIps.set(ip, (info = enrichIp(t.db, t.ipCache, ip)));
  return info;
}
