// The changepoint detector's state (docs/v5-data.md "Changepoints", ooni-data.md §7): the hourly
// series it was given, its CUSUM state after each hour of each series, and the hours detected.
// With the series stored, any hour re-run replays every later hour of its series from the saved
// state before it, so the changepoints do not depend on the order hours were run in.
import { bigint, doublePrecision, index, integer, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

const utc3 = (name: string) => timestamp(name, { mode: 'string', precision: 3, withTimezone: false });
const utcHour = (name: string) => timestamp(name, { mode: 'string', precision: 0, withTimezone: false });

const seriesKey = () => ({
  probe_asn: bigint('probe_asn', { mode: 'number' }).notNull(),
  probe_cc: text('probe_cc').notNull(),
  domain: text('domain').notNull(),
  /** start of the hour (UTC) */
  ts: utc3('ts').notNull(),
});

/** §7.1: one hour of one (probe_cc, probe_asn, domain) series as the detector read it; medians NaN when no rows. */
export const eventDetectorSeries = pgTable(
  'event_detector_series',
  {
    ...seriesKey(),
    count_isp_resolver: integer('count_isp_resolver').notNull(),
    count_other_resolver: integer('count_other_resolver').notNull(),
    count: integer('count').notNull(),
    dns_isp_blocked: doublePrecision('dns_isp_blocked').notNull(),
    dns_other_blocked: doublePrecision('dns_other_blocked').notNull(),
    tcp_blocked: doublePrecision('tcp_blocked').notNull(),
    tls_blocked: doublePrecision('tls_blocked').notNull(),
  },
  (t) => [primaryKey({ columns: [t.probe_cc, t.probe_asn, t.domain, t.ts] }), index('event_detector_series_ts_idx').on(t.ts)],
);

/** §7.3: the CUSUM state of a series after each of its hours (upstream keeps only the latest). */
export const eventDetectorCusums = pgTable(
  'event_detector_cusums',
  {
    ...seriesKey(),
    dns_isp_blocked_current_state: text('dns_isp_blocked_current_state').notNull(),
    dns_isp_blocked_s_pos: doublePrecision('dns_isp_blocked_s_pos').notNull(),
    dns_isp_blocked_s_neg: doublePrecision('dns_isp_blocked_s_neg').notNull(),
    dns_isp_blocked_last_change: smallint('dns_isp_blocked_last_change').notNull(),
    dns_isp_blocked_last_ts: utc3('dns_isp_blocked_last_ts'),
    dns_other_blocked_current_state: text('dns_other_blocked_current_state').notNull(),
    dns_other_blocked_s_pos: doublePrecision('dns_other_blocked_s_pos').notNull(),
    dns_other_blocked_s_neg: doublePrecision('dns_other_blocked_s_neg').notNull(),
    dns_other_blocked_last_change: smallint('dns_other_blocked_last_change').notNull(),
    dns_other_blocked_last_ts: utc3('dns_other_blocked_last_ts'),
    tcp_blocked_current_state: text('tcp_blocked_current_state').notNull(),
    tcp_blocked_s_pos: doublePrecision('tcp_blocked_s_pos').notNull(),
    tcp_blocked_s_neg: doublePrecision('tcp_blocked_s_neg').notNull(),
    tcp_blocked_last_change: smallint('tcp_blocked_last_change').notNull(),
    tcp_blocked_last_ts: utc3('tcp_blocked_last_ts'),
    tls_blocked_current_state: text('tls_blocked_current_state').notNull(),
    tls_blocked_s_pos: doublePrecision('tls_blocked_s_pos').notNull(),
    tls_blocked_s_neg: doublePrecision('tls_blocked_s_neg').notNull(),
    tls_blocked_last_change: smallint('tls_blocked_last_change').notNull(),
    tls_blocked_last_ts: utc3('tls_blocked_last_ts'),
  },
  (t) => [primaryKey({ columns: [t.probe_cc, t.probe_asn, t.domain, t.ts] })],
);

/** One row per hour the detector ran for: the observation seq and watchlist it used, what it found. */
export const eventDetectorHours = pgTable('event_detector_hours', {
  hour: utcHour('hour').primaryKey(),
  /** the hour's committed observation seq when the detector started */
  observed_seq: bigint('observed_seq', { mode: 'number' }).notNull(),
  /** the probe_cc filter of the last run (null: every country) */
  probe_cc: text('probe_cc').array(),
  domains: integer('domains').notNull(),
  /** series of the hour, and hours of later series replayed */
  series: integer('series').notNull(),
  replayed: integer('replayed').notNull(),
  /** changepoints in the hour itself */
  changepoints: integer('changepoints').notNull(),
});
