import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { count, isNull } from 'drizzle-orm';
import { jsonl, staged } from '../../drizzle/schema.ts';
import { createS3Client, ObjectStore } from '../../lib/s3.ts';
import { verifyArchive } from '../../activities/archive/verify-run.ts';
import { startSealArchiveWorkflow } from '../../client.ts';
import { listKeys, readParts } from '../helpers/archive/archive-files.ts';
import { stageMeasurement, type StagedMeasurement } from '../helpers/archive/stage.ts';
import { createWorld, type World } from '../helpers/archive/world.ts';

let w: World;

before(async () => {
  w = await createWorld('archive-faults');
});
after(async () => w?.close());

async function stageHour(hour: string, n: number, seq0: number): Promise<StagedMeasurement[]> {
  const out: StagedMeasurement[] = [];
  for (let i = 0; i < n; i++) {
    const receivedAt = new Date(Date.parse(hour) + (i + 1) * 30_000);
    out.push(
      await stageMeasurement({ ...w, db: w.database.db }, { receivedAt, cc: i % 2 ? 'IT' : 'BR', testName: 'web_connectivity', seq: seq0 + i }),
    );
  }
  return out;
}

const start = (id: string) => startSealArchiveWorkflow(w.env.client, w.taskQueue, { collectorId: '0', partBytes: 40_000 }, { workflowId: id });

async function snapshot(prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const k of await listKeys(w.store, prefix)) out.set(k, Buffer.from((await w.store.get(k))!).toString('base64'));
  return out;
}

async function counts() {
  const [indexed] = await w.database.db.select({ n: count() }).from(jsonl);
  const [unsealed] = await w.database.db.select({ n: count() }).from(staged).where(isNull(staged.sealedAt));
  return { indexed: indexed!.n, unsealed: unsealed!.n };
}

const verify = () => verifyArchive({ db: w.database.db, store: w.store }, { now: new Date(), maxStagedAgeMs: Number.MAX_SAFE_INTEGER });

test('a seal that dies after uploading and before indexing is healed by the next run', async () => {
  const staged = await stageHour('2026-04-01T08:00:00Z', 12, 0);
  const failing = await w.worker({
    archiveHooks: {
      afterPartUploaded: () => {
        throw ApplicationFailure.create({ message: 'injected crash after upload', nonRetryable: true });
      },
    },
  });
  const handle = await start(`seal-fault-1-${w.taskQueue}`);
  await assert.rejects(failing.runUntil(handle.result()), (err: Error) =>
    /sealing failed for hours 2026040108/.test(String((err.cause as Error)?.message)),
  );

  const uploaded = await snapshot('raw/');
  assert.ok(uploaded.size >= 2, 'the part was uploaded');
  assert.deepEqual(await counts(), { indexed: 0, unsealed: staged.length });
  assert.equal((await listKeys(w.store, 'incoming/')).length, staged.length, 'nothing deleted before it is indexed');

  const healthy = await w.worker();
  const summary = await healthy.runUntil(start(`seal-fault-2-${w.taskQueue}`).then((h) => h.result()));
  assert.equal(summary.measurements, staged.length);
  assert.deepEqual(await counts(), { indexed: staged.length, unsealed: 0 });
  const after = await snapshot('raw/');
  for (const [k, bytes] of uploaded) assert.equal(after.get(k), bytes, `${k}: the re-run wrote the same bytes`);
  assert.deepEqual(await listKeys(w.store, 'incoming/'), []);
  assert.deepEqual((await verify()).mismatches, []);
});

test('S3 going down during a seal: the seal completes once it is back', async () => {
  const staged = await stageHour('2026-04-01T09:00:00Z', 12, 100);
  const before = await counts();
  // A client for a port nothing listens on: connection refused, as with S3 down.
  const down = createS3Client({
    endpoint: 'http://127.0.0.1:9',
    region: 'us-east-1',
    bucket: w.store.bucket,
    forcePathStyle: true,
    accessKeyId: 'x',
    secretAccessKey: 'y',
  });
  const up = w.store.client;
  let s3Down = false;
  const flaky = new ObjectStore(up, w.store.bucket);
  Object.defineProperty(flaky, 'client', { get: () => (s3Down ? down : up) });
  let failures = 0;
  const worker = await w.worker({
    store: flaky,
    archiveHooks: {
      afterPartUploaded: () => {
        if (failures++ === 0) s3Down = true; // down after the first part's upload
      },
    },
  });
  const handle = await start(`seal-s3-${w.taskQueue}`);
  const summary = await worker.runUntil(async () => {
    // let a few attempts fail against the dead endpoint, then bring S3 back
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setTimeout(r, 200));
      const d = await w.env.client.workflow
        .getHandle('seal-2026040109')
        .describe()
        .catch(() => null);
      if (!d) continue;
      const attempts = d.raw.pendingActivities?.map((a) => a.attempt ?? 0) ?? [];
      if (s3Down && attempts.some((a) => a >= 2)) break;
    }
    s3Down = false;
    return handle.result();
  });
  down.destroy();
  // parts committed by an earlier, failed attempt are not in the last attempt's summary
  assert.ok(summary.measurements > 0 && summary.measurements <= staged.length);
  assert.ok(failures > 1, 'the seal was retried');
  assert.deepEqual(await counts(), { indexed: before.indexed + staged.length, unsealed: 0 });
  assert.deepEqual(await listKeys(w.store, 'incoming/'), []);
  const parts = await readParts(w.store);
  assert.equal(
    parts.reduce((n, p) => n + p.members.length, 0),
    before.indexed + staged.length,
  );
  assert.deepEqual((await verify()).mismatches, []);
});
