// GET /api/v1/incidents/search → {"incidents": [...]} (no `text`), ordered by title then id.
// Anonymous callers get published findings only; only_mine keeps the caller's own (none when anonymous).
import { Hono } from 'hono';
import { seesUnpublished } from '../../domain/findings/access.ts';
import { renderFinding } from '../../domain/findings/render.ts';
import type { ApiDeps } from '../deps.ts';
import { NO_CACHE } from './http.ts';
import { findingSearchQuery, searchQueryInput } from './search-params.ts';
import { searchFindings } from './store.ts';
import { viewerOf } from './viewer.ts';

export function createFindingSearchRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/api/v1/incidents/search', async (c) => {
    const q = findingSearchQuery.parse(searchQueryInput(c.req.queries()));
    const viewer = viewerOf(c);
    const rows = await searchFindings(deps.db, {
      onlyMineOf: q.only_mine ? viewer.accountId : undefined,
      publishedOnly: !seesUnpublished(viewer),
      themes: q.theme,
      countryCodes: q.country_code,
      asns: q.asn,
      domains: q.domain,
    });
    return c.json({ incidents: rows.map((r) => renderFinding(r, viewer)) }, 200, NO_CACHE);
  });
  return app;
}
