// Temporal client factory and the typed starters the API, the CLI, the chaos check, the benches
// and the tests use: the only place (with schedules/) that spells a workflow's name.
import {
  Client,
  Connection,
  WorkflowExecutionAlreadyStartedError,
  type WorkflowHandleWithFirstExecutionRunId,
  type WorkflowStartOptions,
} from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type Workflow } from '@temporalio/common';
import type { RuntimeConfig } from './lib/config.ts';
import type { exportFastpathWorkflow, ExportFastpathInput } from './workflows/export-fastpath.ts';
import {
  analysisHourWorkflowId,
  detectorHourWorkflowId,
  exportFastpathWorkflowId,
  initialImportWorkflowId,
  initialUrlCountsWorkflowId,
  measurementWorkflowId,
  reprocessWorkflowId,
  sealHourWorkflowId,
} from './workflows/ids.ts';
import type { importTestListsWorkflow } from './workflows/import-test-lists.ts';
import type { refreshUrlCountsWorkflow } from './workflows/refresh-url-counts.ts';
import type * as workflows from './workflows/index.ts';
import type { measurementWorkflow } from './workflows/measurement.ts';
import type { MeasurementInput } from './workflows/measurement-types.ts';
import type { reprocessWorkflow, ReprocessInput } from './workflows/reprocess.ts';
import { INGEST_STATUS, MEASUREMENT_UID, PROBE_CC, REPORT_ID, TEST_NAME } from './workflows/search-attributes.ts';
import type { sealArchiveWorkflow, sealHourWorkflow, SealOptions } from './workflows/seal.ts';
import type { sweepIncomingWorkflow } from './workflows/sweep-incoming.ts';
import type { analysisCoordinatorWorkflow, analysisHourWorkflow, AnalysisCoordinatorInput, AnalysisHourInput } from './workflows/analysis.ts';
import type { detectorHourWorkflow, DetectorHourWorkflowInput } from './workflows/detector.ts';

export { measurementWorkflowId, sealArchiveWorkflowId, sealHourWorkflowId } from './workflows/ids.ts';
export { analysisProgressQuery, reprocessProgressQuery } from './workflows/definitions.ts';

export type TemporalSettings = Pick<RuntimeConfig, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'TEMPORAL_TASK_QUEUE'>;

export async function connectClient(config: TemporalSettings): Promise<Client> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS, connectTimeout: 5_000 });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
}

/** Every workflow type the worker registers, by its export: a renamed export fails to compile here. */
const workflowName = {
  measurementWorkflow: 'measurementWorkflow',
  sweepIncomingWorkflow: 'sweepIncomingWorkflow',
  sealArchiveWorkflow: 'sealArchiveWorkflow',
  sealHourWorkflow: 'sealHourWorkflow',
  reprocessWorkflow: 'reprocessWorkflow',
  importTestListsWorkflow: 'importTestListsWorkflow',
  refreshUrlCountsWorkflow: 'refreshUrlCountsWorkflow',
  refreshFingerprintsWorkflow: 'refreshFingerprintsWorkflow',
  refreshCountersWorkflow: 'refreshCountersWorkflow',
  retentionWorkflow: 'retentionWorkflow',
  slowQueriesWorkflow: 'slowQueriesWorkflow',
  analysisCoordinatorWorkflow: 'analysisCoordinatorWorkflow',
  analysisHourWorkflow: 'analysisHourWorkflow',
  detectorHourWorkflow: 'detectorHourWorkflow',
  exportFastpathWorkflow: 'exportFastpathWorkflow',
  exportPreviousMonthWorkflow: 'exportPreviousMonthWorkflow',
} as const satisfies { [K in keyof typeof workflows]: K };

/** What a caller may set besides the input: the id, policies, timeouts (the task queue is an argument). */
export type StartExtras = Partial<Omit<WorkflowStartOptions, 'args' | 'taskQueue'>>;

type Handle<W extends Workflow> = WorkflowHandleWithFirstExecutionRunId<W>;

/**
 * Starts the measurement workflow, idempotently: a running one is reused, a completed one is
 * left alone (already processed), a failed one may be started again (the sweeper relies on it).
 * Returns false when a completed run already exists.
 */
