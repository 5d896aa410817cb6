// The Temporal side of the harness: the run's dev server through createFromExistingServer,
// workflows bundled once per test file, and a task queue of its own for each test.
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

export async function connectTestEnvironment(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createFromExistingServer({ address: testEnv.temporalAddress() });
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
