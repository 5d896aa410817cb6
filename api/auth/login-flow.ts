// The magic-link login shared by the v1 and v2 routes: ask for a link (rate limited, mailed),
// redeem its token for a session, refresh a session.
import type { Context } from 'hono';
import { allowedRedirectOrigin, loginLink } from '../../domain/accounts/login-redirect.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { readJsonObject } from '../probe/http.ts';
import { accountIdOf } from './account-id.ts';
import { emailOfAccount, recordLogin } from './accounts-store.ts';
import { createLoginRateLimit } from './login-rate-limit.ts';
import { discardLoginToken, issueLoginToken, redeemLoginToken } from './login-tokens.ts';
import { createLoginMailer } from './mailer.ts';
import { parseBody, userLoginBody } from './schemas.ts';
import { createSessionToken, loginTimeOf, sessionOf, type Role, type Session } from './session.ts';

export interface LoggedIn {
  sessionToken: string;
  session: Session;
  email: string;
  redirectTo: string;
  /** unix seconds */
  loginTime: number;
}

export type LoginFlow = ReturnType<typeof createLoginFlow>;

export function createLoginFlow(deps: ApiDeps) {
  const { config, sql, clock, log } = deps;
  const keys = { secret: config.ACCOUNT_JWT_SECRET, clock };
  const life = { sessionDays: config.SESSION_EXPIRY_DAYS, loginDays: config.LOGIN_EXPIRY_DAYS };
  const admins = new Set(config.ADMIN_EMAILS);
  const mailer = createLoginMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, log });
  const limit = createLoginRateLimit(sql, {
    perAddress: config.LOGIN_RATE_LIMITS_PER_ADDRESS,
    perEmail: config.LOGIN_RATE_LIMITS_PER_EMAIL,
    hashKey: config.ACCOUNT_ID_HASHING_KEY,
    trustedProxyHops: config.TRUSTED_PROXY_HOPS,
    clock,
  });

  return {
    /** Mails a login link for the body's {email_address, redirect_to}; nothing is stored when the mail fails. */
    async requestLink(c: Context): Promise<{ email: string; expiresAt: Date }> {
      await limit.address(c);
      const body = parseBody(userLoginBody, await readJsonObject(c));
      const email = body.email_address.toLowerCase();
      const origin = allowedRedirectOrigin(body.redirect_to, config.LOGIN_REDIRECT_ALLOWLIST);
      if (!origin) throw new ApiError('redirect_not_allowed', 'redirect_to: Invalid URL (not on the allow-list)');
      await limit.email(email);
      const { token, expiresAt } = await issueLoginToken(sql, email, body.redirect_to, clock());
      try {
        await mailer.send(email, loginLink(origin, token));
      } catch (err) {
        await discardLoginToken(sql, token);
        const e = err as { code?: string; responseCode?: number };
        log.error({ code: e.code, responseCode: e.responseCode }, 'login mail failed');
        throw new ApiError('mail_failed', 'Unable to send the email');
      }
      return { email, expiresAt };
    },

    /** A session for the person the login token was mailed to (the token is then spent). */
    async redeem(token: string): Promise<LoggedIn> {
      const now = clock();
      const { email, redirectTo } = await redeemLoginToken(sql, token, now);
      const role: Role = admins.has(email) ? 'admin' : 'user';
      const session = { accountId: accountIdOf(email, config.ACCOUNT_ID_HASHING_KEY), role };
      await recordLogin(sql, { ...session, email }, now);
      const loginTime = Math.floor(now.getTime() / 1000);
      return { sessionToken: await createSessionToken(keys, life, session, loginTime), session, email, redirectTo, loginTime };
    },

    /** A new token for the caller's Bearer session (same role and login time); null when anonymous. */
    async refresh(c: Context): Promise<LoggedIn | null> {
      const session = sessionOf(c);
      const loginTime = loginTimeOf(c);
      if (!session || loginTime === null) return null;
      const email = (await emailOfAccount(sql, session.accountId)) ?? '';
      return { sessionToken: await createSessionToken(keys, life, session, loginTime), session, email, redirectTo: '', loginTime };
    },

    emailOf: (accountId: string) => emailOfAccount(sql, accountId),
  };
}
