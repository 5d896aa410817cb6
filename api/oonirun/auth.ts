// What the OONI Run routes need from the caller's session (the contract of api/auth/session.ts),
// passed in by createApp so the routes depend on the contract, not on how sessions are made.
import type { Context } from 'hono';

interface OonirunSession {
  accountId: string;
  role: 'user' | 'admin';
}

export interface OonirunAuth {
  /** the caller's session, or null when anonymous (an invalid token counts as anonymous) */
  sessionOf(c: Context): OonirunSession | null;
  /** the caller's session with role user or admin; otherwise throws the 401/403 ApiError */
  requireUser(c: Context): OonirunSession;
}
