// ENRICHMENT_MMDB: an OONI-style ip2country-as MMDB (autonomous_system_number,
// autonomous_system_organization, country.iso_code …) in place of the default database. An MMDB
// has no ASN index, so ASN → organisation names still come from @ip-location-db/asn (OONI too
// kept AS names in a file of their own, all_as_org_map.json).
import { basename } from 'node:path';
import { open, type CountryResponse } from 'maxmind';
import { formatIp } from '../../domain/enrichment/ip-address.ts';
import type { IpDatabase } from '../../domain/enrichment/lookup.ts';
import { loadAsnTable } from './default-database.ts';

interface OoniRecord extends CountryResponse {
  autonomous_system_number?: number;
  autonomous_system_organization?: string;
  autonomous_system_country?: string;
  autonomous_system_name?: string;
}

export async function loadMmdbDatabase(path: string): Promise<IpDatabase> {
  const [reader, asn] = await Promise.all([open<OoniRecord>(path), loadAsnTable()]);
  const built = reader.metadata.buildEpoch.toISOString().slice(0, 10);
  return {
    version: `mmdb:${basename(path)}@${built}+${asn.version}`,
    record(ip) {
      const r = reader.get(formatIp(ip));
      if (!r) return undefined;
      return {
        ...(r.country?.iso_code ? { cc: r.country.iso_code } : {}),
        ...(typeof r.autonomous_system_number === 'number' ? { asn: r.autonomous_system_number } : {}),
        ...(r.autonomous_system_organization !== undefined ? { asOrgName: r.autonomous_system_organization } : {}),
        ...(r.autonomous_system_country !== undefined ? { asCc: r.autonomous_system_country } : {}),
        ...(r.autonomous_system_name !== undefined ? { asName: r.autonomous_system_name } : {}),
      };
    },
    orgName: (n) => asn.ranges.orgOf(n),
  };
}
