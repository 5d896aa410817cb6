// Cluster profile only (test/run.ts lists test/cluster/ with TEMPORAL_MODE=cluster): a workflow
// started before every Temporal process (history, matching, frontend, worker) is stopped and
// started again completes afterwards, on the same run, with the worker reconnecting by itself.
// The test runs a cluster of its own (own databases on the run's PostgreSQL, own ports) so the
// other files, which share the run's cluster, see no outage.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { findTool } from '../../lib/tools.ts';
import { freeTemporalClusterPorts } from '../../stack/free-port.ts';
import { startTemporalCluster, type RunningTemporalCluster, type TemporalClusterOptions } from '../../stack/services/temporal-cluster.ts';
import { testEnv, uniqueSuffix } from '../helpers/env.ts';
import { eventually } from '../helpers/pipeline.ts';
import { uniqueTaskQueue, workflowBundle } from '../helpers/temporal.ts';

const workflowsPath = fileURLToPath(new URL('../fixtures/workflows/restart.ts', import.meta.url));
let options: TemporalClusterOptions;
let cluster: RunningTemporalCluster | undefined;

before(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const suffix = uniqueSuffix();
  const dir = join(testEnv.workDir(), `restart-cluster-${suffix}`);
  options = {
    binaries: { server: findTool('temporal-server'), sqlTool: findTool('temporal-sql-tool') },
    dataDir: dir,
    logDir: testEnv.workDir(),
    ip: '127.0.0.1',
    ports: await freeTemporalClusterPorts(),
    adminUrl: testEnv.databaseAdminUrl(),
    databases: { persistence: `temporal_restart_${suffix}`, visibility: `temporal_visibility_restart_${suffix}` },
    historyShards: 4,
    timeoutMs: 180_000,
  };
  cluster = await startTemporalCluster(options);
});
after(async () => {
  await cluster?.stop();
});

async function client(address: string): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection }), close: () => connection.close() };
}

test('a workflow started before a restart of every Temporal process completes after it', { timeout: 600_000 }, async () => {
  const address = cluster!.address;
  const taskQueue = uniqueTaskQueue('restart');
  const steps: string[] = [];
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: await workflowBundle(workflowsPath),
    activities: { step: async (name: string) => (steps.push(name), `${name} done`) },
  });
  const running = worker.run();
  try {
    const first = await client(address);
    const handle = await first.client.workflow.start('restartWorkflow', { taskQueue, workflowId: `restart-${taskQueue}` });
    await eventually('the first activity', async () => ((await handle.query<string[]>('steps')).length === 1 ? true : undefined));
    await first.close();

    assert.equal(cluster!.processes.length, 4);
    const pids = cluster!.processes.map((p) => p.child.pid);
    await cluster!.stop();
    assert.deepEqual(
      cluster!.processes.map((p) => p.child.exitCode !== null || p.child.signalCode !== null),
      [true, true, true, true],
      'every Temporal process has exited',
    );
    await assert.rejects(Connection.connect({ address, connectTimeout: 1_000 }), 'the frontend is down');

    cluster = await startTemporalCluster(options);
    assert.equal(cluster.processes.filter((p) => pids.includes(p.child.pid)).length, 0, 'four new processes');
    const second = await client(address);
    try {
      const again = second.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId);
      await again.signal('release');
      assert.deepEqual(await again.result(), ['before done', 'after done']);
      assert.equal((await again.describe()).status.name, 'COMPLETED');
      assert.deepEqual(steps, ['before', 'after']);
    } finally {
      await second.close();
    }
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
});
