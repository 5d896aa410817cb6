// POST /api/v1/geolookup {"addresses": [ip, …]} → {"v": 1, "geolocation": {ip: {cc, asn, as_name}}},
// as OONI's probe services: cc "ZZ" and asn/as_name null for an address the database does not
// place (bogons included: they have no network on the Internet to name). Not cached.
import { Hono } from 'hono';
import { z } from 'zod';
import { formatIp, parseIp } from '../../domain/enrichment/ip-address.ts';
import { lookupIp, type IpDatabase } from '../../domain/enrichment/lookup.ts';
import { isBogon } from '../../domain/enrichment/bogons.ts';
import { ApiError } from '../errors.ts';
import { NO_CACHE, readJsonObject } from './http.ts';

const MAX_GEOLOOKUP_ADDRESSES = 1000;

/** The request body (unknown fields ignored, as pydantic); the count limit is checked apart, with its own code. */
export const geolookupBody = z.object({
  addresses: z.array(z.union([z.ipv4(), z.ipv6()])).meta({ description: 'IPv4 or IPv6 addresses to geolocate' }),
});

interface GeoLookupResult {
  cc: string;
  asn: number | null;
  as_name: string | null;
}

export function createGeolookupRoutes(opts: { ipDatabase: () => Promise<IpDatabase> }): Hono {
  const app = new Hono();
  app.post('/api/v1/geolookup', async (c) => {
    const parsed = geolookupBody.safeParse(await readJsonObject(c));
    if (!parsed.success) throw new ApiError('invalid_addresses', 'expected {"addresses": [IPv4 or IPv6 address, …]}');
    const { addresses } = parsed.data;
    if (addresses.length > MAX_GEOLOOKUP_ADDRESSES)
      throw new ApiError('too_many_addresses', `at most ${MAX_GEOLOOKUP_ADDRESSES} addresses per request, got ${addresses.length}`);
    const db = await opts.ipDatabase().catch((err: unknown) => {
      throw new ApiError('ip_database_unavailable', 'the IP database is unavailable', { headers: { 'Retry-After': '30' }, cause: err });
    });
    const geolocation: Record<string, GeoLookupResult> = {};
    for (const address of addresses) {
      const key = formatIp(parseIp(address)!);
      const info = lookupIp(db, address);
      const placed = info.asn !== 0 && !isBogon(address);
      geolocation[key] = { cc: info.cc, asn: placed ? info.asn : null, as_name: placed ? info.asOrgName : null };
    }
    return c.json({ v: 1, geolocation }, 200, NO_CACHE);
  });
  return app;
}
