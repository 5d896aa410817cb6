// facebook_messenger: 0.5 per inconsistent/unreachable key or blocking flag.
import { get } from '../py/values.ts';
import { initScores } from '../scores.ts';
import { testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

const CONSISTENCY_KEYS = [
  'facebook_b_api_dns_consistent',
  'facebook_b_api_reachable',
  'facebook_b_graph_dns_consistent',
  'facebook_b_graph_reachable',
  'facebook_edge_dns_consistent',
  'facebook_edge_reachable',
  'facebook_external_cdn_dns_consistent',
  'facebook_external_cdn_reachable',
  'facebook_scontent_cdn_dns_consistent',
  'facebook_scontent_cdn_reachable',
  'facebook_star_dns_consistent',
  'facebook_star_reachable',
  'facebook_stun_dns_consistent',
];
const ANOMALY_KEYS = ['facebook_tcp_blocking', 'facebook_dns_blocking'];
// Workaround upstream for probes wrongly reporting facebook_dns_blocking: true.
const ALL_TRUE = [
  'facebook_b_api_dns_consistent',
  'facebook_b_api_reachable',
  'facebook_b_graph_dns_consistent',
  'facebook_b_graph_reachable',
  'facebook_dns_blocking',
  'facebook_edge_dns_consistent',
  'facebook_edge_reachable',
  'facebook_star_dns_consistent',
  'facebook_star_reachable',
  'facebook_stun_dns_consistent',
];

export const scoreFacebookMessenger: Scorer = (msm) => {
  const tk = testKeys(msm);
  const scores = initScores();
  let score = 0.0;
  const healthy = ALL_TRUE.every((k) => get(tk, k) === true) && get(tk, 'facebook_tcp_blocking') === false;
  if (!healthy) {
    for (const k of CONSISTENCY_KEYS) {
      if (get(tk, k) === false) {
        score += 0.5;
        scores[k] = false;
      }
    }
    for (const k of ANOMALY_KEYS) {
      if (get(tk, k) === true) {
        score += 0.5;
        scores[k] = true;
      }
    }
  }
  scores.blocking_general = score;
  return scores;
};
