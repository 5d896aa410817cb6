// The detector's values as rows of its tables and back (drizzle/v5-detector-schema.ts): series
// hours, CUSUM states (one column group per signal), changepoints. Times are `timestamp(3)` text
// `YYYY-MM-DD HH:MM:SS.mmm` holding UTC, epoch ms in the domain.
import { RULES_VERSION } from '../../domain/analysis/rules/version.ts';
import { SIGNALS, type Changepoint, type HourlyObservation, type SavedState, type SeriesKey, type SeriesState } from '../../domain/detector/index.ts';
import type { ChangeDir, CusumStateName } from '../../domain/detector/index.ts';

type Row = Record<string, unknown>;
/** A row to insert: plain values only. */
export type InsertRow = Record<string, string | number | null>;

export const toTimestamp = (ms: number): string => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
const fromTimestamp = (text: string): number => Date.parse(`${text.replace(' ', 'T')}Z`);

const keyOf = (r: Row): SeriesKey => ({ probe_cc: r.probe_cc as string, probe_asn: Number(r.probe_asn), domain: r.domain as string });

export const SERIES_COLUMNS = [
  'probe_asn',
  'probe_cc',
  'domain',
  'ts',
  'count_isp_resolver',
  'count_other_resolver',
  'count',
  'dns_isp_blocked',
  'dns_other_blocked',
  'tcp_blocked',
  'tls_blocked',
] as const;

export const seriesRow = (o: HourlyObservation): InsertRow => ({ ...o, ts: toTimestamp(o.ts) });

export const observationOf = (r: Row): HourlyObservation => ({
  ...keyOf(r),
  ts: fromTimestamp(r.ts as string),
  count_isp_resolver: r.count_isp_resolver as number,
  count_other_resolver: r.count_other_resolver as number,
  count: r.count as number,
  dns_isp_blocked: r.dns_isp_blocked as number,
  dns_other_blocked: r.dns_other_blocked as number,
  tcp_blocked: r.tcp_blocked as number,
  tls_blocked: r.tls_blocked as number,
});

const STATE_FIELDS = ['current_state', 's_pos', 's_neg', 'last_change', 'last_ts'] as const;
export const CUSUM_COLUMNS = ['probe_asn', 'probe_cc', 'domain', 'ts', ...SIGNALS.flatMap(([s]) => STATE_FIELDS.map((f) => `${s}_${f}`))];

export function cusumRow(key: SeriesKey, saved: SavedState): InsertRow {
  const row: InsertRow = { ...key, ts: toTimestamp(saved.ts) };
  for (const [signal] of SIGNALS) {
    const s = saved.state[signal];
    row[`${signal}_current_state`] = s.current_state;
    row[`${signal}_s_pos`] = s.s_pos;
    row[`${signal}_s_neg`] = s.s_neg;
    row[`${signal}_last_change`] = s.last_change;
    row[`${signal}_last_ts`] = s.last_ts === null ? null : toTimestamp(s.last_ts);
  }
  return row;
}

export function savedStateOf(r: Row): SavedState {
  const state = {} as SeriesState;
  for (const [signal] of SIGNALS) {
    const lastTs = r[`${signal}_last_ts`] as string | null;
    state[signal] = {
      current_state: r[`${signal}_current_state`] as CusumStateName,
      s_pos: r[`${signal}_s_pos`] as number,
      s_neg: r[`${signal}_s_neg`] as number,
      last_change: r[`${signal}_last_change`] as ChangeDir,
      last_ts: lastTs === null ? null : fromTimestamp(lastTs),
    };
  }
  return { ts: fromTimestamp(r.ts as string), state };
}

export const CHANGEPOINT_COLUMNS = [...SERIES_COLUMNS, 'change_dir', 's_pos', 's_neg', 'current_state', 'h', 'block_type', 'analysis_rules_version'];

export const changepointRow = (c: Changepoint): InsertRow => ({
  probe_asn: c.probe_asn,
  probe_cc: c.probe_cc,
  domain: c.domain,
  ts: toTimestamp(c.ts),
  count_isp_resolver: c.count_isp_resolver,
  count_other_resolver: c.count_other_resolver,
  count: c.count,
  dns_isp_blocked: c.dns_isp_blocked,
  dns_other_blocked: c.dns_other_blocked,
  tcp_blocked: c.tcp_blocked,
  tls_blocked: c.tls_blocked,
  change_dir: c.change_dir,
  s_pos: c.s_pos,
  s_neg: c.s_neg,
  current_state: c.current_state,
  h: c.h,
  block_type: c.block_type,
  analysis_rules_version: RULES_VERSION,
});

export const seriesKeyOf = keyOf;
