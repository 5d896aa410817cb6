import { staged } from '../../drizzle/schema.ts';
import type { ActivityDeps } from '../deps.ts';
import { pgText } from './insert-row.ts';

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
export function stageForArchive(deps: ActivityDeps) {
  return async (s: StageInput): Promise<void> => {
    await deps.db
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
  };
}
