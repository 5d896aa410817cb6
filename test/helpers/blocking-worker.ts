// Starts test/fixtures/workers/blocking-worker.ts as a child process on the pipeline's stack: a
// worker whose hourly analysis or detector stops after its first committed batch, to be SIGKILLed.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestPipeline } from './pipeline.ts';

const WORKER = fileURLToPath(new URL('../fixtures/workers/blocking-worker.ts', import.meta.url));

export interface BlockingWorker {
  child: ChildProcess;
  /** resolves when the child's `step` of `hour` has committed its first batch and hangs */
  blockedAt(hour: string): Promise<void>;
}

/** Resolves once the child polls the pipeline's task queue. */
export async function startBlockingWorker(p: TestPipeline, step: 'analysis' | 'detector'): Promise<BlockingWorker> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...p.childEnv, LOG_LEVEL: 'warn', BLOCK_STEP: step },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const blocked: string[] = [];
  const waiting = new Map<string, () => void>();
  child.on('message', (m: { blocked?: string }) => {
    if (m.blocked === undefined) return;
    blocked.push(m.blocked);
    waiting.get(m.blocked)?.();
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`blocking worker exited (${code}) before it was ready`)));
  });
  return {
    child,
    blockedAt: (hour) =>
      new Promise((resolve, reject) => {
        if (blocked.includes(hour)) return resolve();
        waiting.set(hour, resolve);
        child.once('exit', (code, signal) => reject(new Error(`blocking worker exited (${code ?? signal}) before ${hour} blocked`)));
      }),
  };
}

/** The activity starts of a workflow's history that were retries (attempt > 1): a killed worker's task ran again. */
export async function retriedActivityStarts(handle: {
  fetchHistory(): Promise<{ events?: ActivityStartEvent[] | null }>;
}): Promise<ActivityStartEvent[]> {
  const history = await handle.fetchHistory();
  return history.events?.filter((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1) ?? [];
}

interface ActivityStartEvent {
  activityTaskStartedEventAttributes?: { attempt?: number | null } | null;
}
