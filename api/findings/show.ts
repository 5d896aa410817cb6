// GET /api/v1/incidents/show/{id} → {"incident": {..., text}}: by id when the key is an integer,
// else by slug (as upstream); 404 when there is none, or it is unpublished and the caller anonymous.
import { Hono } from 'hono';
import { seesUnpublished } from '../../domain/findings/access.ts';
import { renderFindingWithText } from '../../domain/findings/render.ts';
import { isIdKey } from '../../domain/findings/slug.ts';
import type { ApiDeps } from '../deps.ts';
import { NO_CACHE, notFound } from './http.ts';
import { findFinding } from './store.ts';
import { viewerOf } from './viewer.ts';

export function createFindingShowRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/api/v1/incidents/show/:id', async (c) => {
    const key = c.req.param('id');
    const viewer = viewerOf(c);
    const finding = await findFinding(deps.db, key, isIdKey(key), !seesUnpublished(viewer));
    if (!finding) throw notFound();
    return c.json({ incident: renderFindingWithText(finding, viewer) }, 200, NO_CACHE);
  });
  return app;
}
