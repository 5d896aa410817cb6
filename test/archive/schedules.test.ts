import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { applySchedules } from '../../schedules/apply.ts';
import { scheduleDefinitions } from '../../schedules/definitions.ts';
import { connectTestEnvironment, uniqueTaskQueue } from '../helpers/temporal.ts';

let env: TestWorkflowEnvironment;
const prefix = `${uniqueTaskQueue('archive')}-`;
let applied: string[] = [];
before(async () => {
  env = await connectTestEnvironment();
});
after(async () => {
  for (const id of applied)
    await env.client.schedule
      .getHandle(id)
      .delete()
      .catch(() => {});
  await env?.teardown();
});

const seal = (minutes: number) => scheduleDefinitions({ SEAL_INTERVAL_MINUTES: minutes, COLLECTOR_ID: '3' }).find((d) => d.id === 'seal-archive')!;

test('seal-archive runs at minute 10 of every hour by default, every N minutes when configured', () => {
  assert.deepEqual(seal(60).spec, { intervals: [{ every: '60 minutes', offset: '10 minutes' }] });
  assert.deepEqual(seal(60).args, [{ collectorId: '3' }]);
  assert.equal(seal(60).workflowType, 'sealArchiveWorkflow');
  assert.deepEqual(seal(1).spec, { intervals: [{ every: '1 minutes', offset: '0 minutes' }] });
});

test('applySchedules creates seal-archive, then updates it in place (idempotent)', async () => {
  const taskQueue = uniqueTaskQueue('schedules');
  const config = { SEAL_INTERVAL_MINUTES: 60, COLLECTOR_ID: '0', TEMPORAL_TASK_QUEUE: taskQueue };
  applied = await applySchedules(env.client, config, { idPrefix: prefix });
  assert.ok(applied.includes(`${prefix}seal-archive`));
  assert.deepEqual(await applySchedules(env.client, config, { idPrefix: prefix }), applied);
  await applySchedules(env.client, { ...config, SEAL_INTERVAL_MINUTES: 5 }, { idPrefix: prefix });
  const d = await env.client.schedule.getHandle(`${prefix}seal-archive`).describe();
  assert.equal(d.spec.intervals?.[0]?.every, 5 * 60_000);
  assert.equal(d.action.type === 'startWorkflow' ? d.action.workflowType : '', 'sealArchiveWorkflow');
  assert.equal(d.action.type === 'startWorkflow' ? d.action.taskQueue : '', taskQueue);
});
