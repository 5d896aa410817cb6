// Scheduled: starts the measurement workflow of every upload left without one.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';

const { sweepIncomingObjects } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 5 },
});

export async function sweepIncomingWorkflow() {
  return await sweepIncomingObjects();
}
