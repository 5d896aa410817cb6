// `npm test`: starts the real services once for the run (Temporal dev server, PostgreSQL,
// versitygw — on free ports, in a throwaway folder), then runs every test file with node's
// test runner. Each test file makes its own database, bucket and task queues.
import { freePort } from '../stack/free-port.ts';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../lib/tools.ts';
import type { ManagedProcess } from '../stack/managed-process.ts';
import { LOCAL_S3_ACCESS_KEY, LOCAL_S3_SECRET_KEY } from '../stack/services/versitygw.ts';
import { startServices } from '../stack/start-services.ts';

const TIMEOUT_MS = 120_000;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

async function main(): Promise<number> {
  const filter = process.argv.slice(2);
  const files = testFiles(join(REPO_ROOT, 'test'))
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
    process.stderr.write(`[test] starting Temporal, PostgreSQL and S3 for the run (logs in ${workDir})…\n`);
    const [temporalPort, pgPort, s3Port] = await Promise.all([freePort(), freePort(), freePort()]);
    const { temporal, postgres, s3 } = await startServices(
      {
        dataDir: workDir,
        logDir: workDir,
        timeoutMs: TIMEOUT_MS,
        ports: { temporal: temporalPort, postgres: pgPort, s3: s3Port },
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
