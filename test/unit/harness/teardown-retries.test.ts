// The test harness's Temporal client connection (test/helpers/temporal.ts): a call being retried
// when the connection closes must not throw from the SDK's retry timer ("Channel has been shut
// down", an uncaught exception that fails whichever test file is running). No server: the port
// refuses connections, so every attempt fails UNAVAILABLE and is retried.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { Connection } from '@temporalio/client';
import { retriesStoppedAtTeardown } from '../../helpers/temporal.ts';

/** A local port nothing listens on (bound, then released). */
async function refusedAddress(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return `127.0.0.1:${port}`;
}

test('closing while a call waits for its retry: the retry fires on the open channel, none follows, the call fails, nothing is thrown', async () => {
  const uncaught: unknown[] = [];
  const record = (e: unknown) => uncaught.push(e);
  process.on('uncaughtException', record);
  try {
    const retries = retriesStoppedAtTeardown();
    const connection = Connection.lazy({ address: await refusedAddress(), plugins: [retries.plugin] });
    const call = connection.workflowService.getSystemInfo({}).then(
      () => 'answered',
      (e: { code?: number }) => e.code,
    );
    // a retry is scheduled (the first attempt was refused)
    while (retries.scheduled() === 0) await new Promise((r) => setImmediate(r));
    await retries.beforeClose();
    const scheduledAtClose = retries.scheduled();
    await connection.close();
    assert.equal(await call, 14, 'the call ends UNAVAILABLE instead of retrying on a closed channel');
    assert.equal(retries.scheduled(), scheduledAtClose, 'no retry is scheduled once teardown began');
    assert.deepEqual(uncaught, []);
  } finally {
    process.off('uncaughtException', record);
  }
});
