// Explorer's measurement feedback (OONI's msmt_feedback): GET /api/_/measurement_feedback/{uid}
// counts the votes per status (and says the caller's own vote when logged in); POST
// /api/_/measurement_feedback {measurement_uid, status} records the logged-in account's vote, one
// per (measurement, account), a later vote replacing the earlier one. Only account_ids are stored.
import { Hono } from 'hono';
import { z } from 'zod';
import { FEEDBACK_STATUSES, isFeedbackStatus } from '../../domain/accounts/feedback-status.ts';
import { requireRole, sessionOf } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { NO_CACHE, readJsonObject } from '../probe/http.ts';

const UID = /^[A-Za-z0-9._-]{3,100}$/;

/** POST /api/_/measurement_feedback (document; the route checks each field as OONI does, status first) */
export const measurementFeedbackBody = z.object({
  measurement_uid: z.string().regex(UID).meta({ description: 'the measurement voted on' }),
  status: z.enum(FEEDBACK_STATUSES).meta({ description: 'what the voter thinks happened' }),
});

function uidOf(raw: unknown): string {
  const uid = typeof raw === 'string' ? raw.trim() : '';
  if (!UID.test(uid)) throw new ApiError('invalid_measurement_uid', 'measurement_uid must be 3-100 characters of A-Z a-z 0-9 . _ -');
  return uid;
}

export function createMeasurementFeedbackRoutes(deps: ApiDeps): Hono {
  const { sql, clock } = deps;
  const app = new Hono();

  app.get('/api/_/measurement_feedback/:measurement_uid', async (c) => {
    const uid = uidOf(c.req.param('measurement_uid'));
    const accountId = sessionOf(c)?.accountId ?? null;
    const rows = await sql<{ status: string; is_mine: boolean; cnt: number }[]>`
      select status, coalesce(account_id = ${accountId}, false) as is_mine, count(*)::int as cnt
      from measurement_feedback where measurement_uid = ${uid}
      group by status, is_mine order by status`;
    const summary: Record<string, number> = {};
    let mine: string | undefined;
    for (const r of rows) {
      summary[r.status] = (summary[r.status] ?? 0) + r.cnt;
      if (r.is_mine) mine = r.status;
    }
    return c.json(mine === undefined ? { summary } : { summary, user_feedback: mine }, 200, NO_CACHE);
  });

  app.post('/api/_/measurement_feedback', async (c) => {
    const { accountId } = requireRole(c, 'admin', 'user');
    const body = await readJsonObject(c);
    const status = typeof body['status'] === 'string' ? body['status'].trim() : '';
    if (!isFeedbackStatus(status)) throw new ApiError('invalid_feedback_status', 'Invalid status');
    const uid = uidOf(body['measurement_uid']);
    await sql`
      insert into measurement_feedback (measurement_uid, account_id, status, update_time)
      values (${uid}, ${accountId}, ${status}, ${clock().toISOString()})
      on conflict (measurement_uid, account_id) do update set status = excluded.status, update_time = excluded.update_time`;
    return c.json({}, 200, NO_CACHE);
  });

  return app;
}
