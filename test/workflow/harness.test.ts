import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { connectTestEnvironment, createTestWorker, uniqueTaskQueue } from '../helpers/temporal.ts';

const workflowsPath = fileURLToPath(new URL('../fixtures/workflows/harness.ts', import.meta.url));
let env: TestWorkflowEnvironment;

before(async () => {
  env = await connectTestEnvironment();
});
after(async () => {
  await env?.teardown();
});

test('a workflow runs end to end on the real dev server', async () => {
  const taskQueue = uniqueTaskQueue('harness');
  const calls: string[] = [];
  const worker = await createTestWorker(env, {
    taskQueue,
    workflowsPath,
    activities: { greet: async (name: string) => (calls.push(name), `hello ${name}`) },
  });
  const result = await worker.runUntil(
    env.client.workflow.execute('harnessWorkflow', { taskQueue, workflowId: `harness-${taskQueue}`, args: ['ooni'] }),
  );
  assert.equal(result, 'hello ooni!');
  assert.deepEqual(calls, ['ooni']);
  const description = await env.client.workflow.getHandle(`harness-${taskQueue}`).describe();
  assert.equal(description.status.name, 'COMPLETED');
});
