// The schedules the worker creates (DESIGN §4.5), as data. Interval specs are aligned to the
// epoch, so "every 60 min, offset 10 min" fires at minute 10 of each hour, as OONI's timer.
import { ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import type { RuntimeConfig } from '../lib/config.ts';
import type * as workflows from '../workflows/index.ts';

type Workflows = typeof workflows;

/** One schedule of workflow `W`: the type is a workflow export, the args that workflow's parameters. */
interface ScheduleOf<W extends keyof Workflows> {
  id: string;
  description: string;
  workflowType: W;
  args: Parameters<Workflows[W]>;
  spec: ScheduleOptions['spec'];
  /** what happens when a run is still going at the next fire time; SKIP when absent */
  overlap?: ScheduleOverlapPolicy;
}

export type ScheduleDefinition = { [W in keyof Workflows]: ScheduleOf<W> }[keyof Workflows];

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
    {
      id: 'v5-analysis',
      description: 'analyse each closed hour whose observations are complete and changed (analysis-YYYYMMDDHH), then its changepoints',
      workflowType: 'analysisCoordinatorWorkflow',
      args: [{}],
      spec: { intervals: [{ every: '1 minute' }] },
      overlap: ScheduleOverlapPolicy.SKIP,
    },
    // The analysis jobs (OONI's timers, reference ooni-query §7); each workflow returns what it did.
    {
      id: 'sweep-incoming',
      description: 'start the measurement workflow of uploads left without one',
      workflowType: 'sweepIncomingWorkflow',
      args: [],
      spec: { intervals: [{ every: '5 minutes' }] },
      overlap: ScheduleOverlapPolicy.SKIP,
    },
    {
      id: 'citizenlab-import',
      description: 'import the Citizen Lab test lists from TEST_LISTS_DIR (ooni-update-citizenlab)',
      workflowType: 'importTestListsWorkflow',
      args: [],
      spec: { intervals: [{ every: '30 minutes' }] },
      overlap: ScheduleOverlapPolicy.SKIP,
    },
    {
      id: 'url-prioritisation',
      description: 'refresh the weekly test-list URL measurement counts that weigh URL selection',
      workflowType: 'refreshUrlCountsWorkflow',
      args: [],
      spec: { intervals: [{ every: '10 minutes', offset: '2 minutes' }] },
      overlap: ScheduleOverlapPolicy.SKIP,
    },
    {
      id: 'fingerprints-refresh',
      description: 'load the DNS/HTTP fingerprint CSVs of FINGERPRINTS_DIR (ooni-update-fingerprints)',
      workflowType: 'refreshFingerprintsWorkflow',
      args: [],
      spec: { intervals: [{ every: '60 minutes', offset: '5 minutes' }] },
      overlap: ScheduleOverlapPolicy.SKIP,
    },
    {
      id: 'counters-refresh',
      description: 'recompute the pre-aggregated counters of days with new fastpath rows',
      workflowType: 'refreshCountersWorkflow',
      args: [],
      spec: { intervals: [{ every: '5 minutes', offset: '1 minutes' }] },
      overlap: ScheduleOverlapPolicy.SKIP,
    },
    {
      id: 'retention',
      description: 'delete sealed staged measurements older than RETENTION_DAYS and upload dedupe rows older than 2 days',
      workflowType: 'retentionWorkflow',
      args: [],
      spec: { intervals: [{ every: '24 hours', offset: '3 hours' }] },
      overlap: ScheduleOverlapPolicy.SKIP,
    },
    {
      id: 'slow-queries',
      description: 'top statements of pg_stat_statements by total time, for /metrics',
      workflowType: 'slowQueriesWorkflow',
      args: [],
      spec: { intervals: [{ every: '5 minutes', offset: '3 minutes' }] },
      overlap: ScheduleOverlapPolicy.SKIP,
    },
    // Day 2 at 02:00 UTC: a day for late uploads of the month's last hours to arrive and be scored (docs/exports.md).
    {
      id: 'fastpath-export',
      description: "export the previous month's fastpath rows as CSV (zstd) and Parquet to exports/fastpath/ on S3",
      workflowType: 'exportPreviousMonthWorkflow',
      args: [],
      spec: { calendars: [{ dayOfMonth: 2, hour: 2, minute: 0 }] },
      overlap: ScheduleOverlapPolicy.SKIP,
    },
  ];
}
