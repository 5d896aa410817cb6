// Where an upload comes from, by the IP database: country and ASN of the client address (as the
// query rate limiter finds it, TRUSTED_PROXY_HOPS), for the `geoip` data-quality flag. Only the
// {cc, asn} leave this function: the address is neither stored, logged nor sent to Temporal.
// Never fails an upload: no database → undefined.
import type { Context } from 'hono';
import { lookupIp } from '../../domain/enrichment/lookup.ts';
import type { SubmitterLocation } from '../../domain/quality-flags.ts';
import { configuredIpDatabase } from '../../lib/enrichment/index.ts';
import type { ApiDeps } from '../deps.ts';
import { requestIp } from '../query/rate-limit.ts';

export async function submitterLocation(deps: ApiDeps, c: Context): Promise<SubmitterLocation | undefined> {
  try {
    const db = await configuredIpDatabase(deps.config);
    const { cc, asn } = lookupIp(db, requestIp(c, deps.config.TRUSTED_PROXY_HOPS));
    return { cc, asn };
  } catch (err) {
    deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'IP database unavailable: upload not geolocated');
    return undefined;
  }
}
