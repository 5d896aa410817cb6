// The v1 account routes Explorer calls: POST /api/v1/user_register (mails the link), GET
// /api/v1/user_login?k=<token> (→ bearer), GET /api/v1/user_refresh_token, GET /api/_/account_metadata.
import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { NO_CACHE } from '../probe/http.ts';
import { parseQuery, queryParam } from '../query/params.ts';
import type { LoginFlow } from './login-flow.ts';
import { requireRole, sessionOf } from './session.ts';

/** GET /api/v1/user_login */
export const userLoginQuery = z.object({
  k: queryParam(z.string().min(1).meta({ description: 'the login token of the mailed link (required)' }), (raw) => {
    if (!raw) throw new ApiError('missing_parameter', 'k: the login token is required');
    return raw;
  }),
});

export function createOoniauthV1Routes(flow: LoginFlow): Hono {
  const app = new Hono();

  app.post('/api/v1/user_register', async (c) => {
    await flow.requestLink(c);
    return c.json({ msg: 'ok' }, 200, NO_CACHE);
  });

  app.get('/api/v1/user_login', async (c) => {
    const { k } = parseQuery(userLoginQuery, c.req.query());
    const l = await flow.redeem(k);
    return c.json({ bearer: l.sessionToken, redirect_to: l.redirectTo, email_address: l.email }, 200, NO_CACHE);
  });

  app.get('/api/v1/user_refresh_token', async (c) => {
    requireRole(c, 'admin', 'user');
    const l = await flow.refresh(c);
    if (!l) throw new ApiError('auth_required', 'Authentication required');
    return c.json({ bearer: l.sessionToken }, 200, NO_CACHE);
  });

  app.get('/api/_/account_metadata', (c) => {
    const session = sessionOf(c);
    return c.json(session ? { logged_in: true, role: session.role } : { logged_in: false, role: '' }, 200, NO_CACHE);
  });

  return app;
}
