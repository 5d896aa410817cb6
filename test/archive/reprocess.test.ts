import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { asc, eq, inArray } from 'drizzle-orm';
import { fastpath, obsWeb, observationStatus } from '../../drizzle/schema.ts';
import { loadFingerprintsFromCsv } from '../../activities/fastpath/index.ts';
import { run as reprocessCli } from '../../cli/commands/reprocess.ts';
import { verifyArchive } from '../../activities/archive/verify-run.ts';
import { reprocessProgressQuery, startReprocessWorkflow, startSealArchiveWorkflow } from '../../client.ts';
import { testEnv } from '../helpers/env.ts';
import type { ReprocessProgress } from '../../workflows/reprocess.ts';
import { stageMeasurement, type StagedMeasurement } from '../helpers/archive/stage.ts';
import { createWorld, type World } from '../helpers/archive/world.ts';

let w: World;
const day: StagedMeasurement[] = [];
const otherDay: StagedMeasurement[] = [];
const HEADER = 'name,scope,other_names,location_found,pattern_type,pattern,confidence_no_fp,expected_countries,source,exp_url,notes\n';
const noFingerprints = loadFingerprintsFromCsv({ dns: HEADER, http: HEADER });

before(async () => {
  w = await createWorld('archive-reprocess');
  const deps = { ...w, db: w.database.db };
  for (let i = 0; i < 12; i++) {
    const receivedAt = new Date(Date.parse('2026-05-10T00:05:00Z') + i * 2 * 3_600_000);
    day.push(await stageMeasurement(deps, { receivedAt, cc: 'ID', testName: 'web_connectivity', seq: i }));
  }
  day.push(await stageMeasurement(deps, { receivedAt: new Date('2026-05-10T07:00:00Z'), cc: 'IT', testName: 'telegram', seq: 50 }));
  for (let i = 0; i < 3; i++) {
    otherDay.push(
      await stageMeasurement(deps, {
        receivedAt: new Date(Date.parse('2026-05-11T03:00:00Z') + i * 1000),
        cc: 'ID',
        testName: 'web_connectivity',
        seq: 100 + i,
      }),
    );
  }
  const worker = await w.worker();
  await worker.runUntil(
    startSealArchiveWorkflow(w.env.client, w.taskQueue, { collectorId: '0' }, { workflowId: `seal-${w.taskQueue}` }).then((h) => h.result()),
  );
});
after(async () => w?.close());

const confirmed = async (uid: string) =>
  (await w.database.db.select({ c: fastpath.confirmed, v: fastpath.fingerprintsVersion }).from(fastpath).where(eq(fastpath.measurementUid, uid)))[0]!;

test('reprocessing a sealed day with a changed fingerprint list updates rows and counts the changes', async () => {
  assert.equal((await confirmed(day[0]!.uid)).c, true, 'the fixture is confirmed by the shipped fingerprints');
  const worker = await w.worker({ fingerprints: () => noFingerprints });
  const handle = await startReprocessWorkflow(
    w.env.client,
    w.taskQueue,
    { startDay: '2026-05-10', endDay: '2026-05-10', batchMeasurements: 4 },
    {
      workflowId: `reprocess-${w.taskQueue}`,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    },
  );
  const [result, progress] = await worker.runUntil(async () => {
    const r: ReprocessProgress = await handle.result();
    return [r, await handle.query(reprocessProgressQuery)] as const;
  });
  assert.deepEqual(progress, result);
  assert.equal(result.measurements, day.length);
  assert.equal(result.rejected, 0);
  // without the fingerprint the blocking verdict goes too
  assert.deepEqual(result.transitions, { 'anomaly t→f': 12, 'confirmed t→f': 12 });
  for (const m of day.slice(0, 12)) assert.deepEqual(await confirmed(m.uid), { c: false, v: noFingerprints.version });
  for (const m of otherDay) assert.equal((await confirmed(m.uid)).c, true, 'other days are left alone');
  assert.deepEqual((await verifyArchive({ db: w.database.db, store: w.store }, { now: new Date(), maxStagedAgeMs: Infinity })).mismatches, []);
});

test('the reprocess command filters, shows progress and prints the verdict summary; re-running is harmless', async () => {
  const saved = { ...process.env };
  Object.assign(process.env, {
    DATABASE_URL: w.database.url,
    TEMPORAL_ADDRESS: testEnv.temporalAddress(),
    TEMPORAL_TASK_QUEUE: w.taskQueue,
  });
  const log = console.log;
  const printed: string[] = [];
  console.log = (s: string) => printed.push(s);
  try {
    const worker = await w.worker({ fingerprints: () => w.fingerprints });
    const code = await worker.runUntil(
      reprocessCli(['--start-day', '2026-05-10', '--end-day', '2026-05-11', '--cc', 'ID', '--test-name', 'web_connectivity']),
    );
    assert.equal(code, 0);
    const again = await (
      await w.worker({ fingerprints: () => w.fingerprints })
    ).runUntil(reprocessCli(['--start-day', '2026-05-10', '--end-day', '2026-05-11', '--cc', 'ID']));
    assert.equal(again, 0);
    assert.equal(await reprocessCli(['--start-day', '2026-05-11', '--end-day', '2026-05-10']), 2);
  } finally {
    console.log = log;
    process.env = saved;
  }
  const out = printed.join('\n');
  assert.match(out, /reprocessed 15 measurements in \d+ files/);
  assert.match(out, /verdicts changed: 24\n {2}anomaly f→t: 12\n {2}confirmed f→t: 12/);
  assert.match(out, /verdicts changed: none/);
  assert.equal((await confirmed(day[0]!.uid)).c, true);
});

const observations = async (uids: string[]) =>
  w.database.db
    .select({
      uid: observationStatus.measurement_uid,
      status: observationStatus.status,
      seq: observationStatus.seq,
      web: observationStatus.obs_web_rows,
    })
    .from(observationStatus)
    .where(inArray(observationStatus.measurement_uid, uids))
    .orderBy(asc(observationStatus.measurement_uid));

test('reprocess rebuilds the v5 observations of each measurement; running it again replaces them under new seqs', async () => {
  const uids = day.map((m) => m.uid);
  const first = await observations(uids);
  assert.equal(first.length, day.length, 'every reprocessed measurement has its observation status');
  assert.ok(
    first.every((o) => o.status === 'observed'),
    JSON.stringify(first),
  );
  const webRows = await w.database.db.$count(obsWeb, inArray(obsWeb.measurement_uid, uids));
  assert.equal(
    webRows,
    first.reduce((n, o) => n + o.web, 0),
  );
  assert.ok(webRows > 0);

  const worker = await w.worker();
  const handle = await startReprocessWorkflow(
    w.env.client,
    w.taskQueue,
    { startDay: '2026-05-10', endDay: '2026-05-10' },
    { workflowId: `reprocess-again-${w.taskQueue}` },
  );
  await worker.runUntil(handle.result());
  const second = await observations(uids);
  assert.deepEqual(
    second.map((o) => [o.uid, o.status, o.web]),
    first.map((o) => [o.uid, o.status, o.web]),
  );
  for (let i = 0; i < first.length; i++) assert.ok(second[i]!.seq > first[i]!.seq, 'a rewrite takes a new seq (its hour re-opens)');
  assert.equal(await w.database.db.$count(obsWeb, inArray(obsWeb.measurement_uid, uids)), webRows, 'replaced, not duplicated');
});
