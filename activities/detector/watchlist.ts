// The detector's domains (ooni-data.md §7.1): the global Citizen Lab list's GRP domains (table
// citizenlab, cc `ZZ`) plus twitter.com, or DETECTOR_DOMAINS when set.
import { and, eq } from 'drizzle-orm';
import { citizenlab } from '../../drizzle/schema.ts';
import { watchlist } from '../../domain/detector/index.ts';
import type { ActivityDeps } from '../deps.ts';

export async function detectorDomains(deps: Pick<ActivityDeps, 'db' | 'detector'>): Promise<string[]> {
  const override = deps.detector?.domains;
  if (override) return watchlist([], override);
  const rows = await deps.db
    .selectDistinct({ domain: citizenlab.domain })
    .from(citizenlab)
    .where(and(eq(citizenlab.categoryCode, 'GRP'), eq(citizenlab.cc, 'ZZ')));
  return watchlist(rows.map((r) => r.domain));
}
