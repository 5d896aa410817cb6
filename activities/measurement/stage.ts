import { staged } from '../../drizzle/schema.ts';
import type { ActivityDeps } from '../deps.ts';
import { pgText, type Tx } from './insert-row.ts';

export interface StageInput {
  uid: string;
  objectKey: string;
  receivedAt: string;
  probeCc: string;
  testName: string;
  reportId: string;
  input: string;
}

/** Truncates to the UTC hour: the archive bucket is the receive hour. */
export function bucketHourOf(receivedAt: string): Date {
  const d = new Date(receivedAt);
  d.setUTCMinutes(0, 0, 0);
  return d;
}

/** Stages the measurement for its archive bucket (receive hour × cc × test); idempotent. */
export async function stageRow(db: ActivityDeps['db'] | Tx, s: StageInput): Promise<void> {
  await db
    .insert(staged)
    .values({
      measurementUid: s.uid,
      bucketHour: bucketHourOf(s.receivedAt),
      probeCc: s.probeCc,
      testName: s.testName,
      reportId: pgText(s.reportId),
      input: pgText(s.input),
      objectKey: s.objectKey,
    })
    .onConflictDoNothing({ target: staged.measurementUid });
}

/** stageRow as an activity of its own (the measurement workflow's step before the `one-store-step` patch). */
export function stageForArchive(deps: ActivityDeps) {
  return (s: StageInput): Promise<void> => stageRow(deps.db, s);
}
