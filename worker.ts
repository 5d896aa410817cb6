// The Temporal worker: builds the activity deps once, then polls the task queue until stopped
// (the SDK's runtime turns SIGINT/SIGTERM into a graceful shutdown).
import { NativeConnection, Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { connectClient } from './client.ts';
import { createActivities } from './activities/index.ts';
import { BodyCache } from './activities/measurement/body-cache.ts';
import { readFingerprintsDir } from './activities/fastpath/fingerprints-files.ts';
import { FingerprintsHolder } from './activities/jobs/fingerprints.ts';
import { loadRuntimeConfig } from './lib/config.ts';
import { connectDatabase } from './lib/db.ts';
import { createLogger } from './lib/logger.ts';
import { objectStoreFromConfig } from './lib/object-store-from-config.ts';
import { installWorkerTelemetry } from './lib/worker-telemetry.ts';
import { applySchedules } from './schedules/apply.ts';
import { importTestListsIfEmpty } from './schedules/initial-test-lists.ts';

async function run(): Promise<void> {
  const config = loadRuntimeConfig();
  const log = createLogger('worker', config.LOG_LEVEL);
  const metricsUrl = installWorkerTelemetry(config.WORKER_METRICS_ADDRESS);
  const database = connectDatabase(config.DATABASE_URL);
  const store = objectStoreFromConfig(config);
  const fingerprints = new FingerprintsHolder(database.db, await readFingerprintsDir(config.FINGERPRINTS_DIR), log);
  // a version stored by the fingerprints-refresh schedule wins over the files: all workers agree
  await fingerprints.refresh().catch((err: unknown) => log.warn({ err }, 'stored fingerprints not loaded'));
  fingerprints.start(config.FINGERPRINTS_POLL_SECONDS * 1000);
  const temporal = await connectClient(config);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
      activities: createActivities({
        db: database.db,
        store,
        bodies: new BodyCache(store),
        temporal,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        log,
        fingerprints: fingerprints.get,
        sweepAfterSeconds: config.SWEEP_AFTER_SECONDS,
        jobs: {
          testListsDir: config.TEST_LISTS_DIR,
          ...(config.FINGERPRINTS_DIR ? { fingerprintsDir: config.FINGERPRINTS_DIR } : {}),
          retentionDays: config.RETENTION_DAYS,
        },
      }),
      shutdownGraceTime: '10 seconds',
    });
    await applySchedules(temporal, config);
    const running = worker.run();
    log.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, fingerprints: fingerprints.get().version, metrics: metricsUrl }, 'worker running');
    process.send?.({ ready: true });
    // a fresh stack gets its test lists now, not at the first citizenlab-import run; start is not held up
    void importTestListsIfEmpty(temporal, database.db, config.TEMPORAL_TASK_QUEUE).then(
      (r) => r.imported && log.info({ imported: r.imported.imported, dir: r.imported.dir }, 'initial test lists imported'),
      (err: unknown) => log.warn({ err }, 'initial test-list import failed'),
    );
    // Started by the launcher: if it dies, stop too rather than linger as an orphan.
    process.once('disconnect', () => worker.shutdown());
    await running;
  } finally {
    fingerprints.stop();
    await connection.close();
    await temporal.connection.close();
    await database.close();
    store.client.destroy();
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
