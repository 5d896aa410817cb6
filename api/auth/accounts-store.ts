// The accounts table: created or updated at each completed login (role as decided then).
import type postgres from 'postgres';
import type { Role } from './session.ts';

export async function recordLogin(sql: postgres.Sql, account: { accountId: string; email: string; role: Role }, now: Date): Promise<void> {
  await sql`
    insert into accounts (account_id, email_address, role, created_at, last_login_at)
    values (${account.accountId}, ${account.email}, ${account.role}, ${now.toISOString()}, ${now.toISOString()})
    on conflict (account_id) do update set role = excluded.role, last_login_at = excluded.last_login_at`;
}

/** The email address of an account, for its owner's own answers; null when unknown. */
export async function emailOfAccount(sql: postgres.Sql, accountId: string): Promise<string | null> {
  const [row] = await sql<{ email_address: string }[]>`select email_address from accounts where account_id = ${accountId}`;
  return row?.email_address ?? null;
}
