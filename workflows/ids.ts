// The workflow ids, one pure function per workflow, shared by the starters in client.ts and by
// workflows that start children (seal-YYYYMMDDHH per hour). No Temporal client here.
import type { ReprocessInput } from './reprocess-types.ts';
import { compactHour } from '../domain/analysis-hour.ts';

export const measurementWorkflowId = (uid: string) => `msmt-${uid}`;

/** One hour's seal: a second start for the same hour joins the running one. */
export const sealHourWorkflowId = (hour: string) => `seal-${hour}`;

/** An on-demand run of the archive seal, by who asked (`operator`, `cli`) and when (epoch ms). */
export const sealArchiveWorkflowId = (origin: string, nowMs: number) => `seal-archive-${origin}-${nowMs}`;

/** One reprocess per day range and filter: asking again joins the run (or re-runs a finished one). */
export const reprocessWorkflowId = (input: Pick<ReprocessInput, 'startDay' | 'endDay' | 'probeCc' | 'testName'>) =>
  `reprocess-${input.startDay}-${input.endDay}-${input.probeCc ?? 'all'}-${input.testName ?? 'all'}`;

/** A fresh stack's one-off test-list import and URL counts: one id per task queue, so the workers of one stack join one run. */
export const initialImportWorkflowId = (taskQueue: string) => `citizenlab-import-initial-${taskQueue}`;
export const initialUrlCountsWorkflowId = (taskQueue: string) => `url-prioritisation-initial-${taskQueue}`;

/** One hour's v5 analysis (hour `YYYY-MM-DDTHH` of measurement_start_time): `analysis-YYYYMMDDHH`. */
export const analysisHourWorkflowId = (hour: string) => `analysis-${compactHour(hour)}`;

/** One hour's changepoint detector (a child of its analysis, or started alone): `detector-YYYYMMDDHH`. */
export const detectorHourWorkflowId = (hour: string) => `detector-${compactHour(hour)}`;

/** An on-demand run of the analysis coordinator, by who asked and when (epoch ms). */
export const analysisCoordinatorWorkflowId = (origin: string, nowMs: number) => `analysis-coordinator-${origin}-${nowMs}`;
/** One month's bulk export (`YYYYMM`): a second start joins the running one; a finished one may run again (it skips done files). */
export const exportFastpathWorkflowId = (month: string) => `export-fastpath-${month}`;
