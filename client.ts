// Temporal client factory and the typed starters the API and the CLI use.
import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { RuntimeConfig } from './lib/config.ts';
import { INGEST_STATUS, MEASUREMENT_UID, PROBE_CC, REPORT_ID, TEST_NAME } from './workflows/search-attributes.ts';
import type { MeasurementInput } from './workflows/measurement-types.ts';

export type TemporalSettings = Pick<RuntimeConfig, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'TEMPORAL_TASK_QUEUE'>;

export async function connectClient(config: TemporalSettings): Promise<Client> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS, connectTimeout: 5_000 });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
}

export const measurementWorkflowId = (uid: string) => `msmt-${uid}`;

/**
 * Starts the measurement workflow, idempotently: a running one is reused, a completed one is
 * left alone (already processed), a failed one may be started again (the sweeper relies on it).
 * Returns false when a completed run already exists.
 */
export async function startMeasurementWorkflow(client: Client, taskQueue: string, input: MeasurementInput): Promise<boolean> {
  try {
    await client.workflow.start('measurementWorkflow', {
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
