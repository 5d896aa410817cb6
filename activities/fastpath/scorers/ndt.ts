// ndt: a stub upstream, empty scores.
import type { Scorer } from './types.ts';

export const scoreNdt: Scorer = () => ({});
