// A detector series: one (probe_cc, probe_asn, domain) and its hourly observations (ooni-data.md
// §7.1), each signal with its weight column, and the replay of a series from a saved state
// through its hours in time order (§7.2 per signal, §7.3 changepoint rows). Pure.
import { FRESH_SIGNAL, stepSignal, type Crossing, type SignalState } from './cusum.ts';
import { STATE_HORIZON_MS, type DetectorParams } from './parameters.ts';

/** `ANALYSIS_COLS`: each signal and the count that weighs it. */
export const SIGNALS = [
  ['dns_isp_blocked', 'count_isp_resolver'],
  ['dns_other_blocked', 'count_other_resolver'],
  ['tcp_blocked', 'count'],
  ['tls_blocked', 'count'],
] as const;

type Signal = (typeof SIGNALS)[number][0];

export interface SeriesKey {
  probe_cc: string;
  probe_asn: number;
  domain: string;
}

/** One hour of one series: counts, and the medians (NaN when the hour has no such rows). */
export interface HourlyObservation extends SeriesKey {
  /** start of the hour, epoch ms */
  ts: number;
  count_isp_resolver: number;
  count_other_resolver: number;
  count: number;
  dns_isp_blocked: number;
  dns_other_blocked: number;
  tcp_blocked: number;
  tls_blocked: number;
}

export type SeriesState = Record<Signal, SignalState>;

/** The state after one hour of a series (a row of event_detector_cusums). */
export interface SavedState {
  ts: number;
  state: SeriesState;
}

export type Changepoint = HourlyObservation & Crossing & { block_type: Signal };

const freshSeriesState = (): SeriesState => Object.fromEntries(SIGNALS.map(([signal]) => [signal, FRESH_SIGNAL])) as SeriesState;

/** (probe_cc, probe_asn, domain) order, the order series are processed and paged in. */
export function compareSeries(a: SeriesKey, b: SeriesKey): number {
  if (a.probe_cc !== b.probe_cc) return a.probe_cc < b.probe_cc ? -1 : 1;
  if (a.probe_asn !== b.probe_asn) return a.probe_asn - b.probe_asn;
  return a.domain === b.domain ? 0 : a.domain < b.domain ? -1 : 1;
}

/** One hour of a series: every signal stepped; the changepoints of the hour in SIGNALS order. */
function stepSeries(state: SeriesState, obs: HourlyObservation, p: DetectorParams): { state: SeriesState; changepoints: Changepoint[] } {
  const next = { ...state };
  const changepoints: Changepoint[] = [];
  for (const [signal, weight] of SIGNALS) {
    const r = stepSignal(state[signal], obs.ts, obs[signal], obs[weight], p);
    next[signal] = r.state;
    if (r.change) changepoints.push({ ...obs, ...r.change, block_type: signal });
  }
  return { state: next, changepoints };
}

/** The state an hour at `ts` starts from: the previous hour's if it is less than 10 days back, else fresh. */
export const priorFor = (ts: number, previous: SavedState | null): SeriesState =>
  previous !== null && previous.ts < ts && previous.ts > ts - STATE_HORIZON_MS ? previous.state : freshSeriesState();

/**
 * The series' hours `observations` (one series, ascending ts, all after `previous.ts`) replayed
 * from `previous` (the saved state of the series' latest earlier hour, or null): the state after
 * each hour and every changepoint.
 */
export function replaySeries(
  previous: SavedState | null,
  observations: readonly HourlyObservation[],
  p: DetectorParams,
): { states: SavedState[]; changepoints: Changepoint[] } {
  const states: SavedState[] = [];
  const changepoints: Changepoint[] = [];
  let last = previous;
  for (const obs of observations) {
    if (last !== null && obs.ts <= last.ts) throw new Error(`observations out of order at ${new Date(obs.ts).toISOString()}`);
    const r = stepSeries(priorFor(obs.ts, last), obs, p);
    last = { ts: obs.ts, state: r.state };
    states.push(last);
    changepoints.push(...r.changepoints);
  }
  return { states, changepoints };
}
