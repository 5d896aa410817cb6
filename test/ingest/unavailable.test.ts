// When S3 or Temporal is away, an upload fails fast with 503 + Retry-After and is not acked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../api/app.ts';
import { infraOf } from '../../lib/infra.ts';
import { createLogger } from '../../lib/logger.ts';
import { createS3Client, ObjectStore } from '../../lib/s3.ts';
import { createTestPipeline, type TestPipeline } from '../helpers/pipeline.ts';
import { legacyUpload, signal } from '../helpers/measurements.ts';

let p: TestPipeline;
before(async () => {
  p = await createTestPipeline('unavailable');
});
after(async () => {
  await p?.close();
});

async function serveWith(overrides: { store?: ObjectStore; temporal?: Client }) {
  const app = createApp({
    ...infraOf({ database: p.database, store: p.store, temporal: p.env.client, log: createLogger('t', 'silent') }),
    config: p.config,
    ...overrides,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => new Promise((r) => server.close(r)) };
}

test('S3 down: 503 s3_unavailable with Retry-After', async () => {
  const deadStore = new ObjectStore(
    createS3Client({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      bucket: 'x',
      accessKeyId: 'a',
      secretAccessKey: 'b',
      forcePathStyle: true,
    }),
    'x',
  );
  const api = await serveWith({ store: deadStore });
  const started = Date.now();
  const { res } = await legacyUpload(api.url, signal());
  assert.equal(res.status, 503);
  assert.equal(res.json.error, 's3_unavailable');
  assert.ok(Number(res.headers.get('retry-after')) > 0);
  assert.ok(Date.now() - started < 15_000, 'fails fast');
  await api.close();
});

test('Temporal down: 503 temporal_unavailable with Retry-After', async () => {
  const deadTemporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:9', connectTimeout: 1_000 }) });
  const api = await serveWith({ temporal: deadTemporal });
  const { res } = await legacyUpload(api.url, signal());
  assert.equal(res.status, 503);
  assert.equal(res.json.error, 'temporal_unavailable');
  assert.ok(Number(res.headers.get('retry-after')) > 0);
  await api.close();
});
