// One run per uploaded measurement: validate → score → insert → append, as two local activities in
// one workflow task: validate and score, then the row and its archive staging in one transaction.
// Inputs and results are keys and small values; the body stays in S3 (claim check).
import { patched, proxyActivities, proxyLocalActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { INGEST_STATUS } from './search-attributes.ts';
import type { MeasurementInput, MeasurementResult } from './measurement-types.ts';
import type { ScoredMeasurement } from '../activities/measurement/score.ts';
import type { StoreMeasurementInput } from '../activities/measurement/store.ts';

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
const STORAGE = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 60 },
} as const;
const storage = proxyActivities<Activities>(STORAGE);

/**
 * The store step as a local activity, same retry policy: it is idempotent (upsert and
 * insert-or-nothing in one transaction), so running it again after a worker crash is harmless,
 * and it saves the activity task and the second workflow task a regular one costs (two thirds of
 * a measurement's Temporal time in bench:ingest's breakdown). Waits longer than 10 s between
 * attempts become workflow timers (the SDK's default threshold, 1 minute, is the policy's maximum
 * interval: every retry would stay inside one workflow task), so a database away for an hour
 * does not hold a workflow task open and the run shows where it waits in the Web UI.
 */
const localStorage = proxyLocalActivities<Activities>({ ...STORAGE, localRetryThreshold: '10 seconds' });

/**
 * Runs started before this patch have four steps in their history (validate, score, insert,
 * stage) and replay them; new runs take two local ones, so one measurement costs one workflow task
 * and no activity task instead of three and two (docs/ingest-round-trips.md). Remove the old branch with
 * deprecatePatch once no run from before it is open (retention included).
 */
const ONE_STORE_STEP = 'one-store-step';

export async function measurementWorkflow(input: MeasurementInput): Promise<MeasurementResult> {
  const ref = { uid: input.uid, objectKey: input.objectKey };
  const twoSteps = patched(ONE_STORE_STEP);
  let scored: ScoredMeasurement;
  if (twoSteps) scored = await cpu.validateAndScoreMeasurement(ref);
  else {
    const validation = await cpu.validateMeasurement(ref);
    scored = validation.ok ? await cpu.scoreMeasurement(ref) : validation;
  }
  if (!scored.ok) {
    await storage.recordFaultyMeasurement({ ...ref, code: scored.code, reason: scored.reason });
    upsertSearchAttributes([{ key: INGEST_STATUS, value: 'rejected' }]);
    return { status: 'rejected', code: scored.code, reason: scored.reason };
  }
  const store: StoreMeasurementInput = {
    // the v5 observations are written by the same activity, in the fastpath row's transaction
    fastpath: {
      row: scored.row,
      objectKey: input.objectKey,
      fingerprintsVersion: scored.fingerprintsVersion,
      receivedAt: input.receivedAt,
      ...(input.submitter ? { submitter: input.submitter } : {}),
    },
    stage: {
      uid: input.uid,
      objectKey: input.objectKey,
      receivedAt: input.receivedAt,
      probeCc: input.probeCc,
      testName: input.testName,
      reportId: scored.row.report_id,
      input: scored.row.input,
    },
  };
  if (twoSteps) await localStorage.storeMeasurement(store);
  else {
    await storage.insertFastpathRow(store.fastpath);
    await storage.stageForArchive(store.stage);
  }
  upsertSearchAttributes([{ key: INGEST_STATUS, value: 'scored' }]);
  return {
    status: 'scored',
    anomaly: scored.row.anomaly === 't',
    confirmed: scored.row.confirmed === 't',
    failure: scored.row.msm_failure === 't',
    blockingType: scored.row.blocking_type,
  };
}
