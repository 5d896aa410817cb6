// The three services every launcher needs (npm start, the chaos run, the test runner): Temporal
// (the dev server, or with TEMPORAL_MODE=cluster the real server's four services on this
// PostgreSQL; with our search attributes either way), PostgreSQL and versitygw, started side by
// side (the cluster once PostgreSQL is up), each on its port and under one folder, unless an
// already running one is named.
import { join } from 'node:path';
import { findTool } from '../lib/tools.ts';
import type { ManagedProcess } from './managed-process.ts';
import { startEmbeddedPostgres } from './services/postgres.ts';
import { localPostgresUrl } from './services/postgres-credentials.ts';
import { startTemporalDevServer } from './services/temporal.ts';
import { startTemporalCluster } from './services/temporal-cluster.ts';
import { portsFrom, type TemporalClusterPorts } from './services/temporal-cluster-config.ts';
import { startVersitygw } from './services/versitygw.ts';

export type ServicePart = 'temporal' | 'postgres' | 's3';

export interface ServicesOptions {
  /** the services' data folder */
  dataDir: string;
  logDir: string;
  timeoutMs: number;
  /** where the Go binaries are (findTool's default when absent) */
  toolsDir?: string;
  ports: { temporal: number; temporalUi?: number; postgres: number; s3: number; temporalCluster?: TemporalClusterPorts };
  /** dev (default): the CLI dev server; cluster: the real server, its databases on our PostgreSQL */
  temporalMode?: 'dev' | 'cluster';
  /** the cluster's history shards (4 when absent) */
  historyShards?: number;
  /** the cluster's database names (temporal, temporal_visibility when absent) */
  temporalDatabases?: { persistence: string; visibility: string };
  /** the Temporal Web UI on ports.temporalUi (npm start); tests and chaos run headless */
  ui: boolean;
  /** Temporal's and PostgreSQL's data kept across restarts; the services' own default when absent */
  persistent?: boolean;
  /** services already running elsewhere, used instead of starting ours */
  external?: { temporalAddress?: string | undefined; databaseUrl?: string | undefined; s3Endpoint?: string | undefined };
}

export interface Services {
  temporal: { address: string; uiUrl: string | null };
  postgres: { url: string; adminUrl: string };
  /** local: ours, with LOCAL_S3_ACCESS_KEY/LOCAL_S3_SECRET_KEY */
  s3: { endpoint: string; local: boolean };
}

/** One starter per service, each starting it again on the same port and folder (the chaos run restarts them). */
export function serviceStarters(o: ServicesOptions) {
  const persistent = o.persistent === undefined ? {} : { persistent: o.persistent };
  const temporalCluster = () =>
    startTemporalCluster({
      binaries: {
        server: findTool('temporal-server', o.toolsDir),
        sqlTool: findTool('temporal-sql-tool', o.toolsDir),
        ...(o.ui ? { uiServer: findTool('temporal-ui-server', o.toolsDir) } : {}),
      },
      dataDir: join(o.dataDir, 'temporal'),
      logDir: o.logDir,
      ip: '127.0.0.1',
      ports: o.ports.temporalCluster ?? portsFrom(o.ports.temporal),
      ...(o.ui ? { uiPort: o.ports.temporalUi ?? 0 } : {}),
      adminUrl: o.external?.databaseUrl ?? localPostgresUrl(o.ports.postgres, 'postgres'),
      databases: o.temporalDatabases ?? { persistence: 'temporal', visibility: 'temporal_visibility' },
      historyShards: o.historyShards ?? 4,
      timeoutMs: o.timeoutMs,
    });
  return {
    temporal:
      o.temporalMode === 'cluster'
        ? temporalCluster
        : () =>
            startTemporalDevServer({
              binary: findTool('temporal', o.toolsDir),
              dataDir: join(o.dataDir, 'temporal'),
              logFile: join(o.logDir, 'temporal.log'),
              ip: '127.0.0.1',
              port: o.ports.temporal,
              uiPort: o.ports.temporalUi ?? 0,
              ...(o.ui ? {} : { ui: false }),
              ...persistent,
              timeoutMs: o.timeoutMs,
            }),
    postgres: () =>
      startEmbeddedPostgres({
        dataDir: o.dataDir,
        logFile: join(o.logDir, 'postgres.log'),
        port: o.ports.postgres,
        ...persistent,
        timeoutMs: o.timeoutMs,
      }),
    s3: () =>
      startVersitygw({
        binary: findTool('versitygw', o.toolsDir),
        dataDir: o.dataDir,
        logFile: join(o.logDir, 's3.log'),
        port: o.ports.s3,
        timeoutMs: o.timeoutMs,
      }),
  } satisfies Record<ServicePart, () => Promise<ManagedProcess>>;
}

/**
 * Starts the services not named in `o.external`, side by side. Every one that came up is handed
 * to `started` before any failure is thrown, so the caller can stop it (a failed start leaves
 * nothing behind).
 */
export async function startServices(o: ServicesOptions, started: (part: ServicePart, proc: ManagedProcess) => void = () => {}): Promise<Services> {
  const starters = serviceStarters(o);
  const ext = o.external ?? {};
  const register =
    <P extends ManagedProcess>(part: ServicePart) =>
    (proc: P) => (started(part, proc), proc);
  const postgresPart = ext.databaseUrl
    ? Promise.resolve({ url: ext.databaseUrl, adminUrl: ext.databaseUrl })
    : (async () => starters.postgres())().then(register('postgres'));
  // the cluster keeps its state in PostgreSQL: it starts once that is up
  const temporalAfter = o.temporalMode === 'cluster' ? postgresPart : Promise.resolve();
  const parts = await Promise.allSettled([
    ext.temporalAddress
      ? Promise.resolve({ address: ext.temporalAddress, uiUrl: null })
      : temporalAfter.then(() => starters.temporal()).then(register('temporal')),
    postgresPart,
    ext.s3Endpoint
      ? Promise.resolve({ endpoint: ext.s3Endpoint, local: false })
      : (async () => starters.s3())()
          .then(register('s3'))
          .then((s) => ({ endpoint: s.endpoint, local: true })),
  ]);
  const failed = parts.find((p) => p.status === 'rejected');
  if (failed) throw failed.reason;
  const [temporal, postgres, s3] = parts.map((p) => (p as PromiseFulfilledResult<unknown>).value) as [
    Services['temporal'],
    Services['postgres'],
    Services['s3'],
  ];
  return {
    temporal: { address: temporal.address, uiUrl: temporal.uiUrl },
    postgres: { url: postgres.url, adminUrl: postgres.adminUrl },
    s3,
  };
}
