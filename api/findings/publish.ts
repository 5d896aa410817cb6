// POST /api/v1/incidents/{publish|unpublish} {id} (admins) → {"id", "r": 1}. Any other action is a
// 400 for an admin; the role is checked first, so a user gets 401 whatever the action (as upstream).
import { Hono } from 'hono';
import { findingIdBody } from '../../domain/findings/finding-body.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { findingBodyOf, NO_CACHE, notFound } from './http.ts';
import { setPublished } from './store.ts';
import { requireFindingsAdmin } from './viewer.ts';

export function createFindingPublishRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.post('/api/v1/incidents/:action', async (c) => {
    requireFindingsAdmin(c);
    const action = c.req.param('action');
    if (action !== 'publish' && action !== 'unpublish') throw new ApiError('invalid_finding_action', 'Invalid query action');
    const body = await findingBodyOf(c, findingIdBody);
    if (!body.id || !(await setPublished(deps.db, body.id, action === 'publish'))) throw notFound();
    deps.log.info({ findingId: body.id }, `finding ${action}ed`);
    return c.json({ id: body.id, r: 1 }, 200, NO_CACHE);
  });
  return app;
}
