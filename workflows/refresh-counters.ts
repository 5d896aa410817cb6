// Scheduled (counters-refresh): recomputes the query API's pre-aggregated counters of every
// day with fastpath rows changed since the previous run.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import type { RefreshCountersResult } from '../activities/jobs/counters.ts';

/** Day-by-day aggregation, each day one transaction: repeatable, retried while the database is away. */
const aggregate = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});

export async function refreshCountersWorkflow(input: { since?: string } = {}): Promise<RefreshCountersResult> {
  return await aggregate.refreshCountersJob(input);
}
