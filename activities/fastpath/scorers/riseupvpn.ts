// riseupvpn: scoring disabled upstream on 2023-10-17 (backend issue 745), empty scores.
import type { Scorer } from './types.ts';

export const scoreRiseupvpn: Scorer = () => ({});
