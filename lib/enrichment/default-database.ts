// The default IP database, shipped as npm packages (no download at run time; docs/ip-data.md):
// @ip-location-db/asn (IP ranges → ASN + organisation, CC BY 4.0) and
// @ip-location-db/geo-whois-asn-country-mmdb (IP → country, CC0).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { open, type CountryResponse } from 'maxmind';
import { AsnRanges } from '../../domain/enrichment/asn-ranges.ts';
import { formatIp } from '../../domain/enrichment/ip-address.ts';
import type { IpDatabase } from '../../domain/enrichment/lookup.ts';

const require = createRequire(import.meta.url);

async function packageDir(name: string): Promise<{ dir: string; version: string }> {
  const manifest = require.resolve(`${name}/package.json`);
  const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
  return { dir: dirname(manifest), version };
}

export interface AsnTable {
  ranges: AsnRanges;
  version: string;
}

let asnTable: Promise<AsnTable> | undefined;

/** The IP → ASN ranges of @ip-location-db/asn, as a compact index; read once per process (the default and ENRICHMENT_MMDB share it). */
export function loadAsnTable(): Promise<AsnTable> {
  asnTable ??= readAsnTable();
  asnTable.catch(() => (asnTable = undefined));
  return asnTable;
}

async function readAsnTable(): Promise<AsnTable> {
  const { dir, version } = await packageDir('@ip-location-db/asn');
  const [v4, v6] = await Promise.all([readFile(join(dir, 'asn-ipv4-num.csv')), readFile(join(dir, 'asn-ipv6-num.csv'))]);
  return { ranges: AsnRanges.fromCsv(v4, v6), version: `ip-location-db/asn@${version}` };
}

/** ip-location-db's country MMDBs hold `{country_code}`, not GeoIP2's `country.iso_code`. */
interface CountryRecord extends CountryResponse {
  country_code?: string;
}

export async function loadDefaultDatabase(): Promise<IpDatabase> {
  const country = await packageDir('@ip-location-db/geo-whois-asn-country-mmdb');
  const [asn, reader] = await Promise.all([loadAsnTable(), open<CountryRecord>(join(country.dir, 'geo-whois-asn-country.mmdb'))]);
  return {
    version: `${asn.version}+ip-location-db/geo-whois-asn-country-mmdb@${country.version}`,
    record(ip) {
      const network = asn.ranges.find(ip);
      const cc = reader.get(formatIp(ip))?.country_code;
      if (!network && !cc) return undefined;
      return { ...(cc ? { cc } : {}), ...(network ? { asn: network.asn, asOrgName: network.org } : {}) };
    },
    orgName: (n) => asn.ranges.orgOf(n),
  };
}
