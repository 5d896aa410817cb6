// Login mails are limited per client address and per email address (LOGIN_RATE_LIMITS_PER_*,
// counts of requests per fixed window). The counters are rows of rate_limits (shared by every API
// process) under `login-address:` / `login-email:` keys holding a keyed hash, never the value.
import type { Context } from 'hono';
import type postgres from 'postgres';
import { parseRateLimits } from '../../lib/config.ts';
import { ApiError } from '../errors.ts';
import { hashedKey, requestIp } from '../query/rate-limit.ts';

export interface LoginRateLimitOptions {
  perAddress: string;
  perEmail: string;
  hashKey: string;
  trustedProxyHops: number;
  clock: () => Date;
}

export function createLoginRateLimit(sql: postgres.Sql, opts: LoginRateLimitOptions) {
  const perAddress = parseRateLimits(opts.perAddress);
  const perEmail = parseRateLimits(opts.perEmail);

  /** Counts one request under `key` in every window; throws 429 once any window is over its amount. */
  async function consume(key: string, limits: { amount: number; seconds: number }[], what: string): Promise<void> {
    const nowSec = Math.floor(opts.clock().getTime() / 1000);
    const windows = limits.map((l) => ({ ...l, start: nowSec - (nowSec % l.seconds) }));
    const rows = await sql<{ window_seconds: number; used: string }[]>`
      insert into rate_limits (key, window_seconds, window_start, used)
      select ${key}, s, w, 1 from unnest(${windows.map((w) => w.seconds)}::int[], ${windows.map((w) => w.start)}::bigint[]) as x(s, w)
      on conflict (key, window_seconds, window_start) do update set used = rate_limits.used + 1
      returning window_seconds, used::text`;
    const over = windows.filter((w) => Number(rows.find((r) => r.window_seconds === w.seconds)?.used ?? 0) > w.amount);
    if (over.length) {
      const retryAfter = Math.max(1, ...over.map((w) => w.start + w.seconds - nowSec));
      throw new ApiError('login_rate_limited', `too many login requests ${what}; retry later`, { headers: { 'Retry-After': String(retryAfter) } });
    }
  }

  return {
    /** before anything else of a login request */
    address: (c: Context) =>
      consume(`login-address:${hashedKey(opts.hashKey, requestIp(c, opts.trustedProxyHops))}`, perAddress, 'from this address'),
    /** once the email address is known to be one */
    email: (email: string) => consume(`login-email:${hashedKey(opts.hashKey, email)}`, perEmail, 'for this email address'),
  };
}
