// The baselines of bench:ingest: bare workflows doing nothing, one with the measurement workflow's
// shape (two local activities in one workflow task: workflows/measurement.ts) so the ratio shows our
// own cost, and the others to break one measurement's cost down per Temporal round trip.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';

type Noop = { noop(): Promise<void> };
const local = proxyLocalActivities<Noop>({ startToCloseTimeout: '30 seconds' });
const regular = proxyActivities<Noop>({ startToCloseTimeout: '30 seconds' });

/** The measurement workflow's shape: validate+score, then store, both local. */
export async function baselineWorkflow(): Promise<void> {
  await local.noop();
  await local.noop();
}

/** What a regular activity costs: one local, then one regular (an activity task, a second workflow task). */
export async function localThenRegularWorkflow(): Promise<void> {
  await local.noop();
  await regular.noop();
}

/** A start and one workflow task. */
export async function emptyWorkflow(): Promise<void> {}

/** A start and one workflow task that runs a local activity. */
export async function oneLocalWorkflow(): Promise<void> {
  await local.noop();
}

/** The measurement workflow's shape before the one-store-step patch: two local, two regular. */
export async function fourStepWorkflow(): Promise<void> {
  await local.noop();
  await local.noop();
  await regular.noop();
  await regular.noop();
}
