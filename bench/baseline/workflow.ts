// The baseline for bench:ingest: a bare workflow with the measurement workflow's shape
// (two local activities, two regular ones) doing nothing, so the ratio shows our own cost.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';

type Noop = { noop(): Promise<void> };
const local = proxyLocalActivities<Noop>({ startToCloseTimeout: '30 seconds' });
const regular = proxyActivities<Noop>({ startToCloseTimeout: '30 seconds' });

export async function baselineWorkflow(): Promise<void> {
  await local.noop();
  await local.noop();
  await regular.noop();
  await regular.noop();
}
