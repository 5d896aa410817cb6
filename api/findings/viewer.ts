// The caller of an incidents route, from the session of api/auth/session.ts: anonymous, a user or
// an admin; and the caller's email address (the accounts table), which the write rules compare
// with the body's `email_address` as upstream compares it with the token's.
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { accounts } from '../../drizzle/schema.ts';
import { ANONYMOUS, type Viewer } from '../../domain/findings/access.ts';
import type { Database } from '../../lib/db.ts';
import { requireRole, sessionOf, type Session } from '../auth/session.ts';
import { ApiError } from '../errors.ts';

export function viewerOf(c: Context): Viewer {
  const s = sessionOf(c);
  return s ? { accountId: s.accountId, role: s.role } : ANONYMOUS;
}

/** Admins only: no session → 401 auth_required; a user → 401 as OONI's role_required answers. */
export function requireFindingsAdmin(c: Context): Session {
  const s = requireRole(c);
  if (s.role !== 'admin') throw new ApiError('finding_role_not_authorized', 'Role not authorized');
  return s;
}

export async function callerEmail(db: Database, accountId: string): Promise<string | null> {
  const [row] = await db.select({ email: accounts.emailAddress }).from(accounts).where(eq(accounts.accountId, accountId));
  return row?.email ?? null;
}
