// The CUSUM parameters of the changepoint detector (ooni-data.md §7.2): OK mean 0, blocked mean
// 0.7, expected detection delay 10 hours (upstream's production `run_detector`), so the threshold
// h = edd · v / 2 = 3.5; accumulators halve every 48 hours of silence beyond a day. Pure.

export interface DetectorParams {
  /** mean of the signal while OK */
  mu0: number;
  /** mean of the signal while blocked */
  mu1: number;
  /** expected detection delay, in hourly observations */
  edd: number;
  /** half-life (hours) of the accumulators' decay over a gap of more than 24 hours */
  gapHalflife: number;
  /** true: never emit (state may still be established from `unk`) — upstream's panel/debug path */
  warmup: boolean;
}

export const DETECTOR_PARAMS: DetectorParams = { mu0: 0.0, mu1: 0.7, edd: 10, gapHalflife: 48.0, warmup: false };

/** v = mu_1 − mu_0, the shift the detector looks for. */
export const shift = (p: DetectorParams): number => p.mu1 - p.mu0;

/** h = edd · v / 2, in upstream's order of operations (3.5 with the defaults). */
export const threshold = (p: DetectorParams): number => (p.edd * shift(p)) / 2;

/** A series' prior state is used only when its last hour is less than this far back (§7.1). */
export const STATE_HORIZON_MS = 10 * 24 * 3_600_000;
