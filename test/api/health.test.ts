// /health names each dependency; killing PostgreSQL turns it 503 naming postgres.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { freePort } from '../../stack/free-port.ts';
import { createApp } from '../../api/app.ts';
import { connectDatabase } from '../../lib/db.ts';
import { infraOf } from '../../lib/infra.ts';
import { createLogger } from '../../lib/logger.ts';
import { startEmbeddedPostgres, type RunningPostgres } from '../../stack/services/postgres.ts';
import { testEnv } from '../helpers/env.ts';
import { createTestPipeline, type TestPipeline } from '../helpers/pipeline.ts';

let p: TestPipeline;
let pg: RunningPostgres | undefined;

before(async () => {
  p = await createTestPipeline('health');
});
after(async () => {
  await pg?.stop();
  await p?.close();
});

test('GET /health is 200 with temporal, postgres and s3 up; GET /version answers', async () => {
  const res = await fetch(`${p.baseUrl}/health`);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { checks: unknown };
  assert.deepEqual(body.checks, { temporal: { status: 'up' }, postgres: { status: 'up' }, s3: { status: 'up' } });
  const version = (await (await fetch(`${p.baseUrl}/version`)).json()) as { name: string };
  assert.equal(version.name, 'ooni-pipeline');
});

test('killing the PostgreSQL server makes /health answer 503 naming it', { timeout: 120_000 }, async () => {
  const dir = join(testEnv.workDir(), `health-pg-${Date.now()}`);
  pg = await startEmbeddedPostgres({ dataDir: dir, logFile: `${dir}.log`, port: await freePort(), persistent: false, timeoutMs: 60_000 });
  const database = connectDatabase(pg.url, { max: 1 });
  const app = createApp({ ...infraOf({ database, store: p.store, temporal: p.env.client, log: createLogger('t', 'silent') }), config: p.config });
  assert.equal((await app.request('/health')).status, 200);
  await pg.stop(); // SIGTERM to the process group: the server is gone
  const res = await app.request('/health');
  assert.equal(res.status, 503);
  const body = (await res.json()) as { down: string[]; checks: Record<string, { status: string }> };
  assert.deepEqual(body.down, ['postgres']);
  assert.equal(body.checks.postgres?.status, 'down');
  assert.equal(body.checks.temporal?.status, 'up');
  await database.close().catch(() => {});
});
