// `npm start`: the whole stack — Temporal dev server + Web UI (or with TEMPORAL_MODE=cluster the
// real server's four services + Web UI on our PostgreSQL), PostgreSQL, S3, migrations,
// WORKER_PROCESSES workers and API_PROCESSES API processes — each waited for, with its log file
// named when it fails. Ctrl-C stops all.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, loadRuntimeConfig, parseEnv, stackSchema } from '../lib/config.ts';
import { removeStackEnv, stackEnvPath, writeStackEnv } from '../lib/stack-env.ts';
import { REPO_ROOT } from '../lib/tools.ts';
import { readyMessage, spawnManaged, waitUntilReady, type ManagedProcess } from './managed-process.ts';
import { prepareResources } from './prepare-resources.ts';
import { LOCAL_S3_ACCESS_KEY, LOCAL_S3_SECRET_KEY } from './services/versitygw.ts';
import { startServices } from './start-services.ts';

type Stoppable = { name: string; stop(): Promise<void> };

const say = (line: string) => {
  if (process.stdout.writable) process.stdout.write(`${line}\n`);
};

function claimDataDir(dataDir: string): string {
  const pidFile = join(dataDir, 'stack.pid');
  try {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    if (pid && pid !== process.pid) {
      process.kill(pid, 0);
      throw new ConfigError(`another stack (pid ${pid}) is running on ${dataDir}; stop it, or set DATA_DIR and the ports for a second one`);
    }
  } catch (err) {
    if (err instanceof ConfigError) throw err;
  }
  writeFileSync(pidFile, String(process.pid));
  return pidFile;
}

/** The i-th worker's metrics endpoint: WORKER_METRICS_ADDRESS's port + i (or off). */
function workerMetricsAddress(address: string, i: number): string {
  if (address === 'off') return address;
  const colon = address.lastIndexOf(':');
  return `${address.slice(0, colon)}:${Number(address.slice(colon + 1)) + i}`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const stack = parseEnv(stackSchema, process.env);
  const dataDir = resolve(REPO_ROOT, stack.DATA_DIR);
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const pidFile = claimDataDir(dataDir);
  const timeoutMs = stack.STARTUP_TIMEOUT_SECONDS * 1000;
  const running: Stoppable[] = [];
  const apps: Stoppable[] = [];
  let stopping = false;

  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nstopping…');
    const stop = (part: Stoppable) => part.stop().catch((err: Error) => say(`  ${part.name}: ${err.message}`));
    // The API and worker first (they use the rest), then the services side by side.
    const services = running.filter((p) => !apps.includes(p));
    for (const part of apps.reverse()) await stop(part);
    await Promise.all(services.map(stop));
    removeStackEnv(dataDir);
    rmSync(pidFile, { force: true });
    say('stopped.');
    process.exit(code);
  };
  // SIGHUP too: when the terminal closes during Ctrl-C, the stop must still finish.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0));
  process.stdout.on('error', () => {}); // the terminal may be gone while we stop

  try {
    say(`starting ooni-pipeline (data in ${dataDir}, logs in ${logDir})…`);
    // Started side by side; every part that came up is registered for stopping before any
    // failure is reported, so a failed start leaves nothing behind.
    const { temporal, postgres, s3 } = await startServices(
      {
        dataDir,
        logDir,
        timeoutMs,
        toolsDir: stack.TOOLS_DIR,
        ports: { temporal: stack.TEMPORAL_PORT, temporalUi: stack.TEMPORAL_UI_PORT, postgres: stack.PG_PORT, s3: stack.S3_PORT },
        temporalMode: stack.TEMPORAL_MODE,
        historyShards: stack.TEMPORAL_HISTORY_SHARDS,
        ui: true,
        external: { temporalAddress: stack.TEMPORAL_ADDRESS, databaseUrl: stack.DATABASE_URL, s3Endpoint: stack.S3_ENDPOINT },
      },
      (_part, proc) => running.push(proc),
    );

    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: postgres.url,
      TEMPORAL_ADDRESS: temporal.address,
      S3_ENDPOINT: s3.endpoint,
      ...(s3.local ? { S3_ACCESS_KEY_ID: LOCAL_S3_ACCESS_KEY, S3_SECRET_ACCESS_KEY: LOCAL_S3_SECRET_KEY } : {}),
    };
    const config = loadRuntimeConfig(childEnv);
    writeStackEnv(dataDir, childEnv);
    await prepareResources(config);

    const node = [process.execPath, '--import', 'tsx'];
    const startChild = async (name: string, entry: string, log: string, env: NodeJS.ProcessEnv = childEnv): Promise<ManagedProcess> => {
      const proc = spawnManaged(name, node[0]!, [...node.slice(1), join(REPO_ROOT, entry)], join(logDir, log), {
        env,
        ipc: true,
      });
      running.push(proc);
      apps.push(proc);
      await waitUntilReady(proc, readyMessage(proc), timeoutMs);
      void proc.exited.then((code) => {
        if (stopping) return;
        say(`\n${name} exited unexpectedly (${code}); see ${proc.logFile}`);
        void stopAll(1);
      });
      return proc;
    };
    const workers = stack.WORKER_PROCESSES;
    const workerMetrics = (i: number) => workerMetricsAddress(config.WORKER_METRICS_ADDRESS, i);
    await Promise.all(
      Array.from({ length: workers }, (_, i) =>
        workers === 1
          ? startChild('worker', 'worker.ts', 'worker.log')
          : startChild(`worker ${i + 1}`, 'worker.ts', `worker-${i + 1}.log`, { ...childEnv, WORKER_METRICS_ADDRESS: workerMetrics(i) }),
      ),
    );
    if (stack.API_PROCESSES === 1) await startChild('API', 'api/server.ts', 'api.log');
    else await startChild('API', 'api/cluster-main.ts', 'api.log', { ...childEnv, API_PROCESSES: String(stack.API_PROCESSES) });

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    say('');
    say(`ooni-pipeline is running (ready in ${seconds} s)`);
    say(`  API     http://${config.API_HOST}:${config.API_PORT}`);
    say(`  Web UI  ${temporal.uiUrl ?? `(external Temporal at ${temporal.address})`}`);
    const profile = stack.TEMPORAL_MODE === 'cluster' ? `cluster profile: 4 services, ${stack.TEMPORAL_HISTORY_SHARDS} history shards` : 'dev server';
    say(
      `  Temporal ${temporal.address} (${stack.TEMPORAL_ADDRESS ? 'external' : profile}); ${workers} worker and ${stack.API_PROCESSES} API process(es)`,
    );
    if (config.WORKER_METRICS_ADDRESS !== 'off') {
      say(`  worker metrics  ${Array.from({ length: workers }, (_, i) => `http://${workerMetrics(i)}/metrics`).join('  ')}`);
    }
    say(`  logs    ${logDir}`);
    if (!config.SMTP_URL) say(`  logins  no SMTP_URL: login links go to the API log (grep login_url ${join(logDir, 'api.log')})`);
    say(`  CLI     npx ooni-pipeline schedules list | seal | verify | reprocess (settings from ${stackEnvPath(dataDir)})`);
    say('Press Ctrl-C to stop everything.');
  } catch (err) {
    say(`\nstartup failed: ${(err as Error).message}`);
    await stopAll(1);
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
