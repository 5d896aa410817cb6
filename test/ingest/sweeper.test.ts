// An upload stored in S3 whose workflow never started is found and processed by the sweeper.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { fastpath } from '../../drizzle/schema.ts';
import { incomingKey } from '../../domain/s3-keys.ts';
import { measurementWorkflowId, startSweepIncomingWorkflow } from '../../client.ts';
import { createTestPipeline, type TestPipeline } from '../helpers/pipeline.ts';
import { signal } from '../helpers/measurements.ts';

let p: TestPipeline;
before(async () => {
  p = await createTestPipeline('sweeper', { SWEEP_AFTER_SECONDS: '10' });
  await p.startWorker();
});
after(async () => {
  await p?.close();
});

test('the sweeper starts the workflow of an orphaned upload, once', async () => {
  // As if the API crashed between storing the object and starting the workflow.
  const uid = '20240301101500.123456_IT_signal_00112233445566aa';
  const wrapper = { format: 'json', content: { ...signal(), report_id: '20240301T101500Z_signal_IT_30722_n0_abcdefghijklmnop' } };
  await p.store.put(incomingKey(uid), new TextEncoder().encode(JSON.stringify(wrapper)));
  await p.store.put('incoming/not-ours.txt', new TextEncoder().encode('x'));

  const fresh = await (
    await startSweepIncomingWorkflow(p.env.client, p.config.TEMPORAL_TASK_QUEUE, { workflowId: `sweep-fresh-${Date.now()}` })
  ).result();
  assert.equal(fresh.started, 0, 'objects younger than SWEEP_AFTER_SECONDS are left alone');

  p.activityDeps.sweepAfterSeconds = 0;
  const first = await (
    await startSweepIncomingWorkflow(p.env.client, p.config.TEMPORAL_TASK_QUEUE, { workflowId: `sweep-1-${Date.now()}` })
  ).result();
  assert.equal(first.started, 1);
  assert.equal(first.foreign, 1);
  const result = await p.env.client.workflow.getHandle(measurementWorkflowId(uid)).result();
  assert.equal(result.status, 'scored');
  const rows = await p.database.db.select().from(fastpath).where(eq(fastpath.measurementUid, uid));
  assert.equal(rows.length, 1);

  const second = await (
    await startSweepIncomingWorkflow(p.env.client, p.config.TEMPORAL_TASK_QUEUE, { workflowId: `sweep-2-${Date.now()}` })
  ).result();
  assert.equal(second.started, 0);
  assert.equal(second.done, 1);
});
