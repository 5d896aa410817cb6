// Monthly bulk exports of the fastpath table. exportFastpathWorkflow (id `export-fastpath-YYYYMM`)
// writes one month in each asked format with one heartbeating activity per file, one file after
// the other (one cursor and one upload at a time on the database and the worker). The monthly
// schedule runs exportPreviousMonthWorkflow, which exports the month before its scheduled time.
import { ApplicationFailure, executeChild, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import type { ExportResult } from '../activities/exports/types.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../domain/exports/formats.ts';
import { parseExportMonth, previousMonth } from '../domain/exports/month.ts';
import { exportFastpathWorkflowId } from './ids.ts';
import { SCHEDULED_START_TIME } from './search-attributes.ts';

type Activities = ReturnType<typeof createActivities>;

export interface ExportFastpathInput {
  /** `YYYYMM` */
  month: string;
  /** both when absent */
  formats?: ExportFormat[];
  batchRows?: number;
  partBytes?: number;
}

/** A month of 10M rows takes minutes; progress is heartbeated every batch, so a lost worker is noticed within 2 minutes. */
const exporting = proxyActivities<Activities>({
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '2 minutes',
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 20,
    nonRetryableErrorTypes: ['InvalidExport'],
  },
});

export async function exportFastpathWorkflow(input: ExportFastpathInput): Promise<ExportResult[]> {
  if (parseExportMonth(input.month) !== input.month) {
    throw ApplicationFailure.create({ type: 'InvalidExport', nonRetryable: true, message: `not a YYYYMM month: ${JSON.stringify(input.month)}` });
  }
  const results: ExportResult[] = [];
  for (const format of input.formats ?? EXPORT_FORMATS) {
    results.push(
      await exporting.exportFastpathMonth({
        month: input.month,
        format,
        ...(input.batchRows ? { batchRows: input.batchRows } : {}),
        ...(input.partBytes ? { partBytes: input.partBytes } : {}),
      }),
    );
  }
  return results;
}

/** The schedule's action: the month before the scheduled fire time (the run's start when started by hand). */
export async function exportPreviousMonthWorkflow(): Promise<ExportResult[]> {
  const info = workflowInfo();
  const scheduled = info.typedSearchAttributes.get(SCHEDULED_START_TIME);
  const month = previousMonth((scheduled ?? info.runStartTime).getTime());
  return executeChild(exportFastpathWorkflow, { workflowId: exportFastpathWorkflowId(month), args: [{ month }] });
}
