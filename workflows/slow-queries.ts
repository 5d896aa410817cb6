// Scheduled (slow-queries): the top statements of pg_stat_statements by total time, kept for
// the API's /metrics; the result says when the extension is not available.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import type { SlowQueryResult } from '../activities/jobs/slow-queries.ts';

/** One read and a small replace: short, few retries (the next run is minutes away). */
const reading = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '30 seconds', maximumAttempts: 3 },
});

export async function slowQueriesWorkflow(input: { limit?: number } = {}): Promise<SlowQueryResult> {
  return await reading.summariseSlowQueries(input);
}
