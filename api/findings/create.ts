// POST /api/v1/incidents/create (admins) → {"id": "<new id>", "r": 1}. The body's email_address must
// be the admin's own (400 otherwise, as upstream); a chosen slug must be valid and free.
import { Hono } from 'hono';
import { createProblem } from '../../domain/findings/access.ts';
import { findingBody } from '../../domain/findings/finding-body.ts';
import { isValidSlug } from '../../domain/findings/slug.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { findingBodyOf, NO_CACHE } from './http.ts';
import { createFinding } from './store.ts';
import { callerEmail, requireFindingsAdmin } from './viewer.ts';

export function createFindingCreateRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.post('/api/v1/incidents/create', async (c) => {
    const session = requireFindingsAdmin(c);
    const body = await findingBodyOf(c, findingBody);
    if (body.slug != null && !isValidSlug(body.slug)) {
      throw new ApiError('invalid_slug', 'slug: 1-64 of 0-9 A-Z a-z -, and not an integer (integers are ids)');
    }
    if (createProblem(body.email_address, await callerEmail(deps.db, session.accountId))) {
      throw new ApiError('invalid_creator_email', 'Invalid email address for creator account');
    }
    const created = await createFinding(deps.db, body, session.accountId, deps.clock(), Number(deps.config.COLLECTOR_ID));
    if (!created.ok) throw new ApiError('finding_slug_taken', `slug ${JSON.stringify(body.slug)} is taken by another finding`);
    deps.log.info({ findingId: created.id }, 'finding created');
    return c.json({ id: created.id, r: 1 }, 200, NO_CACHE);
  });
  return app;
}
