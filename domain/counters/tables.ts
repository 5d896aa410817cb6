// The pre-aggregated counters tables (drizzle/schema.ts) as SQL pieces: each table's time bucket and
// dimensions, as counters columns and as expressions over a fastpath row (or a counter_retractions
// row, which has the same counted columns). The refresh (activities/jobs/refresh-counters.ts) groups
// fastpath with them; the fresh read (api/query/live-counters.ts) adds each changed row's share.

export type CounterTableName = 'counters_daily_network' | 'counters_daily_country' | 'counters_daily_input' | 'counters_daily' | 'counters_hourly';

export interface CounterTable {
  table: CounterTableName;
  /** bucket column: `hour` (counters_hourly) or `day` */
  bucket: 'day' | 'hour';
  /** the dimension columns, in table order */
  dims: string[];
  /** one expression over a fastpath row per dimension column */
  exprs: string[];
}

/** The bucket of a fastpath row in a table: UTC day or hour (the connection's TimeZone is UTC). */
export const bucketExpr = (t: CounterTable): string =>
  t.bucket === 'hour' ? `date_trunc('hour', measurement_start_time)` : 'measurement_start_time::date';

/** The seven counter columns, in table order. */
export const COUNT_COLUMNS = [
  'measurement_count',
  'anomaly_count',
  'confirmed_count',
  'failure_count',
  'ok_count',
  'anomaly_flag_count',
  'confirmed_flag_count',
] as const;

/** Each counter as a condition on one row: the five mutually exclusive outcomes, then the plain flags. */
const COUNT_CONDITIONS: Record<(typeof COUNT_COLUMNS)[number], string> = {
  measurement_count: 'true',
  anomaly_count: 'anomaly and not confirmed and not msm_failure',
  confirmed_count: 'confirmed and not msm_failure',
  failure_count: 'msm_failure',
  ok_count: 'not anomaly and not confirmed and not msm_failure',
  anomaly_flag_count: 'anomaly',
  confirmed_flag_count: 'confirmed',
};

const FINE_DIMS = ['probe_cc', 'probe_asn', 'test_name', 'domain', 'input_md5', 'input', 'blocking_type', 'ooni_run_link_id'];
const FINE_EXPRS = ['probe_cc', 'probe_asn', 'test_name', 'domain', 'md5(input)', 'input', 'blocking_type', 'coalesce(ooni_run_link_id, 0)'];
const plain = (dims: string[]) => ({ dims, exprs: dims });

export const COUNTER_TABLES: Record<CounterTableName, CounterTable> = {
  counters_daily_network: { table: 'counters_daily_network', bucket: 'day', ...plain(['probe_cc', 'probe_asn', 'test_name']) },
  counters_daily_country: { table: 'counters_daily_country', bucket: 'day', ...plain(['probe_cc', 'test_name', 'blocking_type']) },
  counters_daily_input: {
    table: 'counters_daily_input',
    bucket: 'day',
    dims: ['probe_cc', 'test_name', 'domain', 'input_md5', 'input'],
    exprs: ['probe_cc', 'test_name', 'domain', 'md5(input)', 'input'],
  },
  counters_daily: { table: 'counters_daily', bucket: 'day', dims: FINE_DIMS, exprs: FINE_EXPRS },
  counters_hourly: { table: 'counters_hourly', bucket: 'hour', dims: FINE_DIMS, exprs: FINE_EXPRS },
};

/** The counters of a group of fastpath rows (for GROUP BY), in COUNT_COLUMNS order. */
export const GROUP_COUNTS = COUNT_COLUMNS.map((c) => `(count(*) filter (where ${COUNT_CONDITIONS[c]}))::int`).join(', ');

/** The share of one row in each counter (`sign` 1 for a row, -1 for a retracted one), in COUNT_COLUMNS order. */
const rowCounts = (sign: 1 | -1): string =>
  COUNT_COLUMNS.map((c) => `${c === 'measurement_count' ? String(sign) : `${sign === -1 ? '-' : ''}(${COUNT_CONDITIONS[c]})::int`} as ${c}`).join(
    ', ',
  );

/** A fastpath row as a row of the table (same column names), its counters `rowCounts(sign)`. */
export const rowAsCounters = (t: CounterTable, sign: 1 | -1): string =>
  [`${bucketExpr(t)} as ${t.bucket}`, ...t.exprs.map((e, i) => `${e} as ${t.dims[i]}`), rowCounts(sign)].join(', ');
