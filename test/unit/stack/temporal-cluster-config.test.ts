// The cluster profile's server config: each service's own metrics port, the same persistence
// for all, Temporal's port layout on one host, and dynamic config in the server's list form.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  dynamicConfig,
  portsFrom,
  serverConfig,
  TEMPORAL_SERVICES,
  type TemporalClusterSettings,
} from '../../../stack/services/temporal-cluster-config.ts';

const settings: TemporalClusterSettings = {
  ip: '127.0.0.1',
  ports: portsFrom(7233),
  sql: { host: 'db.internal', port: 5432, user: 'temporal', password: 'secret', database: 'temporal', visibilityDatabase: 'temporal_visibility' },
  historyShards: 4,
  logLevel: 'warn',
  dynamicConfigFile: '/etc/temporal/dynamic.yaml',
};

type Rpc = { grpcPort: number; membershipPort: number; httpPort?: number; bindOnIP: string };
type Config = {
  persistence: {
    numHistoryShards: number;
    defaultStore: string;
    visibilityStore: string;
    datastores: Record<string, { sql: Record<string, unknown> }>;
  };
  global: { metrics: { prometheus: { listenAddress: string } } };
  services: Record<string, { rpc: Rpc }>;
  clusterMetadata: { clusterInformation: { active: { rpcAddress: string } } };
  dynamicConfigClient: { filepath: string };
};
const configOf = (service: (typeof TEMPORAL_SERVICES)[number]) => serverConfig(settings, service) as unknown as Config;

test('the ports of one host follow Temporal development configs (7233–7239, membership 6933–6939)', () => {
  const { services, frontendHttp } = portsFrom(7233);
  assert.deepEqual(
    { frontend: services.frontend.grpc, history: services.history.grpc, matching: services.matching.grpc, worker: services.worker.grpc },
    { frontend: 7233, history: 7234, matching: 7235, worker: 7239 },
  );
  assert.deepEqual(
    TEMPORAL_SERVICES.map((s) => services[s].membership),
    [6934, 6935, 6933, 6939],
  );
  assert.equal(frontendHttp, 7243);
  const all = [...TEMPORAL_SERVICES.flatMap((s) => Object.values(services[s])), frontendHttp];
  assert.equal(new Set(all).size, all.length, 'no port used twice');
});

test('every service gets the same persistence, shards and rpc layout, and a metrics port of its own', () => {
  const configs = TEMPORAL_SERVICES.map(configOf);
  const listen = configs.map((c) => c.global.metrics.prometheus.listenAddress);
  assert.deepEqual(listen, ['127.0.0.1:8034', '127.0.0.1:8035', '127.0.0.1:8033', '127.0.0.1:8039']);
  for (const c of configs) {
    assert.deepEqual(c.persistence, configs[0]!.persistence);
    assert.deepEqual(c.services, configs[0]!.services);
  }
  const c = configs[0]!;
  assert.equal(c.persistence.numHistoryShards, 4);
  const stores = c.persistence.datastores;
  assert.equal(stores[c.persistence.defaultStore]!.sql.databaseName, 'temporal');
  assert.equal(stores[c.persistence.visibilityStore]!.sql.databaseName, 'temporal_visibility');
  for (const store of Object.values(stores)) {
    assert.equal(store.sql.pluginName, 'postgres12');
    assert.equal(store.sql.connectAddr, 'db.internal:5432');
    assert.equal(store.sql.user, 'temporal');
  }
  assert.deepEqual(c.services.frontend!.rpc, { grpcPort: 7233, membershipPort: 6933, bindOnIP: '127.0.0.1', httpPort: 7243 });
  assert.equal(c.services.history!.rpc.httpPort, undefined);
  assert.equal(c.clusterMetadata.clusterInformation.active.rpcAddress, '127.0.0.1:7233');
  assert.equal(c.dynamicConfigClient.filepath, '/etc/temporal/dynamic.yaml');
});

test('dynamic config is a list of constrained values per key, with no version check and one task queue partition', () => {
  const dc = dynamicConfig();
  assert.deepEqual(dc['frontend.enableServerVersionCheck'], [{ value: false, constraints: {} }]);
  assert.deepEqual(dc['system.forceSearchAttributesCacheRefreshOnRead'], [{ value: true, constraints: {} }]);
  for (const key of ['matching.numTaskqueueReadPartitions', 'matching.numTaskqueueWritePartitions']) {
    assert.deepEqual(dc[key], [{ value: 1, constraints: {} }], `${key}: one partition per task queue on one host`);
  }
});
