// The chaos run's own stack: Temporal (SQLite file, so it can be restarted), PostgreSQL
// (persistent cluster), versitygw, then the worker and the API as child processes. Every part
// can be killed or stopped and started again on the same port and folder.
import { freePort, freeTemporalClusterPorts } from '../stack/free-port.ts';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadRuntimeConfig, parseEnv, temporalModeSchema } from '../lib/config.ts';
import { REPO_ROOT } from '../lib/tools.ts';
import { readyMessage, spawnManaged, waitUntilReady, type ManagedProcess } from '../stack/managed-process.ts';
import { prepareResources } from '../stack/prepare-resources.ts';
import { LOCAL_S3_ACCESS_KEY, LOCAL_S3_SECRET_KEY } from '../stack/services/versitygw.ts';
import { serviceStarters, startServices, type ServicesOptions } from '../stack/start-services.ts';

const TIMEOUT_MS = 180_000;

type Part = 'temporal' | 'postgres' | 's3' | 'worker' | 'api';

export interface ChaosStack {
  dir: string;
  apiUrl: string;
  env: NodeJS.ProcessEnv;
  /** unexpected exits of the worker or API (not caused by the run), restarted by the supervisor */
  unexpectedExits: string[];
  pid(part: 'worker' | 'api'): number | undefined;
  kill(part: 'worker' | 'api'): Promise<void>;
  stop(part: Part): Promise<void>;
  start(part: Part): Promise<void>;
  /** true when GET /health says every dependency is up */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

export async function startChaosStack(dir: string, extraEnv: Record<string, string> = {}): Promise<ChaosStack> {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755); // PostgreSQL runs as another user when we are root
  const logs = join(dir, 'logs');
  mkdirSync(logs, { recursive: true });
  const [temporalPort, pgPort, s3Port, apiPort, metricsPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const procs = new Map<Part, ManagedProcess>();
  const expected = new Set<Part>(); // parts the run is stopping on purpose
  const unexpectedExits: string[] = [];
  let closing = false;

  // TEMPORAL_MODE=cluster: the Temporal fault restarts every process of the real server
  const { TEMPORAL_MODE: temporalMode, TEMPORAL_HISTORY_SHARDS: historyShards } = parseEnv(temporalModeSchema, process.env);
  const cluster = temporalMode === 'cluster' ? await freeTemporalClusterPorts() : undefined;
  const services: ServicesOptions = {
    dataDir: dir,
    logDir: logs,
    timeoutMs: TIMEOUT_MS,
    ports: cluster
      ? { temporal: cluster.services.frontend.grpc, postgres: pgPort, s3: s3Port, temporalCluster: cluster }
      : { temporal: temporalPort, postgres: pgPort, s3: s3Port },
    temporalMode,
    historyShards,
    ui: false,
    persistent: true,
  };
  const starters: Record<Part, () => Promise<ManagedProcess>> = {
    ...serviceStarters(services),
    worker: () => startNode('worker', 'worker.ts'),
    api: () => startNode('api', 'api/server.ts'),
  };

  let env: NodeJS.ProcessEnv = {};
  async function startNode(part: 'worker' | 'api', entry: string): Promise<ManagedProcess> {
    const proc = spawnManaged(part, process.execPath, ['--import', 'tsx', join(REPO_ROOT, entry)], join(logs, `${part}.log`), { env, ipc: true });
    await waitUntilReady(proc, readyMessage(proc), TIMEOUT_MS);
    return proc;
  }

  const start = async (part: Part) => {
    const proc = await starters[part]();
    procs.set(part, proc);
    expected.delete(part);
    if (part === 'worker' || part === 'api') {
      void proc.exited.then(async (code) => {
        if (closing || expected.has(part) || procs.get(part) !== proc) return;
        // a real deployment's supervisor restarts it; the run reports it
        unexpectedExits.push(`${part} exited (${code}) on its own; see ${proc.logFile}`);
        await start(part).catch((err: Error) => unexpectedExits.push(`${part} restart failed: ${err.message}`));
      });
    }
  };

  const stopAll = () => Promise.allSettled([...procs.values()].map((p) => p.stop(3_000)));
  const {
    temporal,
    postgres: pg,
    s3,
  } = await startServices(services, (part, proc) => procs.set(part, proc)).catch(async (err: unknown) => {
    await stopAll();
    throw err;
  });
  env = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    DATABASE_URL: pg.url,
    // the dev server's port, or the cluster profile's frontend
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'ooni-pipeline',
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: 'ooni-data',
    S3_ACCESS_KEY_ID: LOCAL_S3_ACCESS_KEY,
    S3_SECRET_ACCESS_KEY: LOCAL_S3_SECRET_KEY,
    API_HOST: '127.0.0.1',
    API_PORT: String(apiPort),
    WORKER_METRICS_ADDRESS: `127.0.0.1:${metricsPort}`,
    FINGERPRINTS_DIR: join(REPO_ROOT, 'test/fixtures/fingerprints'),
    SWEEP_AFTER_SECONDS: '10',
    ...extraEnv,
  };
  try {
    await prepareResources(loadRuntimeConfig(env));
    await start('worker');
    await start('api');
  } catch (err) {
    // a run that cannot start leaves nothing behind (its test file would never end)
    closing = true;
    await stopAll();
    throw err;
  }

  const apiUrl = `http://127.0.0.1:${apiPort}`;
  return {
    dir,
    apiUrl,
    env,
    unexpectedExits,
    pid: (part) => procs.get(part)?.child.pid,
    async kill(part) {
      const proc = procs.get(part);
      if (!proc) return;
      expected.add(part);
      try {
        if (proc.child.pid) process.kill(-proc.child.pid, 'SIGKILL');
      } catch {
        // gone already
      }
      await proc.exited;
    },
    async stop(part) {
      const proc = procs.get(part);
      if (!proc) return;
      expected.add(part);
      await proc.stop(20_000);
    },
    start,
    async healthy() {
      try {
        const res = await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(5_000) });
        return res.status === 200;
      } catch {
        return false;
      }
    },
    async close() {
      closing = true;
      for (const part of ['api', 'worker'] as const) await procs.get(part)?.stop(5_000);
      await Promise.allSettled((['temporal', 'postgres', 's3'] as const).map((p) => procs.get(p)?.stop(10_000)));
    },
  };
}
