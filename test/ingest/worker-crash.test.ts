// SIGKILL of the worker while 200 uploads are in flight: after a restart every acknowledged
// measurement has exactly one row.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { inArray, sql } from 'drizzle-orm';
import { fastpath } from '../../drizzle/schema.ts';
import { createTestPipeline, eventually, type TestPipeline } from '../helpers/pipeline.ts';
import { signal, submitMeasurement } from '../helpers/measurements.ts';
import { freePort } from '../../stack/free-port.ts';

const WORKER = fileURLToPath(new URL('../../worker.ts', import.meta.url));
let p: TestPipeline;
const children: ChildProcess[] = [];

before(async () => {
  p = await createTestPipeline('worker-crash');
});
after(async () => {
  for (const c of children) c.kill('SIGKILL');
  await p?.close();
});

async function startWorkerProcess(): Promise<ChildProcess> {
  // a port of its own for the worker's metrics: the default one may be taken by a running stack
  const metrics = `127.0.0.1:${await freePort()}`;
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...p.childEnv, LOG_LEVEL: 'warn', WORKER_METRICS_ADDRESS: metrics },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready`)));
  });
}

test('every acknowledged upload gets exactly one row across a worker SIGKILL', { timeout: 240_000 }, async () => {
  let worker = await startWorkerProcess();
  const acked: string[] = [];
  let refused = 0;
  let killed = false;
  const upload = async (i: number) => {
    const m = {
      ...signal(),
      measurement_start_time: `2024-02-01 10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
    };
    const res = await submitMeasurement(p.baseUrl, m);
    if (res.status === 200) acked.push(res.json.measurement_uid);
    else refused++;
    if (!killed && acked.length >= 60) {
      killed = true;
      worker.kill('SIGKILL');
    }
  };
  const queue = Array.from({ length: 200 }, (_, i) => i);
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) await upload(i);
    }),
  );
  assert.ok(killed, 'the worker was killed mid-run');
  assert.equal(acked.length + refused, 200);
  assert.equal(refused, 0, 'the API does not need the worker to acknowledge');

  worker = await startWorkerProcess();
  await eventually(
    'a row for every acknowledged upload',
    async () => {
      const [row] = await p.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(fastpath)
        .where(inArray(fastpath.measurementUid, acked));
      return row && row.n === acked.length ? true : undefined;
    },
    180_000,
  );
  const rows = await p.database.db.select({ uid: fastpath.measurementUid }).from(fastpath);
  assert.equal(rows.length, acked.length, 'no row beyond the acknowledged ones');
  assert.equal(new Set(acked).size, acked.length, 'distinct uids');
  worker.kill('SIGTERM');
});
