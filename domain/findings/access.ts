// Who may see and change which finding (oonifindings' rules). Anonymous viewers see published
// findings only; any logged-in viewer sees all. Admins create, publish and change any finding;
// a user changes or deletes only findings they created, never publishes, and may only put their
// own email address in `email_address`. Creating needs the admin's own address there.

export type Role = 'user' | 'admin';

export interface Viewer {
  accountId: string | null;
  role: Role | null;
}

export const ANONYMOUS: Viewer = { accountId: null, role: null };

export const seesUnpublished = (v: Viewer): boolean => v.accountId !== null;

/** A user may only reach their own findings; an admin any (the owner filter, or none). */
export const ownerFilter = (v: { accountId: string; role: Role }): string | null => (v.role === 'admin' ? null : v.accountId);

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export type WriteProblem = 'creator_email' | 'email_not_yours' | 'publish_forbidden';

/** create: the body's email_address must be the (admin) caller's own. */
export function createProblem(bodyEmail: string, callerEmail: string | null): WriteProblem | null {
  return callerEmail !== null && sameAddress(bodyEmail, callerEmail) ? null : 'creator_email';
}

/** update and delete by a user: their own address, and (update) not published; admins: no rule. */
export function userWriteProblem(role: Role, bodyEmail: string, callerEmail: string | null, publishes: boolean): WriteProblem | null {
  if (role === 'admin') return null;
  if (callerEmail === null || !sameAddress(bodyEmail, callerEmail)) return 'email_not_yours';
  return publishes ? 'publish_forbidden' : null;
}
