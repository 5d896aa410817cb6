// Scheduled (retention): deletes sealed staged measurements (and any incoming object left)
// older than RETENTION_DAYS, and upload dedupe rows older than two days.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import type { RetentionResult } from '../activities/jobs/retention.ts';

/** Batched S3 and PostgreSQL deletes, heartbeating per batch: every step is repeatable. */
const deleting = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

export async function retentionWorkflow(input: { retentionDays?: number } = {}): Promise<RetentionResult> {
  return await deleting.applyRetention(input);
}
