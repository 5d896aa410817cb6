// topKWeighted(10) of a LoNI cell's failures (ooni-data.md §6): the failures with the largest summed
// weight. ClickHouse's is approximate and its ties arbitrary; here it is exact and ties go to the
// label in byte order, so an answer never depends on row order.
import { loniFailure, type LoniLayer } from './failures.ts';

/** One layer's sum of weights of one raw top failure in a cell (what the SQL groups). */
export interface FailureWeight {
  layer: LoniLayer;
  failure: string | null;
  weight: number;
}

export function topKWeighted(rows: readonly FailureWeight[], layer: LoniLayer, k = 10): [string, number][] {
  const sums = new Map<string, number>();
  for (const r of rows) {
    if (r.layer !== layer) continue;
    const label = loniFailure(layer, r.failure);
    if (label !== null) sums.set(label, (sums.get(label) ?? 0) + r.weight);
  }
  return [...sums].sort(([a, wa], [b, wb]) => wb - wa || (a < b ? -1 : a > b ? 1 : 0)).slice(0, k);
}
