// Account sessions: a session is an HS256 JWT (audience `user_auth`, as OONI's ooniauth) signed with
// ACCOUNT_JWT_SECRET, carrying the account_id, the role decided at login and the login time, never
// the email address. The app-wide middleware verifies `Authorization: Bearer <token>` once per
// request; routes read the result with sessionOf / requireRole. A missing, invalid or expired token
// is an anonymous caller (probe tokens use another secret and audience and never pass).
import type { Context, MiddlewareHandler } from 'hono';
import { errors, jwtVerify, SignJWT } from 'jose';
import { ApiError } from '../errors.ts';

export type Role = 'user' | 'admin';
export interface Session {
  accountId: string;
  role: Role;
}

/** What the middleware found: the session and its login time, or why there is none. */
interface AuthState {
  session: Session | null;
  /** unix seconds of the login the session descends from (refreshes keep it) */
  loginTime?: number;
  failure?: 'invalid' | 'expired';
}

declare module 'hono' {
  interface ContextVariableMap {
    auth: AuthState;
  }
}

const SESSION_AUDIENCE = 'user_auth';
const ROLES: readonly Role[] = ['user', 'admin'];
const DAY_SECONDS = 86_400;

export interface SessionKeys {
  secret: string;
  clock: () => Date;
}

export interface SessionLifetime {
  sessionDays: number;
  loginDays: number;
}

const keyOf = (secret: string) => new TextEncoder().encode(secret);

/**
 * A session token for `session`, valid `sessionDays` from now but never past `loginDays` after
 * `loginTime` (unix seconds; a refresh passes the original one so a login ages out).
 */
export async function createSessionToken(keys: SessionKeys, life: SessionLifetime, session: Session, loginTime: number): Promise<string> {
  const now = Math.floor(keys.clock().getTime() / 1000);
  const exp = Math.min(now + life.sessionDays * DAY_SECONDS, loginTime + life.loginDays * DAY_SECONDS);
  return new SignJWT({ account_id: session.accountId, role: session.role, login_time: loginTime })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setAudience(SESSION_AUDIENCE)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(exp)
    .sign(keyOf(keys.secret));
}

async function verifySessionToken(keys: SessionKeys, token: string): Promise<AuthState> {
  try {
    const { payload } = await jwtVerify(token, keyOf(keys.secret), {
      algorithms: ['HS256'],
      audience: SESSION_AUDIENCE,
      currentDate: keys.clock(),
      requiredClaims: ['exp'],
    });
    const { account_id: accountId, role, login_time: loginTime } = payload;
    if (typeof accountId !== 'string' || !accountId || !ROLES.includes(role as Role) || typeof loginTime !== 'number') {
      return { session: null, failure: 'invalid' };
    }
    return { session: { accountId, role: role as Role }, loginTime };
  } catch (err) {
    return { session: null, failure: err instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}

/** Reads the Bearer session of every request into the context (mount app-wide, before the routes). */
export function sessionMiddleware(keys: SessionKeys): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('Authorization');
    const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    c.set('auth', m ? await verifySessionToken(keys, m[1]!) : { session: null });
    await next();
  };
}

const authOf = (c: Context): AuthState => c.get('auth') ?? { session: null };

/** The caller's session, read from `Authorization: Bearer <session JWT>` by the app-wide session middleware; null when anonymous. */
export function sessionOf(c: Context): Session | null {
  return authOf(c).session;
}

/** The login time (unix seconds) of the caller's session, for a refresh; null when anonymous. */
export function loginTimeOf(c: Context): number | null {
  const auth = authOf(c);
  return auth.session && auth.loginTime !== undefined ? auth.loginTime : null;
}

/** The caller's session if it has one of `roles` (default both); else throws ApiError 401 'auth_required' (no/invalid/expired token) or 403 'auth_forbidden'. */
export function requireRole(c: Context, ...roles: Role[]): Session {
  const auth = authOf(c);
  if (!auth.session) {
    throw new ApiError('auth_required', auth.failure === 'expired' ? 'Expired token' : 'Authentication required');
  }
  if (!(roles.length ? roles : ROLES).includes(auth.session.role)) throw new ApiError('auth_forbidden', 'Role not authorized');
  return auth.session;
}
