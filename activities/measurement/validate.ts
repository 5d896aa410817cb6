import type { ActivityDeps } from '../deps.ts';
import { readStoredMeasurement } from './stored-measurement.ts';

export interface MeasurementRef {
  uid: string;
  objectKey: string;
}

export type Validation = { ok: true } | { ok: false; code: string; reason: string };

/** Deep checks on the stored body; an invalid one is not retried but recorded as faulty. */
export function validateMeasurement(deps: ActivityDeps) {
  return async (ref: MeasurementRef): Promise<Validation> => {
    const stored = readStoredMeasurement(await deps.bodies.get(ref.objectKey));
    return stored.ok ? { ok: true } : { ok: false, code: stored.code, reason: stored.reason };
  };
}
