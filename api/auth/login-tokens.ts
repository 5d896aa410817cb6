// Login tokens: 32 random bytes (base64url), mailed as a link; only their sha256 is stored, with
// the address and redirect_to they were asked for. Each works once, for LOGIN_TOKEN_TTL_MS.
import { createHash, randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import { ApiError } from '../errors.ts';

const LOGIN_TOKEN_TTL_MS = 24 * 3600 * 1000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Stores a new token for `email` (dropping expired ones) and returns it with its expiry. */
export async function issueLoginToken(sql: postgres.Sql, email: string, redirectTo: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + LOGIN_TOKEN_TTL_MS);
  await sql`delete from login_tokens where expires_at < ${now.toISOString()}`;
  await sql`insert into login_tokens (token_hash, email_address, redirect_to, expires_at, created_at)
    values (${tokenHash(token)}, ${email}, ${redirectTo}, ${expiresAt.toISOString()}, ${now.toISOString()})`;
  return { token, expiresAt };
}

/** Forgets a token whose mail could not be sent. */
export async function discardLoginToken(sql: postgres.Sql, token: string): Promise<void> {
  await sql`delete from login_tokens where token_hash = ${tokenHash(token)}`;
}

/** Marks the token used and returns what it was issued for; throws 401 login_token_{invalid,expired,used}. */
export async function redeemLoginToken(sql: postgres.Sql, token: string, now: Date): Promise<{ email: string; redirectTo: string }> {
  if (!TOKEN_SHAPE.test(token)) throw new ApiError('login_token_invalid', 'Invalid credentials');
  const hash = tokenHash(token);
  const at = now.toISOString();
  const [used] = await sql<{ email_address: string; redirect_to: string }[]>`
    update login_tokens set used_at = ${at}
    where token_hash = ${hash} and used_at is null and expires_at > ${at}
    returning email_address, redirect_to`;
  if (used) return { email: used.email_address, redirectTo: used.redirect_to };
  const [row] = await sql<{ used: boolean }[]>`select used_at is not null as used from login_tokens where token_hash = ${hash}`;
  if (!row) throw new ApiError('login_token_invalid', 'Invalid credentials');
  if (row.used) throw new ApiError('login_token_used', 'Login link already used');
  throw new ApiError('login_token_expired', 'Expired token');
}
