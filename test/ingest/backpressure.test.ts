// Backpressure: with PostgreSQL, S3 or Temporal away (refusing, or hanging), an upload fails
// fast with 503 + Retry-After, and uploads are acknowledged again by themselves once the
// dependency is back. A full in-flight cap answers 503 `overloaded` at once.
// Each dependency is reached through a TCP proxy the test cuts, so the shared services stay up.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../api/app.ts';
import { connectDatabase, type DbHandle } from '../../lib/db.ts';
import { infraOf } from '../../lib/infra.ts';
import { createLogger } from '../../lib/logger.ts';
import { createS3Client, ObjectStore } from '../../lib/s3.ts';
import { testEnv } from '../helpers/env.ts';
import { signal, submitMeasurement } from '../helpers/measurements.ts';
import { createTestPipeline, eventually, type TestPipeline } from '../helpers/pipeline.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';

const MAX_INFLIGHT = 2;
/** dependency timeout (5 s) plus slack for a loaded machine */
const FAIL_FAST_MS = 15_000;

let p: TestPipeline;
let proxies: Record<'postgres' | 's3' | 'temporal', TcpProxy>;
let database: DbHandle;
let store: ObjectStore;
let temporal: Client;
let baseUrl: string;
let closeServer: () => Promise<unknown>;
let seq = 0;

before(async () => {
  p = await createTestPipeline('backpressure', { MAX_INFLIGHT_UPLOADS: String(MAX_INFLIGHT) });
  const pg = new URL(p.database.url);
  const s3 = new URL(testEnv.s3Endpoint());
  const [th, tp] = testEnv.temporalAddress().split(':') as [string, string];
  proxies = {
    postgres: await startTcpProxy(pg.hostname, Number(pg.port)),
    s3: await startTcpProxy(s3.hostname, Number(s3.port)),
    temporal: await startTcpProxy(th, Number(tp)),
  };
  pg.port = String(proxies.postgres.port);
  database = connectDatabase(pg.toString(), { max: 4 });
  store = new ObjectStore(
    createS3Client({
      endpoint: `http://127.0.0.1:${proxies.s3.port}`,
      region: 'us-east-1',
      bucket: p.store.bucket,
      accessKeyId: testEnv.s3AccessKeyId(),
      secretAccessKey: testEnv.s3SecretAccessKey(),
      forcePathStyle: true,
      requestTimeoutMs: 5_000,
    }),
    p.store.bucket,
  );
  // connected eagerly, as client.ts does in the API (a lazy connection's first connect attempt
  // would otherwise be pending on a cut proxy when the file ends)
  temporal = new Client({ connection: await Connection.connect({ address: `127.0.0.1:${proxies.temporal.port}`, connectTimeout: 5_000 }) });
  const app = createApp({ ...infraOf({ database, store, temporal, log: createLogger('backpressure', 'silent') }), config: p.config });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  closeServer = () => new Promise((r) => server.close(r));
});
after(async () => {
  await closeServer?.();
  // Close the clients while the proxies still forward: a gRPC channel closed after its path
  // vanished rejects its reconnect attempt outside any test.
  await temporal?.connection.close().catch(() => {});
  await database?.close();
  store?.client.destroy();
  await Promise.allSettled(Object.values(proxies ?? {}).map((x) => x.close()));
  await p?.close();
});

/** a fresh measurement each time, so no upload is a retry of another */
function upload() {
  const i = seq++;
  return submitMeasurement(baseUrl, {
    ...signal(),
    measurement_start_time: `2024-04-01 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
  });
}

async function acknowledgedAgain(what: string) {
  return eventually(
    `${what}: an upload acknowledged again`,
    async () => {
      const res = await upload();
      return res.status === 200 ? res : undefined;
    },
    90_000,
  );
}

test('all dependencies up: acknowledged through the proxies', async () => {
  const res = await upload();
  assert.equal(res.status, 200, res.text);
});

for (const dep of ['postgres', 's3', 'temporal'] as const) {
  for (const mode of ['down', 'blackhole'] as const) {
    test(
      `${dep} ${mode === 'down' ? 'refusing connections' : 'hanging'}: 503 ${dep}_unavailable + Retry-After fast, then 200 once it is back`,
      { timeout: 180_000 },
      async () => {
        await proxies[dep].set(mode);
        try {
          for (let i = 0; i < 2; i++) {
            const t0 = Date.now();
            const res = await upload();
            const ms = Date.now() - t0;
            assert.equal(res.status, 503, res.text);
            assert.equal(res.json.error, `${dep}_unavailable`);
            assert.ok(Number(res.headers.get('retry-after')) > 0, 'Retry-After');
            assert.ok(ms < FAIL_FAST_MS, `answered in ${ms} ms`);
          }
        } finally {
          await proxies[dep].set('up');
        }
        await acknowledgedAgain(dep);
      },
    );
  }
}

test(
  `more than MAX_INFLIGHT_UPLOADS (${MAX_INFLIGHT}) acknowledgements in flight: 503 overloaded + Retry-After at once`,
  { timeout: 120_000 },
  async () => {
    const [before] = await p.database.sql<{ n: number }[]>`select count(*)::int as n from uploads`;
    await proxies.s3.set('blackhole'); // the in-flight ones wait for S3
    let inflight: Promise<Awaited<ReturnType<typeof upload>>>[] = [];
    try {
      inflight = Array.from({ length: MAX_INFLIGHT }, () => upload());
      // both hold a slot once their uid is claimed (the claim comes before the S3 write)
      await eventually('the in-flight uploads to be claimed', async () => {
        const [now] = await p.database.sql<{ n: number }[]>`select count(*)::int as n from uploads`;
        return now!.n >= before!.n + MAX_INFLIGHT ? true : undefined;
      });
      const t0 = Date.now();
      const res = await upload();
      const ms = Date.now() - t0;
      assert.equal(res.status, 503, res.text);
      assert.equal(res.json.error, 'overloaded');
      assert.ok(Number(res.headers.get('retry-after')) > 0, 'Retry-After');
      assert.ok(ms < 5_000, `answered without waiting (${ms} ms)`);
      for (const r of await Promise.all(inflight)) assert.equal(r.json.error, 's3_unavailable');
    } finally {
      await proxies.s3.set('up');
      await Promise.allSettled(inflight);
    }
    await acknowledgedAgain('after the overload');
  },
);
