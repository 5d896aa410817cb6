// The CUSUM step of one signal (ooni-data.md §7.2) with upstream's production parameters
// (mu_0 0, mu_1 0.7, edd 10 → h 3.5, gap half-life 48 h). Expected figures worked out by hand:
// per hour, `ok` adds y − 0.35 to s_pos and `blk` adds 0.7 − y − 0.35 to s_neg.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DETECTOR_PARAMS, FRESH_SIGNAL, stepSignal, threshold, type Crossing, type SignalState } from '../../../domain/detector/index.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 2, 1, 0);
const at = (hours: number) => T0 + hours * HOUR;
const near = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≈ ${expected}`);

/** Steps `ys` (weight 1 each, one per hour from hour `from`) from `state`; each hour's change. */
function run(state: SignalState, ys: number[], from = 0, params = DETECTOR_PARAMS) {
  const changes: (Crossing | null)[] = [];
  let s = state;
  ys.forEach((y, i) => {
    const r = stepSignal(s, at(from + i), y, 1, params);
    s = r.state;
    changes.push(r.change);
  });
  return { state: s, changes };
}

const ok: SignalState = { ...FRESH_SIGNAL, current_state: 'ok' };
const blk: SignalState = { ...FRESH_SIGNAL, current_state: 'blk' };
const firstChange = (changes: (Crossing | null)[]) => changes.findIndex((c) => c !== null);

test('h = edd · v / 2 = 3.5 with the production parameters', () => {
  assert.equal(threshold(DETECTOR_PARAMS), 3.5);
});

test('in ok, y = 1.0 adds 0.65 an hour and crosses after 6 hours: POS with s_pos 3.9, current_state ok', () => {
  const { state, changes } = run(ok, [1, 1, 1, 1, 1, 1]);
  assert.equal(firstChange(changes), 5);
  const c = changes[5]!;
  assert.equal(c.change_dir, 1);
  near(c.s_pos, 6 * 0.65);
  assert.equal(c.s_neg, 0);
  assert.equal(c.current_state, 'ok', 'the state before the transition');
  assert.equal(c.h, 3.5);
  assert.deepEqual(state, { current_state: 'blk', s_pos: 0, s_neg: 0, last_change: 1, last_ts: at(5) });
});

test('in ok, y = 0.75 adds 0.4 an hour and crosses after 9 hours (8 hours: 3.2, below h)', () => {
  const { changes } = run(ok, Array(9).fill(0.75));
  assert.equal(firstChange(changes), 8);
  near(changes[8]!.s_pos, 9 * 0.4);
});

test('in blk, y = 0 adds 0.35 an hour to s_neg and crosses after 11 hours (10 hours: 3.5 is not above h)', () => {
  const { state, changes } = run(blk, Array(11).fill(0));
  assert.equal(firstChange(changes), 10);
  const c = changes[10]!;
  assert.equal(c.change_dir, -1);
  near(c.s_neg, 11 * 0.35);
  assert.equal(c.s_pos, 0);
  assert.equal(c.current_state, 'blk');
  assert.deepEqual(state, { current_state: 'ok', s_pos: 0, s_neg: 0, last_change: -1, last_ts: at(10) });
});

test('in unk the state is established without emission: 11 hours of 0 → ok, 6 hours of 1 → blk', () => {
  const toOk = run(FRESH_SIGNAL, Array(11).fill(0));
  assert.ok(toOk.changes.every((c) => c === null));
  assert.deepEqual(toOk.state, { current_state: 'ok', s_pos: 0, s_neg: 0, last_change: 0, last_ts: at(10) });
  const ten = run(FRESH_SIGNAL, Array(10).fill(0));
  assert.equal(ten.state.current_state, 'unk');
  near(ten.state.s_neg, 3.5);
  const toBlk = run(FRESH_SIGNAL, Array(6).fill(1));
  assert.ok(toBlk.changes.every((c) => c === null));
  assert.deepEqual(toBlk.state, { current_state: 'blk', s_pos: 0, s_neg: 0, last_change: 0, last_ts: at(5) });
  // in unk, y = 1 lowers s_neg (1 − 0.7 + 0.35 taken off) and y = 0 lowers s_pos, floored at 0
  const mixed = run(FRESH_SIGNAL, [0, 0, 1]);
  near(mixed.state.s_pos, 0.65);
  near(mixed.state.s_neg, 0.7 - 0.65);
});

test('w = 0: nothing happens — no step, no decay, last_ts kept', () => {
  const before: SignalState = { current_state: 'ok', s_pos: 2.6, s_neg: 0, last_change: 0, last_ts: at(3) };
  const r = stepSignal(before, at(100), 1, 0, DETECTOR_PARAMS);
  assert.equal(r.state, before);
  assert.equal(r.change, null);
});

test('decay: a gap of 48 h halves both accumulators before the step; 24 h does not decay; 25 h decays by 0.5^(25/48)', () => {
  const before: SignalState = { current_state: 'ok', s_pos: 2.6, s_neg: 0, last_change: 0, last_ts: at(3) };
  near(stepSignal(before, at(3 + 48), 1, 1, DETECTOR_PARAMS).state.s_pos, 1.3 + 0.65);
  near(stepSignal(before, at(3 + 24), 1, 1, DETECTOR_PARAMS).state.s_pos, 2.6 + 0.65);
  near(stepSignal(before, at(3 + 25), 1, 1, DETECTOR_PARAMS).state.s_pos, 2.6 * 0.5 ** (25 / 48) + 0.65);
  const unk: SignalState = { current_state: 'unk', s_pos: 1, s_neg: 2, last_change: 0, last_ts: at(0) };
  const r = stepSignal(unk, at(96), 0.7, 1, DETECTOR_PARAMS).state;
  near(r.s_pos, 0.25 + 0.35);
  near(r.s_neg, 0.5 - 0.35);
  assert.equal(r.last_ts, at(96));
  // the first weighted hour only sets last_ts
  assert.equal(stepSignal(FRESH_SIGNAL, at(7), 0, 1, DETECTOR_PARAMS).state.last_ts, at(7));
});

test('warmup suppresses emission and reset in ok/blk; unk still establishes the state', () => {
  const warm = { ...DETECTOR_PARAMS, warmup: true };
  const { state, changes } = run(ok, Array(10).fill(1), 0, warm);
  assert.ok(changes.every((c) => c === null));
  assert.equal(state.current_state, 'ok');
  near(state.s_pos, 6.5);
  assert.equal(run(FRESH_SIGNAL, Array(11).fill(0), 0, warm).state.current_state, 'ok');
});

test('a crossing in the direction of the last change resets the accumulators without emitting', () => {
  const again: SignalState = { ...ok, last_change: 1 };
  const { state, changes } = run(again, Array(6).fill(1));
  assert.ok(changes.every((c) => c === null));
  assert.deepEqual(state, { current_state: 'ok', s_pos: 0, s_neg: 0, last_change: 1, last_ts: at(5) });
  const blkAgain = run({ ...blk, last_change: -1 }, Array(11).fill(0));
  assert.ok(blkAgain.changes.every((c) => c === null));
  assert.equal(blkAgain.state.current_state, 'blk');
});

test('in blk, s_pos is held at 0; in ok, s_neg is held at 0', () => {
  assert.equal(run({ ...blk, s_pos: 1 }, [1]).state.s_pos, 0);
  assert.equal(run({ ...ok, s_neg: 1 }, [0]).state.s_neg, 0);
  // y = 1 in blk: s_neg − 0.3 − 0.35 floors at 0
  assert.equal(run({ ...blk, s_neg: 0.5 }, [1]).state.s_neg, 0);
});
