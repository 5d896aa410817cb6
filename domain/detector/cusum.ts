// One step of the two-sided CUSUM of one signal (ooni-data.md §7.2), on one hourly observation
// (value y, weight w). States `unk` (no verdict yet), `ok`, `blk`; a POS change (+1) is ok → blk,
// a NEG change (−1) is blk → ok. Pure: the same state and observation give the same result.
import { shift, threshold, type DetectorParams } from './parameters.ts';

export type CusumStateName = 'unk' | 'ok' | 'blk';
export type ChangeDir = -1 | 0 | 1;

export interface SignalState {
  current_state: CusumStateName;
  s_pos: number;
  s_neg: number;
  /** the last emitted change (0: none yet) */
  last_change: ChangeDir;
  /** epoch ms of the last observation with a non-zero weight; null: none yet */
  last_ts: number | null;
}

export interface Crossing {
  change_dir: 1 | -1;
  /** the accumulators at the crossing, before the reset */
  s_pos: number;
  s_neg: number;
  /** the state before the transition: `ok` for a POS, `blk` for a NEG */
  current_state: 'ok' | 'blk';
  h: number;
}

export const FRESH_SIGNAL: SignalState = Object.freeze({ current_state: 'unk', s_pos: 0, s_neg: 0, last_change: 0, last_ts: null });

const HOUR_MS = 3_600_000;

export function stepSignal(st: SignalState, ts: number, y: number, w: number, p: DetectorParams): { state: SignalState; change: Crossing | null } {
  // 1. no data this hour: nothing happens, not even the decay
  if (w === 0) return { state: st, change: null };
  let { s_pos, s_neg } = st;
  // 2. decay over a gap of more than a day
  if (st.last_ts !== null) {
    const gap = (ts - st.last_ts) / HOUR_MS;
    if (gap > 24) {
      const factor = 0.5 ** (gap / p.gapHalflife);
      s_pos *= factor;
      s_neg *= factor;
    }
  }
  const v = shift(p);
  const h = threshold(p);
  const zPos = y - p.mu0;
  const zNeg = y - p.mu1;
  const next = (s: Partial<SignalState>): SignalState => ({ ...st, s_pos, s_neg, last_ts: ts, ...s });
  switch (st.current_state) {
    case 'unk': {
      s_pos = Math.max(0, s_pos + zPos - v / 2);
      s_neg = Math.max(0, s_neg - zNeg - v / 2);
      if (s_pos > h) return { state: next({ current_state: 'blk', s_pos: 0, s_neg: 0 }), change: null };
      if (s_neg > h) return { state: next({ current_state: 'ok', s_pos: 0, s_neg: 0 }), change: null };
      return { state: next({}), change: null };
    }
    case 'ok': {
      s_pos = Math.max(0, s_pos + zPos - v / 2);
      s_neg = 0;
      if (p.warmup || !(s_pos > h)) return { state: next({}), change: null };
      if (st.last_change === 1) return { state: next({ s_pos: 0, s_neg: 0 }), change: null };
      return {
        state: next({ current_state: 'blk', last_change: 1, s_pos: 0, s_neg: 0 }),
        change: { change_dir: 1, s_pos, s_neg, current_state: 'ok', h },
      };
    }
    case 'blk': {
      s_neg = Math.max(0, s_neg - zNeg - v / 2);
      s_pos = 0;
      if (p.warmup || !(s_neg > h)) return { state: next({}), change: null };
      if (st.last_change === -1) return { state: next({ s_pos: 0, s_neg: 0 }), change: null };
      return {
        state: next({ current_state: 'ok', last_change: -1, s_pos: 0, s_neg: 0 }),
        change: { change_dir: -1, s_pos, s_neg, current_state: 'blk', h },
      };
    }
  }
}
