// Creates each schedule of definitions.ts, or updates it to match: safe on every worker start.
// A digest of the definition travels in the action's memo, so re-applying an unchanged
// definition leaves the schedule untouched (no update, same conflict token).
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { createHash } from 'node:crypto';
import type { RuntimeConfig } from '../lib/config.ts';
import { scheduleDefinitions, type ScheduleDefinition } from './definitions.ts';

type Settings = Pick<RuntimeConfig, 'SEAL_INTERVAL_MINUTES' | 'COLLECTOR_ID' | 'TEMPORAL_TASK_QUEUE'>;

export interface ApplyOptions {
  /** prepended to every schedule id (and its workflow ids): lets tests share a Temporal server */
  idPrefix?: string;
}

/** memo key holding the digest of the definition a schedule was last applied from */
const DEFINITION_MEMO = 'scheduleDefinition';

function scheduleId(def: ScheduleDefinition, options: ApplyOptions = {}): string {
  return `${options.idPrefix ?? ''}${def.id}`;
}

function digest(def: ScheduleDefinition, taskQueue: string): string {
  const { description, ...rest } = def;
  void description;
  return createHash('sha256')
    .update(JSON.stringify({ ...rest, taskQueue }))
    .digest('hex')
    .slice(0, 16);
}

function action(def: ScheduleDefinition, taskQueue: string, id = def.id) {
  return {
    type: 'startWorkflow' as const,
    workflowType: def.workflowType,
    args: def.args,
    taskQueue,
    workflowId: id,
    memo: { [DEFINITION_MEMO]: digest(def, taskQueue) },
  };
}

export async function applySchedules(client: Client, config: Settings, options: ApplyOptions = {}): Promise<string[]> {
  const applied: string[] = [];
  for (const def of scheduleDefinitions(config)) {
    const id = scheduleId(def, options);
    const overlap = def.overlap ?? ScheduleOverlapPolicy.SKIP;
    try {
      await client.schedule.create({
        scheduleId: id,
        spec: def.spec,
        action: action(def, config.TEMPORAL_TASK_QUEUE, id),
        policies: { overlap, catchupWindow: '1 day' },
        state: { note: def.description },
      });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      const handle = client.schedule.getHandle(id);
      const current = await handle.describe();
      const want = digest(def, config.TEMPORAL_TASK_QUEUE);
      if (current.action.type !== 'startWorkflow' || current.action.memo?.[DEFINITION_MEMO] !== want) {
        await handle.update((prev) => ({
          ...prev,
          spec: def.spec,
          action: action(def, config.TEMPORAL_TASK_QUEUE, id),
          policies: { ...prev.policies, overlap },
        }));
      }
    }
    applied.push(id);
  }
  return applied;
}
