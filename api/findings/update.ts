// POST /api/v1/incidents/update (users and admins) → {"id", "r": 1}: replaces the finding `id`'s
// content. A user reaches only their own findings (404 for others), must keep their own address in
// email_address and may not publish (403 each, as upstream). The slug never changes.
import { Hono } from 'hono';
import { ownerFilter, userWriteProblem } from '../../domain/findings/access.ts';
import { findingBody } from '../../domain/findings/finding-body.ts';
import type { ApiDeps } from '../deps.ts';
import { requireRole } from '../auth/session.ts';
import { ApiError } from '../errors.ts';
import { findingBodyOf, NO_CACHE, notFound } from './http.ts';
import { updateFinding } from './store.ts';
import { callerEmail } from './viewer.ts';

export function createFindingUpdateRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.post('/api/v1/incidents/update', async (c) => {
    const session = requireRole(c);
    const body = await findingBodyOf(c, findingBody);
    const email = session.role === 'admin' ? null : await callerEmail(deps.db, session.accountId);
    const problem = userWriteProblem(session.role, body.email_address, email, body.published);
    if (problem === 'email_not_yours') {
      throw new ApiError('finding_email_not_yours', 'You are not allowed to set the email address to something other than your email address');
    }
    if (problem === 'publish_forbidden') throw new ApiError('finding_publish_forbidden', 'You are not allowed to publish');
    if (!body.id || !(await updateFinding(deps.db, body.id, ownerFilter(session), body, deps.clock()))) throw notFound();
    deps.log.info({ findingId: body.id }, 'finding updated');
    return c.json({ id: body.id, r: 1 }, 200, NO_CACHE);
  });
  return app;
}
