import type { IngestRejectionCode } from '../../domain/ingest-rejection-codes.ts';
import { faultyMeasurements } from '../../drizzle/schema.ts';
import type { ActivityDeps } from '../deps.ts';
import { pgText } from './insert-row.ts';

export interface FaultyInput {
  uid: string;
  objectKey: string;
  code: IngestRejectionCode;
  reason: string;
}

/** Records why an acknowledged measurement was rejected; idempotent on the uid. */
export function recordFaultyMeasurement(deps: ActivityDeps) {
  return async (f: FaultyInput): Promise<void> => {
    await deps.db
      .insert(faultyMeasurements)
      .values({ measurementUid: f.uid, objectKey: f.objectKey, code: f.code, reason: pgText(f.reason.slice(0, 2000)) })
      .onConflictDoUpdate({ target: faultyMeasurements.measurementUid, set: { code: f.code, reason: pgText(f.reason.slice(0, 2000)) } });
  };
}
