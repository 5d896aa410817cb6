// process_measurement without the I/O: one parsed upload in, one fastpath row (or the reason
// there is none) out. Never throws.
import { flagWrongDate } from './date-sanity.ts';
import { openEnvelope } from './envelope.ts';
import type { Fingerprints } from './fingerprints/types.ts';
import { buildRow } from './row.ts';
import { serializeScores } from './scores.ts';
import type { Scores } from './scores.ts';
import { scoreByTestName } from './scorers/index.ts';
import type { ScoreResult } from './types.ts';

export interface ScoreOptions {
  /** Receive-time uid (`<ts>_<CC>_<testname>_<hash>`); one starting with a date enables the date check. */
  measurementUid: string;
  fingerprints: Fingerprints;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function scoreMeasurement(raw: unknown, opts: ScoreOptions): ScoreResult {
  if (!opts.measurementUid) return { kind: 'rejected', code: 'empty_uid', reason: 'empty measurement_uid' };
  const env = openEnvelope(raw);
  if ('kind' in env) return env;
  const msm = env.measurement;

  let scores: Scores;
  let scoresJson: string;
  try {
    scores = scoreByTestName(msm, opts.fingerprints);
    flagWrongDate(msm, opts.measurementUid, scores);
    scoresJson = serializeScores(scores);
  } catch (e) {
    return { kind: 'rejected', code: 'scoring_error', reason: message(e) };
  }
  try {
    const row = buildRow({ msm, uid: opts.measurementUid, scores, scoresJson, isVerified: env.isVerified });
    return { kind: 'row', row, scores, fingerprintsVersion: opts.fingerprints.version };
  } catch (e) {
    return { kind: 'rejected', code: 'bad_field', reason: message(e) };
  }
}
