import type { IngestRejection } from '../../domain/ingest-rejection-codes.ts';
import type { ActivityDeps } from '../deps.ts';
import { checkStoredMeasurement } from './stored-measurement.ts';

export interface MeasurementRef {
  uid: string;
  objectKey: string;
}

export type Validation = { ok: true } | IngestRejection;

/** Deep checks on the stored body; an invalid one is not retried but recorded as faulty. */
export function validateMeasurement(deps: ActivityDeps) {
  return async (ref: MeasurementRef): Promise<Validation> => {
    const stored = checkStoredMeasurement(await deps.bodies.post(ref.objectKey));
    return stored.ok ? { ok: true } : { ok: false, code: stored.code, reason: stored.reason };
  };
}
