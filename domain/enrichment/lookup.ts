// The enrichment rules of OONI's pipeline (netinfo `lookup_ip`, `lookup_asn`) over any database:
// bogons first, then the database's record; a lookup always answers, never "nothing".
import { isBogonAddress } from './bogons.ts';
import { parseIp, type IpAddress } from './ip-address.ts';

/** What a database knows of one address; absent fields are unknown. */
export interface IpRecord {
  cc?: string;
  asn?: number;
  asOrgName?: string;
  asCc?: string;
  asName?: string;
}

/** A loaded IP database: per-address records and an ASN → organisation table. */
export interface IpDatabase {
  /** e.g. `ip-location-db/asn@2.3.2026061719+…`; recorded with enriched rows */
  version: string;
  record(ip: IpAddress): IpRecord | undefined;
  orgName(asn: number): string | undefined;
  /** AS metadata of an ASN on a day (`YYYY-MM-DD`, null = today) from an AS history (ENRICHMENT_AS_ORG_MAP); undefined when it has none */
  asOn?(asn: number, day: string | null): AsnInfo | undefined;
}

export interface IpInfo {
  /** country of the address, `ZZ` when unknown */
  cc: string;
  /** 0 when unknown, 64666 for a bogon */
  asn: number;
  asOrgName: string;
  asCc: string;
  asName: string;
}

export interface AsnInfo {
  orgName: string;
  cc: string;
  name: string;
}

export const BOGON_ASN = 64666;
const BOGON: IpInfo = { cc: 'ZZ', asn: BOGON_ASN, asOrgName: 'Bogon', asCc: 'ZZ', asName: '' };
const UNKNOWN: IpInfo = { cc: 'ZZ', asn: 0, asOrgName: '', asCc: '', asName: '' };

/** `lookup_ip`: bogon → AS64666 "Bogon"; not an address or no record → cc ZZ, asn 0; else the record with defaults. */
export function lookupIp(db: IpDatabase, text: string): IpInfo {
  const ip = parseIp(text);
  return lookupAddress(db, ip, ip !== undefined && isBogonAddress(ip));
}

/** lookupIp of an address already parsed (undefined: not one) whose bogon test is known. */
export function lookupAddress(db: IpDatabase, ip: IpAddress | undefined, bogon: boolean): IpInfo {
  if (!ip) return { ...UNKNOWN };
  if (bogon) return { ...BOGON };
  const r = db.record(ip);
  if (!r) return { ...UNKNOWN };
  return {
    cc: r.cc || 'ZZ',
    asn: r.asn ?? 0,
    asOrgName: r.asOrgName ?? '',
    asCc: r.asCc ?? '',
    asName: r.asName ?? '',
  };
}

/**
 * `lookup_asn(day, asn)`: 0 → "Unknown"/ZZ; 64512–65535 → "Private use (RFC1930)"/ZZ; else the AS
 * history's record for `day` (`YYYY-MM-DD`, null = today) when the database has one for the ASN,
 * else the database's organisation name ("" if none) with cc and name "".
 */
export function lookupAsn(db: IpDatabase, asn: number, day: string | null = null): AsnInfo {
  if (asn === 0) return { orgName: 'Unknown', cc: 'ZZ', name: 'Unknown' };
  if (asn >= 64512 && asn <= 65535) return { orgName: 'Private use (RFC1930)', cc: 'ZZ', name: 'Private use (RFC1930)' };
  return db.asOn?.(asn, day) ?? { orgName: db.orgName(asn) ?? '', cc: '', name: '' };
}
