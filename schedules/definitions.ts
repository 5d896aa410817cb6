// The schedules the worker creates (DESIGN §4.5), as data. Interval specs are aligned to the
// epoch, so "every 60 min, offset 10 min" fires at minute 10 of each hour, as OONI's timer.
import type { ScheduleOptions } from '@temporalio/client';
import type { RuntimeConfig } from '../lib/config.ts';

export interface ScheduleDefinition {
  id: string;
  description: string;
  workflowType: string;
  args: unknown[];
  spec: ScheduleOptions['spec'];
}

type Settings = Pick<RuntimeConfig, 'SEAL_INTERVAL_MINUTES' | 'COLLECTOR_ID'>;

export function scheduleDefinitions(config: Settings): ScheduleDefinition[] {
  const every = config.SEAL_INTERVAL_MINUTES;
  return [
    {
      id: 'seal-archive',
      description: 'seal closed hour buckets into jsonl + postcans on S3',
      workflowType: 'sealArchiveWorkflow',
      args: [{ collectorId: config.COLLECTOR_ID }],
      spec: { intervals: [{ every: `${every} minutes`, offset: `${10 % every} minutes` }] },
    },
  ];
}
