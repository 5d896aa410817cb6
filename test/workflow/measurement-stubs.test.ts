// The measurement workflow on the run's dev server with stub activities: the rejected branch,
// the search attributes it leaves for operators, and a retry that gives up. No database, no S3.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ActivityFailure, ApplicationFailure, WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { measurementWorkflowId, startMeasurementWorkflow } from '../../client.ts';
import type { MeasurementInput, MeasurementResult } from '../../workflows/measurement-types.ts';
import { INGEST_STATUS, MEASUREMENT_UID, PROBE_CC, REPORT_ID, TEST_NAME } from '../../workflows/search-attributes.ts';
import { uniqueSuffix } from '../helpers/env.ts';
import { connectTestEnvironment, createTestWorker, uniqueTaskQueue } from '../helpers/temporal.ts';

let env: TestWorkflowEnvironment;

before(async () => {
  env = await connectTestEnvironment();
});
after(async () => {
  await env?.teardown();
});

const input = (): MeasurementInput => {
  const uid = `20240301101500.123456_IT_webconnectivity_${uniqueSuffix()}`;
  return {
    uid,
    objectKey: `incoming/2024030110/${uid}.post`,
    receivedAt: '2024-03-01T10:15:00.123Z',
    reportId: '20240301T101500Z_webconnectivity_IT_30722_n1_abcdefghijklmnop',
    probeCc: 'IT',
    testName: 'web_connectivity',
  };
};

/** Activity stubs that record each call by name; `overrides` replace some of them. */
function stubs(overrides: Record<string, (...args: never[]) => Promise<unknown>> = {}) {
  const calls: string[] = [];
  const record =
    <T>(name: string, value: T) =>
    (): Promise<T> => (calls.push(name), Promise.resolve(value));
  const row = { report_id: 'r', input: null, anomaly: 'f', confirmed: 'f', msm_failure: 'f', blocking_type: '' };
  const activities = {
    validateAndScoreMeasurement: record('validateAndScoreMeasurement', { ok: true, row, fingerprintsVersion: 'v' }),
    storeMeasurement: record('storeMeasurement', { observations: null }),
    recordFaultyMeasurement: record('recordFaultyMeasurement', undefined),
    ...overrides,
  };
  return { calls, activities };
}

async function run(activities: object, msmt: MeasurementInput): Promise<MeasurementResult> {
  const taskQueue = uniqueTaskQueue('msmt-stubs');
  const worker = await createTestWorker(env, { taskQueue, activities });
  return worker.runUntil(async () => {
    assert.equal(await startMeasurementWorkflow(env.client, taskQueue, msmt), true);
    return env.client.workflow.getHandle<() => Promise<MeasurementResult>>(measurementWorkflowId(msmt.uid)).result();
  });
}

test('a measurement that fails validation is recorded as faulty, rejected, and never inserted', async () => {
  const msmt = input();
  const faulty: unknown[] = [];
  const { calls, activities } = stubs({
    validateAndScoreMeasurement: () => Promise.resolve({ ok: false, code: 'bad_json', reason: 'not JSON' }),
    recordFaultyMeasurement: (arg: never) => (faulty.push(arg), Promise.resolve()),
  });
  const result = await run(activities, msmt);
  assert.deepEqual(result, { status: 'rejected', code: 'bad_json', reason: 'not JSON' });
  assert.deepEqual(faulty, [{ uid: msmt.uid, objectKey: msmt.objectKey, code: 'bad_json', reason: 'not JSON' }]);
  assert.deepEqual(calls, [], 'neither stored nor staged');
});

test('search attributes: the envelope fields from the start, ingest_status moved from received to the outcome', async () => {
  for (const [outcome, validate] of [
    ['scored', undefined],
    ['rejected', () => Promise.resolve({ ok: false, code: 'bad_json', reason: 'x' })],
  ] as const) {
    const msmt = input();
    const { calls, activities } = stubs(validate ? { validateAndScoreMeasurement: validate } : {});
    assert.equal((await run(activities, msmt)).status, outcome);
    if (outcome === 'scored') assert.deepEqual(calls, ['validateAndScoreMeasurement', 'storeMeasurement'], 'two local activities, one workflow task');
    const attributes = (await env.client.workflow.getHandle(measurementWorkflowId(msmt.uid)).describe()).typedSearchAttributes;
    assert.equal(attributes.get(MEASUREMENT_UID), msmt.uid);
    assert.equal(attributes.get(PROBE_CC), 'IT');
    assert.equal(attributes.get(TEST_NAME), 'web_connectivity');
    assert.equal(attributes.get(REPORT_ID), msmt.reportId);
    assert.equal(attributes.get(INGEST_STATUS), outcome);
  }
});

test('an activity that always fails retryably is tried as often as its retry policy allows, then the run fails', async () => {
  const msmt = input();
  let attempts = 0;
  const { calls, activities } = stubs({
    // retryable; nextRetryDelay only shortens the wait between attempts, the attempt cap stays the policy's
    validateAndScoreMeasurement: () => {
      attempts++;
      return Promise.reject(ApplicationFailure.create({ type: 'Flaky', message: `attempt ${attempts}`, nextRetryDelay: '10 ms' }));
    },
  });
  const err = await run(activities, msmt).then(
    () => assert.fail('the run should fail'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof WorkflowFailedError, String(err));
  // the run fails with the last attempt's failure (a local activity's, as the SDK hands it on)
  const last = err.cause instanceof ActivityFailure ? err.cause.cause : err.cause;
  assert.ok(last instanceof ApplicationFailure, String(last));
  assert.equal(last.type, 'Flaky');
  assert.equal(last.message, 'attempt 10');
  assert.equal(attempts, 10, 'the cpu activities retry at most 10 times (workflows/measurement.ts)');
  assert.deepEqual(calls, []);
  const description = await env.client.workflow.getHandle(measurementWorkflowId(msmt.uid)).describe();
  assert.equal(description.status.name, 'FAILED');
  assert.equal(description.typedSearchAttributes.get(INGEST_STATUS), 'received');
});

test('a store step waiting more than 10 s for its next attempt waits on a workflow timer, then completes', async () => {
  const msmt = input();
  let attempts = 0;
  const { calls, activities } = stubs({
    // the database away: the first attempt asks for a wait past the local retry threshold
    storeMeasurement: () => {
      attempts++;
      if (attempts === 1) return Promise.reject(ApplicationFailure.create({ type: 'DatabaseAway', message: 'away', nextRetryDelay: '10500 ms' }));
      calls.push('storeMeasurement');
      return Promise.resolve({ observations: null });
    },
  });
  assert.equal((await run(activities, msmt)).status, 'scored');
  assert.equal(attempts, 2);
  assert.deepEqual(calls, ['validateAndScoreMeasurement', 'storeMeasurement']);
  const { events } = await env.client.workflow.getHandle(measurementWorkflowId(msmt.uid)).fetchHistory();
  const timers = (events ?? []).filter((e) => e.timerStartedEventAttributes);
  assert.equal(timers.length, 1, 'the wait is a timer in the history (the workflow task is not held open)');
});
