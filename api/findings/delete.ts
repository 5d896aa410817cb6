// POST /api/v1/incidents/delete {id, email_address} (users and admins) → {}: removes the finding.
// A user deletes only their own (404 for others) and must send their own address (403 otherwise).
import { Hono } from 'hono';
import { ownerFilter, userWriteProblem } from '../../domain/findings/access.ts';
import { findingDeleteBody } from '../../domain/findings/finding-body.ts';
import type { ApiDeps } from '../deps.ts';
import { requireRole } from '../auth/session.ts';
import { ApiError } from '../errors.ts';
import { findingBodyOf, NO_CACHE, notFound } from './http.ts';
import { deleteFinding } from './store.ts';
import { callerEmail } from './viewer.ts';

export function createFindingDeleteRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.post('/api/v1/incidents/delete', async (c) => {
    const session = requireRole(c);
    const body = await findingBodyOf(c, findingDeleteBody);
    const email = session.role === 'admin' ? null : await callerEmail(deps.db, session.accountId);
    if (userWriteProblem(session.role, body.email_address, email, false)) {
      throw new ApiError('finding_email_not_yours', 'You are not allowed to delete the incident');
    }
    if (!body.id || !(await deleteFinding(deps.db, body.id, ownerFilter(session)))) throw notFound();
    deps.log.info({ findingId: body.id }, 'finding deleted');
    return c.json({}, 200, NO_CACHE);
  });
  return app;
}
