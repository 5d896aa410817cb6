import { scoreMeasurement as scoreWithFastpath, type FastpathRow } from '../fastpath/index.ts';
import type { ActivityDeps } from '../deps.ts';
import type { MeasurementRef } from './validate.ts';

export type ScoredMeasurement =
  | { ok: true; row: FastpathRow; fingerprintsVersion: string }
  | { ok: false; code: string; reason: string };

/** The fastpath core on the stored body; the result is the row (a few hundred bytes), not the body. */
export function scoreMeasurement(deps: ActivityDeps) {
  return async (ref: MeasurementRef): Promise<ScoredMeasurement> => {
    const bytes = await deps.bodies.get(ref.objectKey);
    const wrapper: unknown = JSON.parse(new TextDecoder().decode(bytes));
    const result = scoreWithFastpath(wrapper, { measurementUid: ref.uid, fingerprints: deps.fingerprints() });
    if (result.kind === 'rejected') return { ok: false, code: result.code, reason: result.reason };
    return { ok: true, row: result.row, fingerprintsVersion: result.fingerprintsVersion };
  };
}
