// The LoNI of one /api/v1/aggregation/analysis cell (ooni-data.md §6 point 2), from the SQL's q95 of
// the nine scores and its per-failure weight sums.
import { LONI_LAYERS, type LoniLayer } from './failures.ts';
import { topKWeighted, type FailureWeight } from './top-k.ts';

export const LONI_SCORES = ['dns_blocked', 'dns_down', 'dns_ok', 'tcp_blocked', 'tcp_down', 'tcp_ok', 'tls_blocked', 'tls_down', 'tls_ok'] as const;
export type LoniScore = (typeof LONI_SCORES)[number];

/** A layer is likely blocked when its q95 blocked score is above this. */
const LIKELY_BLOCKED = 0.5;

export type Loni = Record<LoniScore, number | null> & {
  likely_blocked_protocols: [string, number][];
  blocked_max_outcome: string;
  blocked_max: number;
  dns_blocked_outcome: string | null;
  tcp_blocked_outcome: string | null;
  tls_blocked_outcome: string | null;
};

/** NaN (and a missing value) are null: JSON has no NaN and a NaN score says nothing. */
const finite = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? null : v);

export function loniOf(q95: Readonly<Record<LoniScore, number | null>>, failures: readonly FailureWeight[]): Loni {
  const scores = Object.fromEntries(LONI_SCORES.map((s) => [s, finite(q95[s])])) as Record<LoniScore, number | null>;
  const outcome = Object.fromEntries(LONI_LAYERS.map((l) => [l, topKWeighted(failures, l)[0]?.[0] ?? null])) as Record<LoniLayer, string | null>;
  const likely = LONI_LAYERS.flatMap((layer): [string, number][] => {
    const value = scores[`${layer}_blocked`];
    if (value === null || !(value > LIKELY_BLOCKED)) return [];
    // a blocked layer with no failure recorded is named by its layer alone
    const o = outcome[layer];
    return [[o === null ? layer : `${layer}.${o}`, value]];
  }).sort(([, a], [, b]) => b - a); // stable: equal values keep dns, tcp, tls order
  const top = likely[0];
  return {
    ...scores,
    likely_blocked_protocols: likely,
    blocked_max_outcome: top ? top[0] : 'none',
    blocked_max: top ? top[1] : 0,
    dns_blocked_outcome: outcome.dns,
    tcp_blocked_outcome: outcome.tcp,
    tls_blocked_outcome: outcome.tls,
  };
}
