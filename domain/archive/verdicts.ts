// Verdict changes a re-score made, counted per flag and direction (`anomaly f→t`).
export interface Verdict {
  anomaly: boolean;
  confirmed: boolean;
  msmFailure: boolean;
}

const FLAGS = [
  ['anomaly', 'anomaly'],
  ['confirmed', 'confirmed'],
  ['failure', 'msmFailure'],
] as const;

const tf = (b: boolean) => (b ? 't' : 'f');

export function verdictTransitions(before: Verdict | undefined, after: Verdict): string[] {
  if (!before) return ['new row'];
  return FLAGS.filter(([, k]) => before[k] !== after[k]).map(([name, k]) => `${name} ${tf(before[k])}→${tf(after[k])}`);
}

export function addCounts(into: Record<string, number>, more: Record<string, number>): Record<string, number> {
  for (const [k, v] of Object.entries(more)) into[k] = (into[k] ?? 0) + v;
  return into;
}
