// `npm test`: starts the real services once for the run (Temporal dev server, PostgreSQL,
// versitygw — on free ports, in a throwaway folder), then runs every test file with node's
// test runner. Each test file makes its own database, bucket and task queues.
// TEMPORAL_MODE=cluster: the real Temporal server's four services on the run's PostgreSQL
// instead of the dev server, and the files under test/cluster/ too (only then).
import { freePort, freeTemporalClusterPorts } from '../stack/free-port.ts';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseEnv, temporalModeSchema } from '../lib/config.ts';
import { REPO_ROOT } from '../lib/tools.ts';
import type { ManagedProcess } from '../stack/managed-process.ts';
import { LOCAL_S3_ACCESS_KEY, LOCAL_S3_SECRET_KEY } from '../stack/services/versitygw.ts';
import { startServices } from '../stack/start-services.ts';

const TIMEOUT_MS = 120_000;

/** test/cluster/ needs the cluster profile (restarts of its processes): listed only in that mode */
function testFiles(dir: string, cluster: boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' || (entry.name === 'cluster' && !cluster) ? [] : testFiles(path, cluster);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

async function main(): Promise<number> {
  const filter = process.argv.slice(2);
  const { TEMPORAL_MODE: mode, TEMPORAL_HISTORY_SHARDS: historyShards } = parseEnv(temporalModeSchema, process.env);
  const files = testFiles(join(REPO_ROOT, 'test'), mode === 'cluster')
    .map((f) => relative(REPO_ROOT, f))
    .filter((f) => filter.length === 0 || filter.some((part) => f.includes(part)))
    .sort();
  const services: ManagedProcess[] = [];
  const workDir = mkdtempSync(join(tmpdir(), 'ooni-pipeline-test-'));
  // Ctrl-C or a CI timeout must not leave the run's servers behind.
  let runner: ReturnType<typeof spawn> | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      runner?.kill(signal);
      void Promise.allSettled(services.map((s) => s.stop(3_000))).then(() => process.exit(130));
    });
  }
  chmodSync(workDir, 0o755); // PostgreSQL runs as another user when we are root
  try {
    process.stderr.write(
      `[test] starting Temporal (${mode === 'cluster' ? 'cluster profile' : 'dev server'}), PostgreSQL and S3 for the run (logs in ${workDir})…\n`,
    );
    const [temporalPort, pgPort, s3Port] = await Promise.all([freePort(), freePort(), freePort()]);
    const cluster = mode === 'cluster' ? await freeTemporalClusterPorts() : undefined;
    const { temporal, postgres, s3 } = await startServices(
      {
        dataDir: workDir,
        logDir: workDir,
        timeoutMs: TIMEOUT_MS,
        ports: cluster
          ? { temporal: cluster.services.frontend.grpc, postgres: pgPort, s3: s3Port, temporalCluster: cluster }
          : { temporal: temporalPort, postgres: pgPort, s3: s3Port },
        temporalMode: mode,
        historyShards,
        // unique, should DATABASE_URL name a server that outlives the run
        temporalDatabases: { persistence: `temporal_run_${process.pid}`, visibility: `temporal_visibility_run_${process.pid}` },
        ui: false,
        persistent: false,
        external: { databaseUrl: process.env.DATABASE_URL },
      },
      (_part, proc) => services.push(proc),
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      TEST_TEMPORAL_ADDRESS: temporal.address,
      TEST_TEMPORAL_MODE: mode,
      TEST_DATABASE_ADMIN_URL: postgres.adminUrl,
      TEST_S3_ENDPOINT: s3.endpoint,
      TEST_S3_ACCESS_KEY_ID: LOCAL_S3_ACCESS_KEY,
      TEST_S3_SECRET_ACCESS_KEY: LOCAL_S3_SECRET_KEY,
      TEST_WORK_DIR: workDir,
    };
    process.stderr.write(`[test] running ${files.length} test files…\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-timeout=600000', ...files], {
      cwd: REPO_ROOT,
      env,
      stdio: 'inherit',
    });
    runner = child;
    return await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  } finally {
    await Promise.allSettled(services.map((s) => s.stop()));
    if (!process.env.KEEP_TEST_DATA) rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`[test] could not start the test services: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
