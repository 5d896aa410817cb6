// ENRICHMENT_AS_ORG_MAP: OONI's `all_as_org_map.json` (ooni/historical-geoip; the source of
// ooni/data's asnmeta table) layered over an IP database: probe AS metadata (organisation, AS
// country, aut_name) as of each measurement's day. ASN → organisation names prefer its newest
// record; an ASN it does not know keeps the database's own answer.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { asOn, latestChange, parseAsOrgMap, AsOrgMapError, type AsHistory } from '../../domain/enrichment/as-history.ts';
import type { IpDatabase } from '../../domain/enrichment/lookup.ts';

export async function withAsOrgMap(db: IpDatabase, path: string): Promise<IpDatabase> {
  const text = await readFile(path, 'utf8');
  let history: AsHistory;
  try {
    history = parseAsOrgMap(JSON.parse(text));
  } catch (err) {
    const why = err instanceof AsOrgMapError ? err.message : `not JSON (${err instanceof Error ? err.message : String(err)})`;
    // the reason is in the message: a cause would print it twice in the log
    throw new AsOrgMapError(`ENRICHMENT_AS_ORG_MAP ${path}: ${why}`);
  }
  return {
    version: `${db.version}+asorg:${basename(path)}@${latestChange(history)}`,
    record: (ip) => db.record(ip),
    orgName: (asn) => asOn(history, asn, null)?.orgName ?? db.orgName(asn),
    asOn: (asn, day) => asOn(history, asn, day),
  };
}
