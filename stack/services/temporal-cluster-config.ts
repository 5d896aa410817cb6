// The configuration of the production-shaped Temporal (TEMPORAL_MODE=cluster): one server config
// per service (frontend, history, matching, worker run as separate processes, each with its own
// metrics port), PostgreSQL persistence and visibility in databases of their own, and the dynamic
// config. Pure: the caller writes the files. YAML is a superset of JSON, so JSON is what we write.

export const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

interface ServicePorts {
  grpc: number;
  membership: number;
  /** Prometheus /metrics of this process; also its liveness check */
  metrics: number;
}

export interface TemporalClusterPorts {
  services: Record<TemporalService, ServicePorts>;
  /** the frontend's HTTP API */
  frontendHttp: number;
}

export interface TemporalSqlTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  /** persistence (executions, shards, task queues…) */
  database: string;
  visibilityDatabase: string;
}

export interface TemporalClusterSettings {
  ip: string;
  ports: TemporalClusterPorts;
  sql: TemporalSqlTarget;
  historyShards: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  dynamicConfigFile: string;
}

/** The ports of a cluster on one host from a base port: the layout of Temporal's own development configs. */
export function portsFrom(frontendPort: number): TemporalClusterPorts {
  const offset = { frontend: 0, history: 1, matching: 2, worker: 6 } as const;
  const services = Object.fromEntries(
    TEMPORAL_SERVICES.map((s) => [
      s,
      { grpc: frontendPort + offset[s], membership: frontendPort - 300 + offset[s], metrics: frontendPort + 800 + offset[s] },
    ]),
  ) as Record<TemporalService, ServicePorts>;
  return { services, frontendHttp: frontendPort + 10 };
}

function datastore(sql: TemporalSqlTarget, databaseName: string, maxConns: number) {
  return {
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${sql.host}:${sql.port}`,
      connectProtocol: 'tcp',
      user: sql.user,
      password: sql.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  };
}

/** The server config `temporal-server --config-file … start --service <service>` reads. */
export function serverConfig(s: TemporalClusterSettings, service: TemporalService): Record<string, unknown> {
  const frontend = `${s.ip}:${s.ports.services.frontend.grpc}`;
  const rpc = (name: TemporalService) => ({
    grpcPort: s.ports.services[name].grpc,
    membershipPort: s.ports.services[name].membership,
    bindOnIP: s.ip,
    ...(name === 'frontend' ? { httpPort: s.ports.frontendHttp } : {}),
  });
  return {
    log: { stdout: true, level: s.logLevel },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: s.historyShards,
      datastores: {
        'postgres-default': datastore(s.sql, s.sql.database, 20),
        'postgres-visibility': datastore(s.sql, s.sql.visibilityDatabase, 5),
      },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: s.ip },
      metrics: { prometheus: { framework: 'tally', timerType: 'histogram', listenAddress: `${s.ip}:${s.ports.services[service].metrics}` } },
    },
    // every service's rpc block: each process finds the others through membership, but reads its own here
    services: Object.fromEntries(TEMPORAL_SERVICES.map((name) => [name, { rpc: rpc(name) }])),
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: frontend,
          httpAddress: `${s.ip}:${s.ports.frontendHttp}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    publicClient: { hostPort: frontend },
    dynamicConfigClient: { filepath: s.dynamicConfigFile, pollInterval: '10s' },
  };
}

/**
 * Eager activity execution: a worker completing a workflow task that schedules an activity on its
 * own task queue gets that activity task in the answer, instead of polling matching for it. Off by
 * default in the server; both profiles turn it on (docs/ingest-round-trips.md).
 */
export const EAGER_ACTIVITIES = 'system.enableActivityEagerExecution';

/** Dynamic config: what the CLI dev server sets that our code and tests rely on, and no phoning home. */
export function dynamicConfig(): Record<string, Array<{ value: unknown; constraints: Record<string, never> }>> {
  const values: Record<string, unknown> = {
    // a search attribute added at start is usable at once (the dev server does the same)
    'system.forceSearchAttributesCacheRefreshOnRead': true,
    // no version check against Temporal's servers (this machine has no network)
    'frontend.enableServerVersionCheck': false,
    'frontend.enableUpdateWorkflowExecution': true,
    'frontend.enableUpdateWorkflowExecutionAsyncAccepted': true,
    // the storage activity comes back with the workflow task's completion (one matching round trip less)
    [EAGER_ACTIVITIES]: true,
    // one partition per task queue (the server's default is 4): on one host with a few workers, 4
    // partitions split the pollers, so fewer tasks meet a waiting poller and more go through
    // PostgreSQL (bench:ingest, cluster profile: 35 → 46 empty workflows/s); raise it with the
    // workers of a multi-host cluster (README)
    'matching.numTaskqueueReadPartitions': 1,
    'matching.numTaskqueueWritePartitions': 1,
  };
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, [{ value, constraints: {} }]]));
}

/** The Web UI server's config (`temporal-ui-server --root … --env ooni start` reads config/ooni.yaml). */
export function uiConfig(o: { ip: string; port: number; frontend: string }): Record<string, unknown> {
  return {
    temporalGrpcAddress: o.frontend,
    host: o.ip,
    port: o.port,
    enableUi: true,
    defaultNamespace: 'default',
    disableNewsFetch: true,
    notifyOnNewVersion: false,
    distribution: 'server',
    cors: { cookieInsecure: true, unsafeAllowAllOrigins: false },
  };
}
