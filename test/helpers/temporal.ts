// The Temporal side of the harness: the run's dev server through createFromExistingServer,
// workflows bundled once per test file, and a task queue of its own for each test.
import { defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionPlugin } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { installWorkerTelemetry } from '../../lib/worker-telemetry.ts';
import { testEnv, uniqueSuffix } from './env.ts';

export const PRODUCTION_WORKFLOWS = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

let runtimeInstalled = false;
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

/** For a file that checks the worker's metrics: the runtime as worker.ts installs it. Call first. */
export function installRuntimeWithMetrics(address: string): void {
  if (runtimeInstalled) throw new Error('the Temporal runtime is already installed');
  runtimeInstalled = true;
  installWorkerTelemetry(address, new DefaultLogger('WARN'));
}

/**
 * The client's gRPC retry interceptor retries a failed call from a timer that Connection.close()
 * does not clear: a retry firing after teardown throws "Channel has been shut down" inside the
 * timer, an uncaught exception that fails whichever test file is running (seen once, in
 * test/archive/reprocess.test.ts under the full suite's load). The same retries as the SDK's
 * defaults, except that none is scheduled once teardown begins, and teardown first waits until
 * every retry already scheduled has fired (on a channel that is still open).
 */
export function retriesStoppedAtTeardown(): { plugin: ConnectionPlugin; beforeClose: () => Promise<void>; scheduled: () => number } {
  const defaults = defaultGrpcRetryOptions();
  let closing = false;
  /** epoch ms by which every scheduled retry has fired */
  let lastRetryAt = 0;
  let scheduled = 0;
  const interceptor = makeGrpcRetryInterceptor({
    retryableDecider: (attempt, status) => !closing && defaults.retryableDecider(attempt, status),
    delayFunction: (attempt, status) => {
      const delay = defaults.delayFunction(attempt, status);
      lastRetryAt = Math.max(lastRetryAt, Date.now() + delay);
      scheduled++;
      return delay;
    },
  });
  return {
    plugin: { name: 'test-retries-stopped-at-teardown', configureConnection: (options) => ({ ...options, interceptors: [interceptor] }) },
    async beforeClose() {
      closing = true;
      while (Date.now() <= lastRetryAt) await new Promise((r) => setTimeout(r, Math.min(50, lastRetryAt - Date.now() + 1)));
    },
    scheduled: () => scheduled,
  };
}

export async function connectTestEnvironment(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const retries = retriesStoppedAtTeardown();
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address: testEnv.temporalAddress(), plugins: [retries.plugin] });
  const teardown = env.teardown.bind(env);
  env.teardown = async () => {
    await retries.beforeClose();
    await teardown();
  };
  return env;
}

const bundles = new Map<string, Promise<{ code: string }>>();

/** webpack runs once per workflows file per test file, not once per worker. */
export function workflowBundle(workflowsPath = PRODUCTION_WORKFLOWS): Promise<{ code: string }> {
  let bundle = bundles.get(workflowsPath);
  if (!bundle) {
    bundle = bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
    bundles.set(workflowsPath, bundle);
  }
  return bundle;
}

export const uniqueTaskQueue = (name = 'test') => `${name.replace(/[^a-z0-9-]/gi, '-').slice(0, 40)}-${uniqueSuffix()}`;

export async function createTestWorker(
  env: TestWorkflowEnvironment,
  options: Omit<WorkerOptions, 'connection' | 'workflowBundle' | 'workflowsPath'> & { workflowsPath?: string },
): Promise<Worker> {
  const { workflowsPath, ...rest } = options;
  return Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    workflowBundle: await workflowBundle(workflowsPath),
    ...rest,
  });
}
