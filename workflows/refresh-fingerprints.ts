// Scheduled (fingerprints-refresh): stores the fingerprint CSVs of FINGERPRINTS_DIR as a new
// version; every worker's FingerprintsHolder picks it up on its next poll.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import type { RefreshFingerprintsResult } from '../activities/jobs/fingerprints.ts';

/** Reads two files and writes one row: short, retried while the database is away. */
const loading = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

export async function refreshFingerprintsWorkflow(): Promise<RefreshFingerprintsResult> {
  return await loading.refreshFingerprints();
}
