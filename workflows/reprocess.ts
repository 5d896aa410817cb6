// Re-scores a day range from the sealed jsonl files (OONI's `fastpath --start-day --end-day`):
// per day, one planning look-up, then one heartbeating activity per batch of files.
// Progress is a query so the CLI can draw it; re-running only upserts the same rows again.
import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import type { ReprocessBatchResult } from '../activities/archive/types.ts';
import { mapLimit } from '../domain/archive/map-limit.ts';
import { addCounts } from '../domain/archive/verdicts.ts';
import { reprocessProgressQuery } from './definitions.ts';
import type { ReprocessInput, ReprocessProgress } from './reprocess-types.ts';

type Activities = ReturnType<typeof createActivities>;

export type { ReprocessInput, ReprocessProgress };

const lookup = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 30 },
});

const scoring = proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20 },
});

const BATCHES_IN_PARALLEL = 4;

const DAY_MS = 86_400_000;
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function reprocessWorkflow(input: ReprocessInput): Promise<ReprocessProgress> {
  const days = Math.floor((dayMs(input.endDay) - dayMs(input.startDay)) / DAY_MS) + 1;
  const progress: ReprocessProgress = input.progress ?? {
    day: input.startDay,
    daysDone: 0,
    days,
    planned: 0,
    measurements: 0,
    files: 0,
    rejected: 0,
    faultyObservations: 0,
    transitions: {},
  };
  setHandler(reprocessProgressQuery, () => progress);
  for (let ms = dayMs(input.startDay) + progress.daysDone * DAY_MS; ms <= dayMs(input.endDay); ms += DAY_MS) {
    progress.day = isoDay(ms);
    const filter = { day: progress.day.replaceAll('-', ''), probeCc: input.probeCc, testName: input.testName };
    const batches = await lookup.planReprocessDay({ ...filter, batchMeasurements: input.batchMeasurements ?? 5_000 });
    progress.planned += batches.reduce((n, b) => n + b.measurements, 0);
    await mapLimit(batches, BATCHES_IN_PARALLEL, async (batch) => {
      const r: ReprocessBatchResult = await scoring.reprocessBatch(batch);
      progress.measurements += r.measurements;
      progress.files += r.files;
      progress.rejected += r.rejected;
      progress.faultyObservations += r.faultyObservations;
      addCounts(progress.transitions, r.transitions);
    });
    progress.daysDone++;
    if (workflowInfo().continueAsNewSuggested && ms < dayMs(input.endDay)) {
      await continueAsNew<typeof reprocessWorkflow>({ ...input, progress });
    }
  }
  return progress;
}
