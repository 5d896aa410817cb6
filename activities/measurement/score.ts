import type { IngestRejection } from '../../domain/ingest-rejection-codes.ts';
import { scoreMeasurement as scoreWithFastpath, type FastpathRow } from '../fastpath/index.ts';
import type { ActivityDeps } from '../deps.ts';
import type { MeasurementRef } from './validate.ts';

export type ScoredMeasurement = { ok: true; row: FastpathRow; fingerprintsVersion: string } | IngestRejection;

/** The fastpath core on the stored body; the result is the row (a few hundred bytes), not the body. */
export function scoreMeasurement(deps: ActivityDeps) {
  return async (ref: MeasurementRef): Promise<ScoredMeasurement> => {
    const post = await deps.bodies.post(ref.objectKey);
    if (!post.ok) return { ok: false, code: post.code, reason: post.reason };
    // The wrapper as stored: the core reads is_verified from it and opens it as OONI did.
    const result = scoreWithFastpath(post.wrapper, { measurementUid: ref.uid, fingerprints: deps.fingerprints() });
    if (result.kind === 'rejected') return { ok: false, code: result.code, reason: result.reason };
    return { ok: true, row: result.row, fingerprintsVersion: result.fingerprintsVersion };
  };
}
