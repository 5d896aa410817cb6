// Rate limiting of the query API, keyed by a hash of the client IP, as the newer OONI service:
// cost = handling time in 10 ms units (at least 1), consumed from every window; 429 once any
// window is spent. Counters live in PostgreSQL (fixed windows, one atomic upsert per window) so
// every API instance shares them.
import { createHash } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type postgres from 'postgres';
import { apiError } from '../errors.ts';

export interface RateLimitOptions {
  /** `limits` syntax, e.g. `10/minute;400000/day;200000/7day`; units of 10 ms of handling time. */
  limits?: string;
  whitelist?: string[];
  /** Key for hashing client IPs so raw addresses are never stored. */
  hashKey?: string;
  nowMs?: () => number;
}

export const DEFAULT_RATE_LIMITS = '1000/minute;400000/day;2000000/7day';

interface Limit {
  amount: number;
  seconds: number;
}

const UNIT_SECONDS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400, month: 2_592_000, year: 31_536_000 };

export function parseLimits(spec: string): Limit[] {
  return spec
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const m = /^(\d+)\s*(?:\/|per)\s*(\d*)\s*(second|minute|hour|day|month|year)s?$/i.exec(item);
      if (!m) throw new Error(`invalid rate limit ${JSON.stringify(item)}`);
      return { amount: Number(m[1]), seconds: Number(m[2] || 1) * UNIT_SECONDS[m[3]!.toLowerCase()]! };
    });
}

export function clientIp(c: Context): string {
  const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
  if (forwarded) return forwarded;
  const real = c.req.header('X-Real-IP')?.trim();
  if (real) return real;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // not served by node (app.request in tests)
  }
}

export function rateLimit(sql: postgres.Sql, opts: RateLimitOptions = {}): MiddlewareHandler {
  const limits = parseLimits(opts.limits ?? DEFAULT_RATE_LIMITS);
  const whitelist = new Set(opts.whitelist ?? []);
  const nowMs = opts.nowMs ?? Date.now;
  const hashKey = opts.hashKey ?? '';
  return async (c, next) => {
    const ip = clientIp(c);
    if (whitelist.has(ip)) return next();
    const key = createHash('sha256').update(`${hashKey}\0${ip}`).digest('hex').slice(0, 32);
    const nowSec = Math.floor(nowMs() / 1000);
    const windows = limits.map((l) => ({ ...l, start: nowSec - (nowSec % l.seconds) }));
    const used = await sql<{ window_seconds: number; used: string }[]>`
      select r.window_seconds, r.used::text from rate_limits r
      join unnest(${windows.map((w) => w.seconds)}::int[], ${windows.map((w) => w.start)}::bigint[]) as x(s, w)
        on r.window_seconds = x.s and r.window_start = x.w
      where r.key = ${key}`;
    const usedIn = (w: (typeof windows)[number]) => Number(used.find((u) => u.window_seconds === w.seconds)?.used ?? 0);
    const spent = windows.filter((w) => w.amount - usedIn(w) <= 0);
    if (spent.length) {
      const retryAfter = Math.max(...spent.map((w) => w.start + w.seconds - nowSec));
      return apiError(c, 429, 'rate_limited', 'quota exceeded', {
        'Retry-After': String(Math.max(retryAfter, 1)),
        'X-RateLimit-Remaining': '0',
      });
    }
    const started = nowMs();
    await next();
    const cost = Math.max(1, Math.floor((nowMs() - started) / 10));
    const after = await sql<{ window_seconds: number; used: string }[]>`
      insert into rate_limits (key, window_seconds, window_start, used)
      select ${key}, s, w, ${cost}::bigint
      from unnest(${windows.map((w) => w.seconds)}::int[], ${windows.map((w) => w.start)}::bigint[]) as x(s, w)
      on conflict (key, window_seconds, window_start) do update set used = rate_limits.used + excluded.used
      returning window_seconds, used::text`;
    const remaining = Math.min(...windows.map((w) => w.amount - Number(after.find((a) => a.window_seconds === w.seconds)?.used ?? 0)));
    c.header('X-RateLimit-Remaining', String(Math.max(remaining, 0)));
    if (Math.random() < 0.01) {
      await sql`delete from rate_limits where window_start + window_seconds < ${nowSec}`.catch(() => {});
    }
  };
}
