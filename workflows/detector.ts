// The changepoint detector of one hour (`YYYY-MM-DDTHH`, docs/v5-data.md "Changepoints"), id
// `detector-YYYYMMDDHH`, run by analysisHourWorkflow once the hour's analysis rows are written:
// the hour's series in heartbeating slices (each batch replaces the hour and replays the later
// hours of its series), then the hour's record. Only keys and counts go through Temporal.
import { ApplicationFailure, proxyActivities, setCurrentDetails } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import type { DetectHourProgress, DetectorHourInput } from '../activities/detector/detect-hour.ts';

type Activities = ReturnType<typeof createActivities>;

const lookup = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 30 },
});

/** One slice of the hour's series (about two minutes of work), heartbeating per batch. */
const detecting = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20 },
});

export interface DetectorHourWorkflowInput extends DetectorHourInput {
  /** series per transaction (tests use small batches) */
  batchSize?: number;
}

export interface DetectorHourSummary {
  hour: string;
  /** the hour's committed observation seq at the start */
  seq: number;
  domains: number;
  series: number;
  replayed: number;
  /** changepoints at the hour itself */
  changepoints: number;
  slices: number;
}

const HOUR = /^\d{4}-\d{2}-\d{2}T\d{2}$/;
const CC = /^[A-Z]{2}$/;

export async function detectorHourWorkflow(input: DetectorHourWorkflowInput): Promise<DetectorHourSummary> {
  if (!HOUR.test(input.hour) || (input.probeCc !== undefined && (input.probeCc.length === 0 || !input.probeCc.every((cc) => CC.test(cc))))) {
    throw ApplicationFailure.nonRetryable(`bad detector input: hour ${input.hour}, probeCc ${JSON.stringify(input.probeCc)}`, 'BadDetectorInput');
  }
  const scope = { hour: input.hour, ...(input.probeCc ? { probeCc: [...input.probeCc].sort() } : {}) };
  let progress: DetectHourProgress = { hour: input.hour, after: null, series: 0, replayed: 0, changepoints: 0 };
  let slices = 0;
  let state = 'starting';
  const show = () =>
    setCurrentDetails(
      `**${state}** ${input.hour}: ${progress.series} series, ${progress.replayed} later hours replayed, ${progress.changepoints} changepoints, ${slices} slices`,
    );
  show();
  const { seq, domains } = await lookup.beginDetectorHour(scope);
  state = 'detecting';
  for (;;) {
    const r = await detecting.detectHour({ ...scope, after: progress.after, ...(input.batchSize ? { batchSize: input.batchSize } : {}) });
    progress = {
      ...r,
      series: progress.series + r.series,
      replayed: progress.replayed + r.replayed,
      changepoints: progress.changepoints + r.changepoints,
    };
    slices++;
    show();
    if (r.done) break;
  }
  const { changepoints } = await lookup.finishDetectorHour({ ...scope, seq, domains, series: progress.series, replayed: progress.replayed });
  state = 'done';
  progress.changepoints = changepoints;
  show();
  return { hour: input.hour, seq, domains, series: progress.series, replayed: progress.replayed, changepoints, slices };
}
