// One test file's world: database, bucket, Temporal env, and a worker factory with the real
// activities (deps overridable per worker).
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../../../activities/index.ts';
import { activityDepsFrom, type ActivityDeps } from '../../../activities/deps.ts';
import { readFingerprintsDir } from '../../../activities/jobs/fingerprints-files.ts';
import type { Fingerprints } from '../../../activities/fastpath/index.ts';
import { runtimeSchema } from '../../../lib/config.ts';
import { infraOf } from '../../../lib/infra.ts';
import { createLogger } from '../../../lib/logger.ts';
import { createTestDatabase, type TestDatabase } from '../database.ts';
import { createTestBucket } from '../s3.ts';
import { connectTestEnvironment, createTestWorker, uniqueTaskQueue } from '../temporal.ts';
import type { ObjectStore } from '../../../lib/s3.ts';

export interface World {
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  store: ObjectStore;
  fingerprints: Fingerprints;
  taskQueue: string;
  deps(overrides?: Partial<ActivityDeps>): ActivityDeps;
  worker(overrides?: Partial<ActivityDeps>): ReturnType<typeof createTestWorker>;
  close(): Promise<void>;
}

export async function createWorld(name: string): Promise<World> {
  const [env, database, store, fingerprints] = await Promise.all([
    connectTestEnvironment(),
    createTestDatabase(),
    createTestBucket(),
    readFingerprintsDir(),
  ]);
  const taskQueue = uniqueTaskQueue(name);
  const config = runtimeSchema.parse({ DATABASE_URL: database.url, TEMPORAL_TASK_QUEUE: taskQueue, SWEEP_AFTER_SECONDS: '300' });
  const infra = infraOf({ database, store, temporal: env.client, log: createLogger(name, 'silent') });
  const deps = (overrides: Partial<ActivityDeps> = {}): ActivityDeps => ({
    ...activityDepsFrom(infra, config, { fingerprints: () => fingerprints }),
    ...overrides,
  });
  return {
    env,
    database,
    store,
    fingerprints,
    taskQueue,
    deps,
    worker: (overrides = {}) => createTestWorker(env, { taskQueue, activities: createActivities(deps(overrides)) }),
    async close() {
      await database.drop();
      store.client.destroy();
      await env.teardown();
    },
  };
}
