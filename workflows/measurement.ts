// One run per uploaded measurement: validate → score → insert → append.
// Inputs and results are keys and small values; the body stays in S3 (claim check).
import { proxyActivities, proxyLocalActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { INGEST_STATUS } from './search-attributes.ts';
import type { MeasurementInput, MeasurementResult } from './measurement-types.ts';

type Activities = ReturnType<typeof createActivities>;

/** Pure CPU work on a body read from S3: quick, retried a few times, never for long. */
const cpu = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/**
 * Writes to PostgreSQL: retried while the database is away (about an hour in all), after
 * which the run fails and the sweeper or an operator starts it again.
 */
const storage = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 60 },
});

export async function measurementWorkflow(input: MeasurementInput): Promise<MeasurementResult> {
  const ref = { uid: input.uid, objectKey: input.objectKey };
  const validation = await cpu.validateMeasurement(ref);
  const scored = validation.ok ? await cpu.scoreMeasurement(ref) : validation;
  if (!scored.ok) {
    await storage.recordFaultyMeasurement({ ...ref, code: scored.code, reason: scored.reason });
    upsertSearchAttributes([{ key: INGEST_STATUS, value: 'rejected' }]);
    return { status: 'rejected', code: scored.code, reason: scored.reason };
  }
  // the v5 observations are written by the same activity, in the fastpath row's transaction
  await storage.insertFastpathRow({
    row: scored.row,
    objectKey: input.objectKey,
    fingerprintsVersion: scored.fingerprintsVersion,
    receivedAt: input.receivedAt,
    ...(input.submitter ? { submitter: input.submitter } : {}),
  });
  await storage.stageForArchive({
    uid: input.uid,
    objectKey: input.objectKey,
    receivedAt: input.receivedAt,
    probeCc: input.probeCc,
    testName: input.testName,
    reportId: scored.row.report_id,
    input: scored.row.input,
  });
  upsertSearchAttributes([{ key: INGEST_STATUS, value: 'scored' }]);
  return {
    status: 'scored',
    anomaly: scored.row.anomaly === 't',
    confirmed: scored.row.confirmed === 't',
    failure: scored.row.msm_failure === 't',
    blockingType: scored.row.blocking_type,
  };
}
