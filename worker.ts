// The Temporal worker: builds the activity deps once, then polls the task queue until stopped
// (the SDK's runtime turns SIGINT/SIGTERM into a graceful shutdown).
import { NativeConnection, Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { activityDepsFrom } from './activities/deps.ts';
import { createActivities } from './activities/index.ts';
import { readFingerprintsDir } from './activities/jobs/fingerprints-files.ts';
import { FingerprintsHolder } from './activities/jobs/fingerprints.ts';
import { loadRuntimeConfig } from './lib/config.ts';
import { buildInfra } from './lib/infra.ts';
import { installWorkerTelemetry } from './lib/worker-telemetry.ts';
import { applySchedules } from './schedules/apply.ts';
import { importTestListsIfEmpty } from './schedules/initial-test-lists.ts';

async function run(): Promise<void> {
  const config = loadRuntimeConfig();
  const metricsUrl = installWorkerTelemetry(config.WORKER_METRICS_ADDRESS);
  const infra = await buildInfra(config, { name: 'worker' });
  const { log, temporal } = infra;
  const fingerprints = new FingerprintsHolder(infra.db, await readFingerprintsDir(config.FINGERPRINTS_DIR), log);
  // a version stored by the fingerprints-refresh schedule wins over the files: all workers agree
  await fingerprints.refresh().catch((err: unknown) => log.warn({ err }, 'stored fingerprints not loaded'));
  fingerprints.start(config.FINGERPRINTS_POLL_SECONDS * 1000);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
      activities: createActivities(activityDepsFrom(infra, config, { fingerprints: fingerprints.get })),
      shutdownGraceTime: '10 seconds',
    });
    await applySchedules(temporal, config);
    const running = worker.run();
    log.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, fingerprints: fingerprints.get().version, metrics: metricsUrl }, 'worker running');
    process.send?.({ ready: true });
    // a fresh stack gets its test lists now, not at the first citizenlab-import run; start is not held up
    void importTestListsIfEmpty(temporal, infra.db, config.TEMPORAL_TASK_QUEUE).then(
      (r) => r.imported && log.info({ imported: r.imported.imported, dir: r.imported.dir }, 'initial test lists imported'),
      (err: unknown) => log.warn({ err }, 'initial test-list import failed'),
    );
    // Started by the launcher: if it dies, stop too rather than linger as an orphan.
    process.once('disconnect', () => worker.shutdown());
    await running;
  } finally {
    fingerprints.stop();
    await connection.close();
    await infra.close();
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
