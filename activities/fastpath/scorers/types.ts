import type { Fingerprints } from '../fingerprints/types.ts';
import type { Dict } from '../py/values.ts';
import type { Scores } from '../scores.ts';

/** Scores one unwrapped measurement; throws (PyError) where the original raised. */
export type Scorer = (msm: Dict, fingerprints: Fingerprints) => Scores;
