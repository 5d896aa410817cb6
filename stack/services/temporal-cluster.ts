// The production-shaped Temporal (TEMPORAL_MODE=cluster): the real server v1.32.1 as four
// processes (history, matching, frontend, worker), persistence and visibility in PostgreSQL
// databases of their own whose schema temporal-sql-tool creates, 4 history shards, the
// `default` namespace with our search attributes, and optionally the Web UI server.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common';
import postgres from 'postgres';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes.ts';
import { spawnManaged, waitUntilReady, type ManagedProcess } from '../managed-process.ts';
import {
  dynamicConfig,
  serverConfig,
  TEMPORAL_SERVICES,
  uiConfig,
  type TemporalClusterPorts,
  type TemporalClusterSettings,
  type TemporalService,
  type TemporalSqlTarget,
} from './temporal-cluster-config.ts';

const run = promisify(execFile);

export interface TemporalClusterOptions {
  binaries: { server: string; sqlTool: string; uiServer?: string };
  /** configs live here */
  dataDir: string;
  logDir: string;
  ip: string;
  ports: TemporalClusterPorts;
  /** the Web UI on this port; none when absent */
  uiPort?: number;
  /** a PostgreSQL URL with the right to create databases */
  adminUrl: string;
  databases: { persistence: string; visibility: string };
  historyShards: number;
  timeoutMs: number;
}

export type RunningTemporalCluster = ManagedProcess & {
  address: string;
  uiUrl: string | null;
  /** one per service, in start order; stop() stops all */
  processes: ManagedProcess[];
};

/** The PostgreSQL target the server and the SQL tool get, from the admin URL. */
export function sqlTarget(adminUrl: string, databases: TemporalClusterOptions['databases']): TemporalSqlTarget {
  const url = new URL(adminUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: databases.persistence,
    visibilityDatabase: databases.visibility,
  };
}

/**
 * Creates each database when absent, then its schema with temporal-sql-tool: setup-schema at
 * version 0.0 the first time, update-schema to the schema embedded in the tool (the module's
 * schema/postgresql/v12 folders) every time (a no-op when up to date). Safe to run again.
 */
/** `log` gets each command with its output. */
export async function setupTemporalSchema(sqlTool: string, target: TemporalSqlTarget, log: (text: string) => void): Promise<void> {
  const sql = postgres({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: 'postgres',
    max: 1,
    onnotice: () => {},
  });
  try {
    for (const [database, schema] of [
      [target.database, 'postgresql/v12/temporal'],
      [target.visibilityDatabase, 'postgresql/v12/visibility'],
    ] as const) {
      const base = [
        '--plugin',
        'postgres12',
        '--ep',
        target.host,
        '-p',
        String(target.port),
        '-u',
        target.user,
        '--pw',
        target.password,
        '--db',
        database,
      ];
      const exists = await sql`SELECT 1 FROM pg_database WHERE datname = ${database}`;
      if (exists.length === 0) await tool(sqlTool, [...base, 'create-database'], log);
      const db = postgres({
        host: target.host,
        port: target.port,
        user: target.user,
        password: target.password,
        database,
        max: 1,
        onnotice: () => {},
      });
      try {
        const [versioned] = await db`SELECT to_regclass('schema_version') IS NOT NULL AS yes`;
        if (!versioned?.yes) await tool(sqlTool, [...base, 'setup-schema', '-v', '0.0'], log);
      } finally {
        await db.end();
      }
      await tool(sqlTool, [...base, 'update-schema', '--schema-name', schema], log);
    }
  } finally {
    await sql.end();
  }
}

