// The v5 hourly analysis on the real stack: an hour runs once closed and complete, late data
// re-opens it, a worker killed mid-hour is replaced and the hour completes, and any hour run
// again gives the same tables byte for byte.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Worker } from '@temporalio/worker';
import type { ChildProcess } from 'node:child_process';
import { analysisProgressQuery, startAnalysisHourWorkflow } from '../../client.ts';
import { hourWindow } from '../../domain/analysis-hour.ts';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { analysisHours, analysisWebMeasurement, faultyMeasurements, observationStatus, uploads } from '../../drizzle/schema.ts';
import { detectorHourWorkflowId } from '../../workflows/ids.ts';
import { retriedActivityStarts, startBlockingWorker } from '../helpers/blocking-worker.ts';
import { webConnectivity, type Measurement } from '../helpers/measurements.ts';
import { createTestPipeline, eventually, type TestPipeline } from '../helpers/pipeline.ts';
import { atHour, dumpTable, runCoordinator, runHour, uploadAndProcess } from '../helpers/v5.ts';

let p: TestPipeline;
let worker: Worker;
const children: ChildProcess[] = [];

before(async () => {
  p = await createTestPipeline('v5-hourly');
  worker = await p.startWorker();
});
after(async () => {
  for (const c of children) c.kill('SIGKILL');
  await p?.close();
});

/** The fixture measurement at `hour`, made distinct (a different upload) by its minute. */
const measurementAt = (hour: string, minute: number): Measurement => atHour(webConnectivity(), hour, `${String(minute).padStart(2, '0')}:07`);

const hourRows = async (hour: string) => {
  const { start, end } = hourWindow(hour);
  const rows = await p.database.db
    .select({ uid: analysisWebMeasurement.measurement_uid })
    .from(analysisWebMeasurement)
    .where(and(gte(analysisWebMeasurement.measurement_start_time, start), lt(analysisWebMeasurement.measurement_start_time, end)));
  return rows.map((r) => r.uid).sort();
};

const hourState = async (hour: string) => {
  const [row] = await p.database.db
    .select()
    .from(analysisHours)
    .where(eq(analysisHours.hour, `${hour.replace('T', ' ')}:00:00`));
  return row;
};

const maxSeq = async (uids: string[]) => {
  const [row] = await p.database.db
    .select({ seq: sql<string>`max(${observationStatus.seq})::text` })
    .from(observationStatus)
    .where(inArray(observationStatus.measurement_uid, uids));
  return Number(row!.seq);
};

test('a closed hour is analysed once every upload received before its end is processed; a pending upload holds it back', async () => {
  const now = new Date();
  const hourStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), now.getUTCHours() - 1));
  const hour = hourStart.toISOString().slice(0, 13);
  const uid = await uploadAndProcess(p, measurementAt(hour, 10));
  // an upload received in the hour whose run has not ended yet (no row, no faulty record)
  const pending = `${hour.replaceAll('-', '').replace('T', '')}3000.000000_IT_webconnectivity_00000000000000aa`;
  await p.database.db.insert(uploads).values({
    measurementUid: pending,
    dedupeKey: `test:${pending}`,
    objectKey: `incoming/${pending}.post`,
    receivedAt: new Date(hourStart.getTime() + 30 * 60_000),
  });

  const held = await runCoordinator(p);
  assert.ok(!held.hours.includes(hour), `${hour} waits for the pending upload`);
  assert.deepEqual(await hourRows(hour), []);

  await p.database.db
    .insert(faultyMeasurements)
    .values({ measurementUid: pending, objectKey: `incoming/${pending}.post`, code: 'invalid_json', reason: 'test: rejected' });
  const ran = await runCoordinator(p);
  assert.ok(ran.hours.includes(hour), `${hour} runs once the upload is accounted for`);
  assert.deepEqual(await hourRows(hour), [uid]);
  const state = await hourState(hour);
  assert.equal(state?.analysed_seq, await maxSeq([uid]));
  assert.equal(state?.rows, 1);
});

test('late data: a measurement observed after its hour was analysed re-opens the hour, and its detector runs again', async () => {
  const hour = '2024-05-01T10';
  const first = await uploadAndProcess(p, measurementAt(hour, 5));
  const run1 = await runCoordinator(p);
  assert.ok(run1.hours.includes(hour));
  assert.deepEqual(await hourRows(hour), [first]);

  const idle = await runCoordinator(p);
  assert.ok(!idle.hours.includes(hour), 'nothing changed: the hour is not run again');

  const late = await uploadAndProcess(p, measurementAt(hour, 40));
  const run2 = await runCoordinator(p);
  assert.deepEqual(run2.hours, [hour], 'only the re-opened hour runs');
  assert.deepEqual(await hourRows(hour), [first, late].sort());
  assert.equal((await hourState(hour))?.rows, 2);
  assert.equal((await hourState(hour))?.analysed_seq, await maxSeq([first, late]));

  const runs = await eventually('two detector runs of the hour in visibility', async () => {
    const ids: string[] = [];
    for await (const w of p.env.client.workflow.list({ query: `WorkflowId = '${detectorHourWorkflowId(hour)}'` })) ids.push(w.runId);
    return ids.length === 2 ? ids : undefined;
  });
  assert.equal(new Set(runs).size, 2);
});

test(
  'a worker killed during an hour analysis is replaced and the hour completes; re-running any hour changes no byte',
  { timeout: 240_000 },
  async () => {
    const hour = '2024-05-02T10';
    const uids = [
      await uploadAndProcess(p, measurementAt(hour, 1)),
      await uploadAndProcess(p, measurementAt(hour, 2)),
      await uploadAndProcess(p, measurementAt(hour, 3)),
    ];
    // only the doomed process polls while the hour starts
    worker.shutdown();
    await eventually('the in-process worker stopped', async () => (worker.getState() === 'STOPPED' ? true : undefined));
    const doomed = await startBlockingWorker(p, 'analysis');
    children.push(doomed.child);
    const handle = await startAnalysisHourWorkflow(p.env.client, p.config.TEMPORAL_TASK_QUEUE, { hour });
    await doomed.blockedAt(hour);
    doomed.child.kill('SIGKILL');

    worker = await p.startWorker();
    const summary = await handle.result();
    assert.equal(summary.rows, 3);
    const progress = await handle.query(analysisProgressQuery);
    assert.deepEqual([progress.state, progress.measurements, progress.written], ['done', 3, 3], 'the progress query shows the finished hour');
    const retried = await retriedActivityStarts(handle);
    assert.ok(retried.length >= 1, 'the analysis activity ran again on the new worker');
    assert.deepEqual(await hourRows(hour), [...uids].sort());

    const analysis = await dumpTable(p, 'analysis_web_measurement');
    const changepoints = await dumpTable(p, 'event_detector_changepoints');
    assert.ok(analysis.split('\n').length >= 5);
    await runHour(p, hour);
    await runHour(p, '2024-05-01T10');
    assert.equal(await dumpTable(p, 'analysis_web_measurement'), analysis);
    assert.equal(await dumpTable(p, 'event_detector_changepoints'), changepoints);
  },
);