export async function startMeasurementWorkflow(client: Client, taskQueue: string, input: MeasurementInput): Promise<boolean> {
  try {
    await client.workflow.start<typeof measurementWorkflow>(workflowName.measurementWorkflow, {
      taskQueue,
      workflowId: measurementWorkflowId(input.uid),
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      typedSearchAttributes: [
        { key: MEASUREMENT_UID, value: input.uid },
        { key: PROBE_CC, value: input.probeCc },
        { key: TEST_NAME, value: input.testName },
        { key: REPORT_ID, value: input.reportId },
        { key: INGEST_STATUS, value: 'received' },
      ],
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

/** Seals one hour as `seal-YYYYMMDDHH`; a run already going for the hour is joined. */
export function startSealHourWorkflow(
  client: Client,
  taskQueue: string,
  input: SealOptions & { hour: string },
  extras: StartExtras = {},
): Promise<Handle<typeof sealHourWorkflow>> {
  return client.workflow.start<typeof sealHourWorkflow>(workflowName.sealHourWorkflow, {
    taskQueue,
    workflowId: sealHourWorkflowId(input.hour),
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    ...extras,
    args: [input],
  });
}

/** Seals every closed hour with work left (what the seal-archive schedule runs); the caller names the run. */
export function startSealArchiveWorkflow(
  client: Client,
  taskQueue: string,
  options: SealOptions,
  extras: StartExtras & { workflowId: string },
): Promise<Handle<typeof sealArchiveWorkflow>> {
  return client.workflow.start<typeof sealArchiveWorkflow>(workflowName.sealArchiveWorkflow, { taskQueue, ...extras, args: [options] });
}

/**
 * Analyses one hour (`YYYY-MM-DDTHH`) as `analysis-YYYYMMDDHH`: a run going for the hour is
 * joined, a closed one is run again (same output when nothing changed).
 */
export function startAnalysisHourWorkflow(
  client: Client,
  taskQueue: string,
  input: AnalysisHourInput,
  extras: StartExtras = {},
): Promise<Handle<typeof analysisHourWorkflow>> {
  return client.workflow.start<typeof analysisHourWorkflow>(workflowName.analysisHourWorkflow, {
    taskQueue,
    workflowId: analysisHourWorkflowId(input.hour),
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    ...extras,
    args: [input],
  });
}

/**
 * Runs the changepoint detector of one hour as `detector-YYYYMMDDHH` (what analysisHourWorkflow
 * runs as its child): a run going for the hour is joined, a closed one is run again.
 */
export function startDetectorHourWorkflow(
  client: Client,
  taskQueue: string,
  input: DetectorHourWorkflowInput,
  extras: StartExtras = {},
): Promise<Handle<typeof detectorHourWorkflow>> {
  return client.workflow.start<typeof detectorHourWorkflow>(workflowName.detectorHourWorkflow, {
    taskQueue,
    workflowId: detectorHourWorkflowId(input.hour),
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    ...extras,
    args: [input],
  });
}

/** Analyses every due hour (what the v5-analysis schedule runs); the caller names the run. */
export function startAnalysisCoordinatorWorkflow(
  client: Client,
  taskQueue: string,
  input: AnalysisCoordinatorInput,
  extras: StartExtras & { workflowId: string },
): Promise<Handle<typeof analysisCoordinatorWorkflow>> {
  return client.workflow.start<typeof analysisCoordinatorWorkflow>(workflowName.analysisCoordinatorWorkflow, { taskQueue, ...extras, args: [input] });
}

/** Re-scores a day range; the same range and filter joins the running one or re-runs a finished one. */
export function startReprocessWorkflow(
  client: Client,
  taskQueue: string,
  input: ReprocessInput,
  extras: StartExtras = {},
): Promise<Handle<typeof reprocessWorkflow>> {
  return client.workflow.start<typeof reprocessWorkflow>(workflowName.reprocessWorkflow, {
    taskQueue,
    workflowId: reprocessWorkflowId(input),
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    ...extras,
    args: [input],
  });
}

/** One sweep of incoming objects left without a workflow (the sweep-incoming schedule's action). */
export function startSweepIncomingWorkflow(
  client: Client,
  taskQueue: string,
  extras: StartExtras & { workflowId: string },
): Promise<Handle<typeof sweepIncomingWorkflow>> {
  return client.workflow.start<typeof sweepIncomingWorkflow>(workflowName.sweepIncomingWorkflow, { taskQueue, ...extras, args: [] });
}

/** A fresh stack's test-list import, run to completion; concurrent workers join the same run. */
export function executeInitialTestListImport(client: Client, taskQueue: string): ReturnType<typeof importTestListsWorkflow> {
  return client.workflow.execute<typeof importTestListsWorkflow>(workflowName.importTestListsWorkflow, {
    taskQueue,
    workflowId: initialImportWorkflowId(taskQueue),
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    args: [],
  });
}

/** The URL counts right after that import, so the first check-in is prioritised. */
export function executeInitialUrlCounts(client: Client, taskQueue: string): ReturnType<typeof refreshUrlCountsWorkflow> {
  return client.workflow.execute<typeof refreshUrlCountsWorkflow>(workflowName.refreshUrlCountsWorkflow, {
    taskQueue,
    workflowId: initialUrlCountsWorkflowId(taskQueue),
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    args: [{}],
  });
}

/** Exports one month (`export-fastpath-YYYYMM`): joins a running export; re-running a finished one rewrites nothing already done. */
export function startExportFastpathWorkflow(
  client: Client,
  taskQueue: string,
  input: ExportFastpathInput,
  extras: StartExtras = {},
): Promise<Handle<typeof exportFastpathWorkflow>> {
  return client.workflow.start<typeof exportFastpathWorkflow>(workflowName.exportFastpathWorkflow, {
    taskQueue,
    workflowId: exportFastpathWorkflowId(input.month),
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    ...extras,
    args: [input],
  });
}
