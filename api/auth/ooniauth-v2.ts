// OONI's ooniauth v2: POST /api/v2/ooniauth/user-login mails a login link; POST
// /api/v2/ooniauth/user-session turns its token into a session (or refreshes the Bearer session);
// GET /api/v2/ooniauth/user-session describes the caller's session (logged out: empty fields).
import { Hono } from 'hono';
import { ApiError } from '../errors.ts';
import { NO_CACHE, readJsonObject } from '../probe/http.ts';
import type { LoggedIn, LoginFlow } from './login-flow.ts';
import { parseBody, userSessionBody } from './schemas.ts';
import { loginTimeOf, sessionOf } from './session.ts';

const isoOf = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

const sessionAnswer = (l: LoggedIn) => ({
  session_token: l.sessionToken,
  redirect_to: l.redirectTo,
  email_address: l.email,
  account_id: l.session.accountId,
  role: l.session.role,
  login_time: isoOf(l.loginTime),
  is_logged_in: true,
});

export function createOoniauthV2Routes(flow: LoginFlow): Hono {
  const app = new Hono();

  app.post('/api/v2/ooniauth/user-login', async (c) => {
    const { email, expiresAt } = await flow.requestLink(c);
    return c.json({ email_address: email, login_token_expiration: expiresAt.toISOString() }, 200, NO_CACHE);
  });

  app.post('/api/v2/ooniauth/user-session', async (c) => {
    const hasBody = (await c.req.arrayBuffer()).byteLength > 0; // Hono keeps the body for readJsonObject
    const { login_token: loginToken } = hasBody ? parseBody(userSessionBody, await readJsonObject(c)) : { login_token: undefined };
    const loggedIn = loginToken ? await flow.redeem(loginToken) : await flow.refresh(c);
    if (!loggedIn) throw new ApiError('auth_required', 'no valid session found');
    return c.json(sessionAnswer(loggedIn), 200, NO_CACHE);
  });

  app.get('/api/v2/ooniauth/user-session', async (c) => {
    const session = sessionOf(c);
    const loginTime = loginTimeOf(c);
    if (!session || loginTime === null) {
      return c.json(
        { session_token: '', redirect_to: '', email_address: '', account_id: '', role: '', login_time: null, is_logged_in: false },
        200,
        NO_CACHE,
      );
    }
    const email = (await flow.emailOf(session.accountId)) ?? '';
    return c.json(sessionAnswer({ sessionToken: '', session, email, redirectTo: '', loginTime }), 200, NO_CACHE);
  });

  return app;
}
