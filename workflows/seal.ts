// Archive sealing. sealArchiveWorkflow (the schedule's action) finds the closed hours with
// work left and runs one sealHourWorkflow per hour (id `seal-YYYYMMDDHH`, visible per hour in
// the Web UI), which seals each of the hour's buckets with one heartbeating activity.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ApplicationFailure, continueAsNew, executeChild, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import type { SealBucketResult } from '../activities/archive/types.ts';
import { mapLimit } from '../domain/archive/map-limit.ts';
import { DEFAULT_PART_BYTES } from '../domain/archive/plan.ts';
import { sealHourWorkflowId } from './ids.ts';

type Activities = ReturnType<typeof createActivities>;

export interface SealOptions {
  collectorId: string;
  /** cap on a part's uncompressed tar size (OONI: about 20 MB) */
  partBytes?: number;
}

export interface SealSummary {
  hours: string[];
  buckets: number;
  parts: number;
  measurements: number;
  missing: number;
  /** hours another seal run was already working on */
  busy: string[];
}

/** Look-ups in PostgreSQL: short, retried while the database is away. */
const lookup = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 30 },
});

/** One bucket: S3 and PostgreSQL work, heartbeating per part; every step is repeatable. */
const sealing = proxyActivities<Activities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 30 },
});

const BUCKETS_IN_PARALLEL = 4;
const HOURS_IN_PARALLEL = 2;
const HOURS_PER_RUN = 48;

export async function sealHourWorkflow(input: SealOptions & { hour: string }): Promise<SealSummary> {
  const buckets = await lookup.listHourBuckets({ hour: input.hour });
  const results: SealBucketResult[] = await mapLimit(buckets, BUCKETS_IN_PARALLEL, (b) =>
    sealing.sealBucket({ ...b, collectorId: input.collectorId, partBytes: input.partBytes ?? DEFAULT_PART_BYTES }),
  );
  return {
    hours: [input.hour],
    buckets: buckets.length,
    parts: results.reduce((n, r) => n + r.committed.length, 0),
    measurements: results.reduce((n, r) => n + r.measurements, 0),
    missing: results.reduce((n, r) => n + r.missing, 0),
    busy: [],
  };
}

export async function sealArchiveWorkflow(options: SealOptions): Promise<SealSummary> {
  const hours = await lookup.listSealableHours({ limit: HOURS_PER_RUN });
  const total: SealSummary = { hours: [], buckets: 0, parts: 0, measurements: 0, missing: 0, busy: [] };
  const failed: string[] = [];
  await mapLimit(hours, HOURS_IN_PARALLEL, async (hour) => {
    try {
      const r = await executeChild(sealHourWorkflow, {
        workflowId: sealHourWorkflowId(hour),
        args: [{ collectorId: options.collectorId, ...(options.partBytes ? { partBytes: options.partBytes } : {}), hour }],
      });
      total.hours.push(hour);
      total.buckets += r.buckets;
      total.parts += r.parts;
      total.measurements += r.measurements;
      total.missing += r.missing;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) total.busy.push(hour);
      else failed.push(hour);
    }
  });
  if (failed.length > 0) {
    throw ApplicationFailure.create({ type: 'SealFailed', message: `sealing failed for hours ${failed.sort().join(', ')}`, details: [total] });
  }
  // A backlog longer than one run: carry on in a fresh history.
  if (hours.length === HOURS_PER_RUN && total.busy.length === 0) await continueAsNew<typeof sealArchiveWorkflow>(options);
  total.hours.sort();
  return total;
}
