// A whole pipeline for one test file on the run's real services: its own database, bucket
// and task queue; the real API served over HTTP on a free port; the real activities.
import { serve, type ServerType } from '@hono/node-server';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkerOptions } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createActivities } from '../../activities/index.ts';
import { activityDepsFrom, type ActivityDeps, type ActivitySeams } from '../../activities/deps.ts';
import { loadFingerprintsFromCsv } from '../../activities/fastpath/index.ts';
import { createApp } from '../../api/app.ts';
import type { ApiDeps } from '../../api/deps.ts';
import { loadRuntimeConfig, type RuntimeConfig } from '../../lib/config.ts';
import { infraOf } from '../../lib/infra.ts';
import { createLogger } from '../../lib/logger.ts';
import type { ObjectStore } from '../../lib/s3.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { testEnv } from './env.ts';
import { createTestBucket } from './s3.ts';
import { connectTestEnvironment, createTestWorker, uniqueTaskQueue } from './temporal.ts';

const fixtureDir = fileURLToPath(new URL('../fixtures/fingerprints/', import.meta.url));
export const testFingerprints = loadFingerprintsFromCsv({
  dns: readFileSync(`${fixtureDir}fingerprints_dns.csv`, 'utf8'),
  http: readFileSync(`${fixtureDir}fingerprints_http.csv`, 'utf8'),
});

export interface TestPipeline {
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  store: ObjectStore;
  config: RuntimeConfig;
  /** environment for a worker or API child process pointed at the same resources */
  childEnv: NodeJS.ProcessEnv;
  baseUrl: string;
  activityDeps: ActivityDeps;
  /** creates the worker with the real activities (deps overridden by `deps`) and runs it until close() */
  startWorker(options?: { deps?: Partial<ActivityDeps>; worker?: Partial<WorkerOptions> }): Promise<Worker>;
  close(): Promise<void>;
}

export async function createTestPipeline(
  name: string,
  overrides: Record<string, string> = {},
  seams: Omit<ActivitySeams, 'fingerprints'> = {},
): Promise<TestPipeline> {
  const env = await connectTestEnvironment();
  const database = await createTestDatabase();
  const store = await createTestBucket();
  const taskQueue = uniqueTaskQueue(name);
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: testEnv.temporalAddress(),
    TEMPORAL_TASK_QUEUE: taskQueue,
    S3_ENDPOINT: testEnv.s3Endpoint(),
    S3_BUCKET: store.bucket,
    S3_ACCESS_KEY_ID: testEnv.s3AccessKeyId(),
    S3_SECRET_ACCESS_KEY: testEnv.s3SecretAccessKey(),
    FINGERPRINTS_DIR: fixtureDir,
    API_PORT: '1',
    ...overrides,
  };
  const config = loadRuntimeConfig(childEnv);
  const log = createLogger(name, 'warn');
  // the pipeline's close() drops the database and the bucket: infra.close() is not used here
  const infra = infraOf({ database, store, temporal: env.client, log });
  const apiDeps: ApiDeps = { ...infra, config };
  const app = createApp(apiDeps);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  const activityDeps = activityDepsFrom(infra, config, { fingerprints: () => testFingerprints, ...seams });
  const workers: { worker: Worker; running: Promise<void> }[] = [];
  return {
    env,
    database,
    store,
    config,
    childEnv,
    baseUrl: `http://127.0.0.1:${port}`,
    activityDeps,
    async startWorker(options = {}) {
      // the pipeline's own deps object unless overridden, so a test may still change its settings
      const activities = createActivities(options.deps ? { ...activityDeps, ...options.deps } : activityDeps);
      const worker = await createTestWorker(env, { taskQueue, activities, ...options.worker });
      // run() rejects only on a worker failure, which the test that caused it reports; close() awaits it
      workers.push({ worker, running: worker.run().catch(() => {}) });
      return worker;
    },
    async close() {
      await new Promise((r) => server.close(r));
      // workers stop before the database goes: a run still storing finishes (local activities
      // run inside the workflow task, and shutdown waits for it) instead of retrying forever
      for (const { worker } of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
      await Promise.all(workers.map((w) => w.running));
      await database.drop();
      store.client.destroy();
      await env.teardown();
    },
  };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
