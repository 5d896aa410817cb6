// Rate limiting of the query API, keyed by a hash of the client IP, as the newer OONI service:
// cost = handling time in 10 ms units (at least 1), consumed from every window; 429 once any
// window is spent. Counters live in PostgreSQL (fixed windows, one atomic upsert per window) so
// every API instance shares them. The key is the client address as clientIp finds it.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type postgres from 'postgres';
import { DEFAULT_QUERY_RATE_LIMITS, parseRateLimits } from '../../lib/config.ts';
import { ApiError } from '../errors.ts';

export interface RateLimitOptions {
  /** `limits` syntax, e.g. `10/minute;400000/day;200000/7day`; units of 10 ms of handling time. */
  limits?: string;
  whitelist?: string[];
  /** Key for hashing client IPs so raw addresses are never stored. */
  hashKey?: string;
  /** Trusted reverse proxies in front of the API (see clientIp); 0 = ignore X-Forwarded-For. */
  trustedProxyHops?: number;
  nowMs?: () => number;
}

/** An address as written in X-Forwarded-For or by the socket → its plain form, or undefined if it is none. */
export function normaliseIp(raw: string): string | undefined {
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(s); // [v6] or [v6]:port
  if (bracketed) s = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(s)) s = s.slice(0, s.lastIndexOf(':')); // v4:port
  const kind = isIP(s);
  if (kind === 0) return undefined;
  if (kind === 4) return s;
  s = s.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(s); // IPv4 on a dual-stack socket
  return mapped ? mapped[1] : s;
}

/**
 * The address a request is metered under. `hops` is the number of reverse proxies in front of
 * the API that each append the address they were reached from to X-Forwarded-For:
 * 0 → the socket's peer (the header is ignored: any client can write it);
 * N → the entry N places from the right end, i.e. the address the outermost trusted proxy saw
 * (the leftmost entry when there are fewer). The entries left of it are the client's own word and
 * never read. An absent header or a chosen entry that is not an IP address → the socket's peer.
 */
export function clientIp(forwardedFor: string | undefined, remoteAddress: string | undefined, hops: number): string {
  const peer = (remoteAddress && normaliseIp(remoteAddress)) || 'unknown';
  if (hops < 1 || !forwardedFor) return peer;
  const entries = forwardedFor
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return peer;
  return normaliseIp(entries[Math.max(0, entries.length - hops)]!) ?? peer;
}

function remoteAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // not served by node (app.request in tests)
  }
}

/** The address `c` is metered under (clientIp of its X-Forwarded-For and socket peer). */
export const requestIp = (c: Context, hops: number): string => clientIp(c.req.header('X-Forwarded-For'), remoteAddress(c), hops);

/** The stored form of a client address (or any other personal key): a keyed hash, never the value. */
export const hashedKey = (hashKey: string, value: string): string => createHash('sha256').update(`${hashKey}\0${value}`).digest('hex').slice(0, 32);

export function rateLimit(sql: postgres.Sql, opts: RateLimitOptions = {}): MiddlewareHandler {
  const limits = parseRateLimits(opts.limits ?? DEFAULT_QUERY_RATE_LIMITS);
  const whitelist = new Set((opts.whitelist ?? []).map((ip) => normaliseIp(ip) ?? ip));
  const hops = opts.trustedProxyHops ?? 0;
  const nowMs = opts.nowMs ?? Date.now;
  const hashKey = opts.hashKey ?? '';
  return async (c, next) => {
    const ip = requestIp(c, hops);
    if (whitelist.has(ip)) return next();
    const key = hashedKey(hashKey, ip);
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
      throw new ApiError('rate_limited', 'quota exceeded', {
        headers: { 'Retry-After': String(Math.max(retryAfter, 1)), 'X-RateLimit-Remaining': '0' },
      });
    }
    const started = nowMs();
    await next();
    const cost = Math.max(1, Math.floor((nowMs() - started) / 10));
    // The counters are soft state (N keeps them in Valkey): this statement's own transaction commits
    // without waiting for the WAL flush (set_config(…, true) is SET LOCAL), which was the largest
    // part of the limiter's time per request. A PostgreSQL crash can forget the last ~0.6 s of
    // consumption, nothing else.
    const after = await sql<{ window_seconds: number; used: string }[]>`
      with async_commit as (select set_config('synchronous_commit', 'off', true))
      insert into rate_limits (key, window_seconds, window_start, used)
      select ${key}, s, w, ${cost}::bigint
      from unnest(${windows.map((w) => w.seconds)}::int[], ${windows.map((w) => w.start)}::bigint[]) as x(s, w), async_commit
      on conflict (key, window_seconds, window_start) do update set used = rate_limits.used + excluded.used
      returning window_seconds, used::text`;
    const remaining = Math.min(...windows.map((w) => w.amount - Number(after.find((a) => a.window_seconds === w.seconds)?.used ?? 0)));
    c.header('X-RateLimit-Remaining', String(Math.max(remaining, 0)));
    if (Math.random() < 0.01) {
      // not awaited: a scan of the whole table on one request in a hundred would be the p99
      void sql`delete from rate_limits where window_start + window_seconds < ${nowSec}`.catch(() => {});
    }
  };
}
