// The v5 hourly analysis (docs/v5-data.md "Orchestration"). analysisCoordinatorWorkflow (the
// `v5-analysis` schedule's action, every minute) lists the hours due — changed since their last
// analysis, closed, and with every upload received before their end observed — and runs one
// analysisHourWorkflow per hour (id `analysis-YYYYMMDDHH`), which analyses the hour in
// heartbeating slices, recomputes the hour's data-quality flags (one activity), then runs the
// hour's changepoint detector as a child (`detector-YYYYMMDDHH`).
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ApplicationFailure, continueAsNew, executeChild, proxyActivities, setCurrentDetails, setHandler } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import type { AnalyseHourProgress } from '../activities/analysis/analyse-hour.ts';
import { mapLimit } from '../domain/archive/map-limit.ts';
import { analysisProgressQuery } from './definitions.ts';
import { detectorHourWorkflow } from './detector.ts';
import { analysisHourWorkflowId, detectorHourWorkflowId } from './ids.ts';

type Activities = ReturnType<typeof createActivities>;

/** Look-ups and bookkeeping in PostgreSQL: short, retried while the database is away. */
const lookup = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 30 },
});

/** One slice of an hour (at most about two minutes of work), heartbeating per batch. */
const analysing = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20 },
});

export interface AnalysisHourInput {
  /** `YYYY-MM-DDTHH`, UTC, of measurement_start_time */
  hour: string;
}

export interface AnalysisHourSummary {
  hour: string;
  /** the hour's max observation seq at the start: changes above it re-open the hour */
  seq: number;
  measurements: number;
  rows: number;
  faulty: number;
  removed: number;
  slices: number;
  /** the hour's data-quality flags made by the hourly job (docs/v5-data.md "Data quality") */
  qualityFlags: number;
}

export type AnalysisProgress = AnalyseHourProgress & { slices: number; state: 'starting' | 'analysing' | 'quality' | 'detector' | 'done' };

export async function analysisHourWorkflow(input: AnalysisHourInput): Promise<AnalysisHourSummary> {
  const progress: AnalysisProgress = {
    hour: input.hour,
    phase: 'ground truth',
    truthRows: 0,
    afterUid: null,
    measurements: 0,
    written: 0,
    skipped: 0,
    slices: 0,
    state: 'starting',
  };
  setHandler(analysisProgressQuery, () => progress);
  const show = () =>
    setCurrentDetails(
      `**${progress.state}** ${input.hour}: ${progress.measurements} measurements, ${progress.written} rows, ${progress.slices} slices`,
    );
  show();
  const { seq } = await lookup.beginHourAnalysis({ hour: input.hour });
  progress.state = 'analysing';
  let measurements = 0;
  for (;;) {
    const r = await analysing.analyseHour({ hour: input.hour, afterUid: progress.afterUid });
    measurements += r.measurements;
    Object.assign(progress, r, { measurements, written: progress.written + r.written, skipped: progress.skipped + r.skipped });
    progress.slices++;
    show();
    if (r.done) break;
  }
  // an activity, not a child: one bounded read of the hour's fastpath rows and one transaction,
  // re-run with the hour; its heartbeats show in this workflow's pending activity
  progress.state = 'quality';
  show();
  const quality = await analysing.computeHourQualityFlags({ hour: input.hour });
  progress.state = 'detector';
  show();
  await executeChild(detectorHourWorkflow, { workflowId: detectorHourWorkflowId(input.hour), args: [{ hour: input.hour }] });
  // recorded last: a failed detector leaves the hour due, so both run again
  const finished = await lookup.finishHourAnalysis({ hour: input.hour, seq });
  progress.state = 'done';
  show();
  return { hour: input.hour, seq, measurements, ...finished, slices: progress.slices, qualityFlags: quality.flags };
}

export interface AnalysisCoordinatorInput {
  /** see activities/analysis/due-hours.ts; defaults 10 and 120 */
  minRerunMinutes?: number;
  pendingGiveUpMinutes?: number;
}

export interface AnalysisCoordinatorSummary {
  hours: string[];
  /** hours whose analysis was still running from another start */
  busy: string[];
  rows: number;
}

const HOURS_IN_PARALLEL = 2;
const HOURS_PER_RUN = 48;

export async function analysisCoordinatorWorkflow(input: AnalysisCoordinatorInput = {}): Promise<AnalysisCoordinatorSummary> {
  const hours = await lookup.listDueAnalysisHours({
    limit: HOURS_PER_RUN,
    minRerunMinutes: input.minRerunMinutes ?? 10,
    pendingGiveUpMinutes: input.pendingGiveUpMinutes ?? 120,
  });
  const total: AnalysisCoordinatorSummary = { hours: [], busy: [], rows: 0 };
  const failed: string[] = [];
  await mapLimit(hours, HOURS_IN_PARALLEL, async (hour) => {
    try {
      const r = await executeChild(analysisHourWorkflow, { workflowId: analysisHourWorkflowId(hour), args: [{ hour }] });
      total.hours.push(hour);
      total.rows += r.rows;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) total.busy.push(hour);
      else failed.push(hour);
    }
  });
  if (failed.length > 0) {
    throw ApplicationFailure.create({ type: 'AnalysisFailed', message: `analysis failed for hours ${failed.sort().join(', ')}`, details: [total] });
  }
  if (hours.length === HOURS_PER_RUN && total.busy.length === 0) await continueAsNew<typeof analysisCoordinatorWorkflow>(input);
  total.hours.sort();
  total.busy.sort();
  return total;
}
