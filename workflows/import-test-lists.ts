// Scheduled (citizenlab-import): imports the Citizen Lab test lists from TEST_LISTS_DIR.
// A missing directory fails the run at once with ApplicationFailure type TestListsMissing.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import type { ImportTestListsResult } from '../activities/jobs/test-lists.ts';

/** Reads files and replaces a table in one transaction: retried while the database is away. */
const importing = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});

export async function importTestListsWorkflow(): Promise<ImportTestListsResult> {
  return await importing.importTestLists();
}
