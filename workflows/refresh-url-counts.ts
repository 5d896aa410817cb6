// Scheduled (url-prioritisation): refreshes the weekly measurement counts of test-list URLs
// that weigh the URL selection of check-in and GET /api/v1/test-list/urls.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import type { RefreshUrlCountsResult } from '../activities/jobs/url-counts.ts';

/** One aggregate query over two weeks of fastpath: retried while the database is away. */
const aggregate = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});

export async function refreshUrlCountsWorkflow(input: { now?: string } = {}): Promise<RefreshUrlCountsResult> {
  return await aggregate.refreshUrlCounts(input);
}
