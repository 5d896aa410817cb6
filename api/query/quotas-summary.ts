// GET /api/_/quotas_summary (admin only): the 20 client keys with the least query quota left, as
// OONI's admin view. Keys are the keyed hashes the query rate limiter stores (never addresses);
// remaining = the smallest amount left over the current windows of QUERY_RATE_LIMITS, in seconds of
// handling time (the limiter meters 10 ms units). Login counters (login-… keys) are not listed.
import { Hono } from 'hono';
import { parseRateLimits } from '../../lib/config.ts';
import { requireRole } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';
import { NO_CACHE } from '../probe/http.ts';

export function createQuotasSummaryRoutes(deps: ApiDeps): Hono {
  const limits = parseRateLimits(deps.config.QUERY_RATE_LIMITS);
  const app = new Hono();
  app.get('/api/_/quotas_summary', async (c) => {
    requireRole(c, 'admin');
    // the limiter's windows run on the wall clock (rate-limit.ts), so these do too
    const nowSec = Math.floor(Date.now() / 1000);
    const rows = await deps.sql<{ key: string; remaining: string }[]>`
      select r.key, min(x.amount - r.used)::text as remaining
      from rate_limits r
      join unnest(${limits.map((l) => l.seconds)}::int[], ${limits.map((l) => nowSec - (nowSec % l.seconds))}::bigint[],
                  ${limits.map((l) => l.amount)}::bigint[]) as x(s, w, amount)
        on r.window_seconds = x.s and r.window_start = x.w
      where r.key not like 'login-%'
      group by r.key
      order by min(x.amount - r.used), r.key
      limit 20`;
    return c.json(
      rows.map((r) => [r.key, Math.max(0, Number(r.remaining)) / 100]),
      200,
      NO_CACHE,
    );
  });
  return app;
}
