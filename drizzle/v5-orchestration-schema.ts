// Bookkeeping of the v5 orchestration (docs/v5-data.md "Orchestration"): which measurements have
// been observed (or found faulty), and which hours have been analysed up to which change.
import { bigint, bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const utcHour = (name: string) => timestamp(name, { mode: 'string', precision: 0, withTimezone: false });

/**
 * One row per measurement whose observations were written (or could not be made). `seq` takes a
 * new value from its sequence on every write, so an hour's max(seq) grows whenever any of its
 * measurements is (re)observed: that is what re-opens an analysed hour.
 */
export const observationStatus = pgTable(
  'observation_status',
  {
    measurement_uid: text('measurement_uid').primaryKey(),
    /** hour of measurement_start_time (UTC): the analysis hour the measurement belongs to */
    hour: utcHour('hour').notNull(),
    test_name: text('test_name').notNull(),
    /** observed | faulty */
    status: text('status').$type<'observed' | 'faulty'>().notNull(),
    /** why the transformer could not read the measurement (faulty only) */
    reason: text('reason'),
    obs_web_rows: integer('obs_web_rows').notNull(),
    obs_web_ctrl_rows: integer('obs_web_ctrl_rows').notNull(),
    obs_http_middlebox_rows: integer('obs_http_middlebox_rows').notNull(),
    transformer_version: text('transformer_version').notNull(),
    enrichment_version: text('enrichment_version').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    written_at: timestamp('written_at', { mode: 'date', withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('observation_status_hour_seq_idx').on(t.hour, t.seq),
    index('observation_status_seq_idx').on(t.seq),
    index('observation_status_hour_test_uid_idx').on(t.hour, t.test_name, t.measurement_uid),
  ],
);

/** One row per hour the coordinator has seen observations of. */
export const analysisHours = pgTable(
  'analysis_hours',
  {
    hour: utcHour('hour').primaryKey(),
    /** max seq of the hour's observation_status rows, as collected by the coordinator */
    observed_seq: bigint('observed_seq', { mode: 'number' }).notNull().default(0),
    /** max seq the last completed analysis saw (taken at its start); 0 = never analysed */
    analysed_seq: bigint('analysed_seq', { mode: 'number' }).notNull().default(0),
    first_analysed_at: timestamp('first_analysed_at', { mode: 'date', withTimezone: true }),
    analysed_at: timestamp('analysed_at', { mode: 'date', withTimezone: true }),
    /** analysis rows written by the last run */
    rows: integer('rows').notNull().default(0),
    /** the hour's faulty measurements at the last run */
    faulty: integer('faulty').notNull().default(0),
  },
  (t) => [index('analysis_hours_due_idx').on(t.hour, t.observed_seq, t.analysed_seq)],
);

/** The coordinator's position in observation_status.seq (one row, id 1). */
export const analysisCursor = pgTable('analysis_cursor', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
});