async function tool(binary: string, args: string[], log: (text: string) => void): Promise<void> {
  const shown = `$ temporal-sql-tool ${args.filter((_, i) => args[i - 1] !== '--pw').join(' ')}`;
  try {
    const { stdout, stderr } = await run(binary, args, { maxBuffer: 16 * 1024 * 1024 });
    log(`${shown}\n${stdout}${stderr}`);
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    log(`${shown}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    throw new Error(`${shown} failed: ${e.stderr?.trim().split('\n').at(-1) || e.message}`);
  }
}

/** Writes the configs, then starts (or starts again, on the same databases and ports) every process. */
export async function startTemporalCluster(o: TemporalClusterOptions): Promise<RunningTemporalCluster> {
  const dir = join(o.dataDir, 'temporal-cluster');
  mkdirSync(dir, { recursive: true });
  const target = sqlTarget(o.adminUrl, o.databases);
  const sqlLog = join(o.logDir, 'temporal-sql-tool.log');
  await setupTemporalSchema(o.binaries.sqlTool, target, (text) => writeFileSync(sqlLog, text, { flag: 'a' })).catch((err: Error) => {
    throw new Error(`${err.message}; see ${sqlLog}`);
  });
  const settings: TemporalClusterSettings = {
    ip: o.ip,
    ports: o.ports,
    sql: target,
    historyShards: o.historyShards,
    logLevel: 'warn',
    dynamicConfigFile: join(dir, 'dynamicconfig.yaml'),
  };
  writeFileSync(settings.dynamicConfigFile, JSON.stringify(dynamicConfig(), null, 2));
  const address = `${o.ip}:${o.ports.services.frontend.grpc}`;
  const processes: ManagedProcess[] = [];
  const stopAll = async () => {
    await Promise.all(processes.map((p) => p.stop()));
  };
  try {
    const start = (service: TemporalService) => {
      const configFile = join(dir, `${service}.yaml`);
      writeFileSync(configFile, JSON.stringify(serverConfig(settings, service), null, 2));
      const args = ['--config-file', configFile, '--allow-no-auth', 'start', '--service', service];
      const proc = spawnManaged(`Temporal ${service}`, o.binaries.server, args, join(o.logDir, `temporal-${service}.log`));
      processes.push(proc);
      const metrics = `http://${o.ip}:${o.ports.services[service].metrics}/metrics`;
      return waitUntilReady(proc, async () => (await fetch(metrics, { signal: AbortSignal.timeout(1_000) })).ok, o.timeoutMs);
    };
    // On a fresh database every process would write the cluster metadata at once, and all but
    // one fail on its primary key: the first one writes it, then the others start side by side.
    const [metadataWriter, ...rest] = TEMPORAL_SERVICES;
    await start(metadataWriter);
    await waitUntilReady(processes[0]!, () => clusterMetadataSaved(target), o.timeoutMs);
    await Promise.all(rest.map(start));
    const frontend = processes[TEMPORAL_SERVICES.indexOf('frontend')]!;
    await waitUntilReady(frontend, () => prepareNamespace(address), o.timeoutMs);
    let uiUrl: string | null = null;
    if (o.uiPort !== undefined && o.binaries.uiServer) {
      const root = join(dir, 'ui');
      mkdirSync(join(root, 'config'), { recursive: true });
      writeFileSync(join(root, 'config', 'ooni.yaml'), JSON.stringify(uiConfig({ ip: o.ip, port: o.uiPort, frontend: address }), null, 2));
      const ui = spawnManaged('Temporal Web UI', o.binaries.uiServer, ['--root', root, '--env', 'ooni', 'start'], join(o.logDir, 'temporal-ui.log'));
      processes.push(ui);
      uiUrl = `http://${o.ip}:${o.uiPort}`;
      const url = uiUrl;
      await waitUntilReady(ui, async () => (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok, o.timeoutMs);
    }
    const first = processes[0]!;
    return {
      name: 'Temporal cluster',
      logFile: first.logFile,
      child: first.child,
      // any process gone means the cluster is not whole
      exited: Promise.race(processes.map((p) => p.exited.then((code) => `${p.name}: ${code}`))),
      stop: stopAll,
      address,
      uiUrl,
      processes,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

async function clusterMetadataSaved(target: TemporalSqlTarget): Promise<boolean> {
  const { host, port, user, password, database } = target;
  const db = postgres({ host, port, user, password, database, max: 1, onnotice: () => {} });
  try {
    return (await db`SELECT 1 FROM cluster_metadata_info LIMIT 1`).length > 0;
  } finally {
    await db.end();
  }
}

/** gRPC status codes the readiness probe expects */
const ALREADY_EXISTS = 6;
/** temporal.api.enums.v1.IndexedValueType */
const KEYWORD = 2;

/**
 * Ready when the frontend answers, the `default` namespace exists (registered here the first
 * time), our search attributes are there, and a workflow can be started and terminated (history
 * and matching reached through the frontend, the namespace known to every service's cache).
 */
async function prepareNamespace(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1_000 });
  try {
    const svc = connection.workflowService;
    await svc.registerNamespace({ namespace: 'default', workflowExecutionRetentionPeriod: msToTs('3 days') }).catch(ignoreCode(ALREADY_EXISTS));
    await svc.describeNamespace({ namespace: 'default' });
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
    const missing = Object.keys(SEARCH_ATTRIBUTES).filter((name) => !(name in (customAttributes ?? {})));
    if (missing.length > 0) {
      const searchAttributes = Object.fromEntries(missing.map((name) => [name, KEYWORD]));
      await connection.operatorService.addSearchAttributes({ namespace: 'default', searchAttributes }).catch(ignoreCode(ALREADY_EXISTS));
      return false; // checked again on the next poll
    }
    const client = new Client({ connection });
    const handle = await client.workflow.start('ooniPipelineReadinessProbe', {
      taskQueue: 'ooni-pipeline-readiness-probe',
      workflowId: `ooni-pipeline-readiness-probe-${randomUUID()}`,
      workflowExecutionTimeout: '1 minute',
    });
    await handle.terminate('readiness probe of the stack launcher');
    return true;
  } finally {
    await connection.close();
  }
}

const ignoreCode = (code: number) => (err: unknown) => {
  if ((err as { code?: number }).code !== code) throw err;
};
