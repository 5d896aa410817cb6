// Creates each schedule of definitions.ts, or updates it to match: safe on every worker start.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { RuntimeConfig } from '../lib/config.ts';
import { scheduleDefinitions, type ScheduleDefinition } from './definitions.ts';

type Settings = Pick<RuntimeConfig, 'SEAL_INTERVAL_MINUTES' | 'COLLECTOR_ID' | 'TEMPORAL_TASK_QUEUE'>;

function action(def: ScheduleDefinition, taskQueue: string) {
  return { type: 'startWorkflow' as const, workflowType: def.workflowType, args: def.args, taskQueue, workflowId: def.id };
}

export async function applySchedules(client: Client, config: Settings): Promise<string[]> {
  const applied: string[] = [];
  for (const def of scheduleDefinitions(config)) {
    try {
      await client.schedule.create({
        scheduleId: def.id,
        spec: def.spec,
        action: action(def, config.TEMPORAL_TASK_QUEUE),
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
        state: { note: def.description },
      });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(def.id).update((prev) => ({ ...prev, spec: def.spec, action: action(def, config.TEMPORAL_TASK_QUEUE) }));
    }
    applied.push(def.id);
  }
  return applied;
}
