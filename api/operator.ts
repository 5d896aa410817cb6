// Operator endpoints: thin routes that start the archive's and the schedules' workflows.
//   POST /api/v1/operator/seal                   {hour?: "YYYYMMDDHH"}  → sealHourWorkflow / sealArchiveWorkflow
//   POST /api/v1/operator/reprocess              {start_day, end_day, probe_cc?, test_name?} → reprocessWorkflow
//   POST /api/v1/operator/schedules/{id}/trigger → a run of a known schedule now
// `Authorization: Bearer $OPERATOR_TOKEN` (constant-time comparison); 404 when no token is set.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import { parseHour } from '../domain/archive/bucket.ts';
import { sealArchiveWorkflowId, startReprocessWorkflow, startSealArchiveWorkflow, startSealHourWorkflow } from '../client.ts';
import { isPlainObject } from '../domain/submission/parse-json-object.ts';
import { validateReprocessRequest, type ReprocessProblem } from '../domain/reprocess-request.ts';
import { scheduleDefinitions } from '../schedules/definitions.ts';
import type { ApiDeps } from './deps.ts';
import { ApiError } from './errors.ts';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Compares digests so that neither the token's length nor its content shows in the timing. */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

function operatorAuth(token: string | undefined): MiddlewareHandler {
  const expected = token ? digest(token) : null;
  return async (c, next) => {
    if (!expected) throw new ApiError('not_found', `no route for ${c.req.method} ${c.req.path}`);
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
    if (!m || !timingSafeEqual(digest(m[1]!), expected)) {
      throw new ApiError('unauthorized', 'operator endpoints need Authorization: Bearer <OPERATOR_TOKEN>', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
    }
    await next();
  };
}

async function jsonBody(c: Context): Promise<Record<string, unknown> | null> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    const v: unknown = JSON.parse(text);
    return isPlainObject(v) ? v : null;
  } catch {
    return null;
  }
}

/** The API's code and message for each problem of a reprocess request. */
const REPROCESS_PROBLEMS: Record<ReprocessProblem, [code: 'invalid_day' | 'invalid_probe_cc' | 'invalid_test_name', message: string]> = {
  invalid_day: ['invalid_day', 'start_day and end_day: YYYY-MM-DD'],
  end_before_start: ['invalid_day', 'end_day is before start_day'],
  invalid_probe_cc: ['invalid_probe_cc', 'probe_cc: two upper-case letters'],
  invalid_test_name: ['invalid_test_name', 'test_name: a test name such as web_connectivity'],
};

export function createOperatorRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.use('/api/v1/operator/*', operatorAuth(deps.config.OPERATOR_TOKEN));
  const taskQueue = deps.config.TEMPORAL_TASK_QUEUE;
  const started = (c: Context, workflowId: string, runId: string) =>
    c.json({ workflow_id: workflowId, run_id: runId }, 202, { 'Cache-Control': 'no-cache' });
  const unavailable = (err: unknown): never => {
    deps.log.warn({ err }, 'operator: temporal unavailable');
    throw new ApiError('temporal_unavailable', 'temporal is unavailable; retry later', { headers: { 'Retry-After': '30' } });
  };

  app.post('/api/v1/operator/seal', async (c) => {
    const body = await jsonBody(c);
    if (!body) throw new ApiError('invalid_json', 'body: a JSON object');
    const hour = body.hour;
    if (hour !== undefined && (typeof hour !== 'string' || !parseHour(hour))) throw new ApiError('invalid_hour', 'hour: YYYYMMDDHH');
    const options = { collectorId: deps.config.COLLECTOR_ID };
    try {
      const handle =
        typeof hour === 'string'
          ? await startSealHourWorkflow(deps.temporal, taskQueue, { ...options, hour })
          : await startSealArchiveWorkflow(deps.temporal, taskQueue, options, {
              workflowId: sealArchiveWorkflowId('operator', Date.now()),
              workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
            });
      return started(c, handle.workflowId, handle.firstExecutionRunId);
    } catch (err) {
      return unavailable(err);
    }
  });

  app.post('/api/v1/operator/reprocess', async (c) => {
    const body = await jsonBody(c);
    if (!body) throw new ApiError('invalid_json', 'body: a JSON object');
    const request = validateReprocessRequest({ startDay: body.start_day, endDay: body.end_day, probeCc: body.probe_cc, testName: body.test_name });
    if (!request.ok) {
      const [code, message] = REPROCESS_PROBLEMS[request.problem];
      throw new ApiError(code, message);
    }
    try {
      const handle = await startReprocessWorkflow(deps.temporal, taskQueue, request.input);
      return started(c, handle.workflowId, handle.firstExecutionRunId);
    } catch (err) {
      return unavailable(err);
    }
  });

  app.post('/api/v1/operator/schedules/:id/trigger', async (c) => {
    const id = c.req.param('id');
    const known = scheduleDefinitions(deps.config).map((d) => d.id);
    if (!known.includes(id)) throw new ApiError('unknown_schedule', `schedules: ${known.join(', ')}`);
    try {
      await deps.temporal.schedule.getHandle(id).trigger();
      return c.json({ schedule_id: id, triggered: true }, 202, { 'Cache-Control': 'no-cache' });
    } catch (err) {
      if ((err as Error).name === 'ScheduleNotFoundError')
        throw new ApiError('unknown_schedule', `schedule ${id} is not created yet (the worker creates it)`);
      return unavailable(err);
    }
  });
  return app;
}
