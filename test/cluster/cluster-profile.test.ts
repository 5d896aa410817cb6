// Cluster profile only: the run's Temporal is the real server on PostgreSQL with 4 history
// shards and every service running as its own process, not the dev server.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Connection } from '@temporalio/client';
import { testEnv } from '../helpers/env.ts';

let connection: Connection;
before(async () => {
  connection = await Connection.connect({ address: testEnv.temporalAddress() });
});
after(async () => {
  await connection?.close();
});

test('the run talks to the Temporal server on PostgreSQL with 4 history shards', async () => {
  const info = await connection.workflowService.getClusterInfo({});
  assert.equal(info.persistenceStore, 'postgres12');
  assert.equal(info.visibilityStore, 'postgres12');
  assert.equal(info.historyShardCount, 4);
  const { serverVersion } = await connection.workflowService.getSystemInfo({});
  assert.equal(serverVersion, '1.32.1');
});
