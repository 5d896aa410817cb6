// Explorer: /api/_/asnmeta (organisation name of an ASN, "Unknown" when the IP database has
// none) and /api/_/networks (every ASN with its all-time measurement count from the counters,
// org_name "" when unknown), as OONI's API. Names come from the one IP database (lib/enrichment).
import { Hono } from 'hono';
import type postgres from 'postgres';
import { z } from 'zod';
import type { IpDatabase } from '../../domain/enrichment/lookup.ts';
import { ApiError } from '../errors.ts';
import { cacheFor } from './http.ts';
import { withCounters, type CountersMode } from './live-counters.ts';
import { parseAsn, parseQuery, queryParam } from './params.ts';

const TWO_HOURS = 7200;

export const asnmetaQuery = z.object({
  asn: queryParam(
    z
      .string()
      .regex(/^([Aa][Ss])?\d{1,10}$/)
      .describe('required; 1234 or AS1234'),
    (raw) => {
      if (raw === undefined || raw === '') throw new ApiError('missing_parameter', 'missing asn');
      try {
        return parseAsn('asn', raw);
      } catch {
        throw new ApiError('invalid_parameter', 'incorrect asn', { status: 400 });
      }
    },
  ),
});

export function createExplorerNetworkRoutes(deps: { sql: postgres.Sql; ipDatabase: () => Promise<IpDatabase>; counters?: CountersMode }): Hono {
  const app = new Hono();
  const database = () =>
    deps.ipDatabase().catch((err: unknown) => {
      throw new ApiError('ip_database_unavailable', 'the IP database is unavailable', { headers: { 'Retry-After': '30' }, cause: err });
    });

  app.get('/api/_/asnmeta', async (c) => {
    const { asn } = parseQuery(asnmetaQuery, c.req.query());
    const db = await database();
    return c.json({ org_name: db.orgName(asn) ?? 'Unknown' }, 200, cacheFor(TWO_HOURS));
  });

  app.get('/api/_/networks', async (c) => {
    const [rows, db] = await Promise.all([
      withCounters(
        deps.sql,
        deps.counters ?? 'live',
        (tx, source) => tx<{ asn: string; cnt: string }[]>`
          select probe_asn::text as asn, sum(measurement_count)::text as cnt from ${source.signed('counters_daily_network')} t
          group by probe_asn having sum(measurement_count) > 0 order by probe_asn`,
      ),
      database(),
    ]);
    const results = rows.map((r) => ({ probe_asn: Number(r.asn), cnt: Number(r.cnt), org_name: db.orgName(Number(r.asn)) ?? '' }));
    return c.json({ v: 0, results }, 200, cacheFor(TWO_HOURS));
  });
  return app;
}
