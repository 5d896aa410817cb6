// dns_consistency (legacy): never implemented upstream, always clean.
import { initScores } from '../scores.ts';
import type { Scorer } from './types.ts';

export const scoreDnsConsistency: Scorer = () => initScores();
