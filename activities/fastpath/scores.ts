// The scores dict: construction helpers and its byte-exact serialisation.
import { dumpObject } from './py/ujson.ts';

export type Scores = Record<string, unknown>;

export function initScores(): Scores {
  return { blocking_general: 0.0, blocking_global: 0.0, blocking_country: 0.0, blocking_isp: 0.0, blocking_local: 0.0 };
}

export function failedScores(): Scores {
  return { ...initScores(), accuracy: 0.0 };
}

// Scorers store Python floats only in blocking_* and accuracy; the single exception (meek sets
// the int `accuracy = 0`) is recorded here rather than in the object, so scores stay plain data.
const intOverrides = new WeakMap<Scores, Set<string>>();

export function setInt(scores: Scores, key: string, value: number): void {
  scores[key] = value;
  const set = intOverrides.get(scores) ?? new Set<string>();
  set.add(key);
  intOverrides.set(scores, set);
}

export function setFloat(scores: Scores, key: string, value: number): void {
  scores[key] = value;
  intOverrides.get(scores)?.delete(key);
}

const FLOAT_KEYS = new Set(['blocking_general', 'blocking_global', 'blocking_country', 'blocking_isp', 'blocking_local', 'accuracy']);

/** `ujson.dumps(scores)` as the original writes it into the `scores` column. */
export function serializeScores(scores: Scores): string {
  const ints = intOverrides.get(scores);
  return dumpObject(scores, (k) => FLOAT_KEYS.has(k) && !ints?.has(k));
}
