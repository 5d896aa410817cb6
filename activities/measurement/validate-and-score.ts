import type { ActivityDeps } from '../deps.ts';
import { scoreMeasurement, type ScoredMeasurement } from './score.ts';
import { validateMeasurement, type MeasurementRef } from './validate.ts';

/**
 * validate, then score, as one local activity: one body read, one marker in the history, and no
 * workflow task between the two (the measurement workflow's CPU step since the `one-store-step` patch).
 */
export function validateAndScoreMeasurement(deps: ActivityDeps) {
  const validate = validateMeasurement(deps);
  const score = scoreMeasurement(deps);
  return async (ref: MeasurementRef): Promise<ScoredMeasurement> => {
    const validation = await validate(ref);
    return validation.ok ? score(ref) : validation;
  };
}
