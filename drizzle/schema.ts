// PostgreSQL schema. Migrations in drizzle/migrations/ are generated from this file with
// `npm run db:generate` and committed; they are applied by the launcher and the tests.
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const utc = (name: string) => timestamp(name, { mode: 'date', withTimezone: false });
const utcNow = (name: string) => timestamp(name, { mode: 'date', withTimezone: true }).notNull().defaultNow();

/** One row per scored measurement: the 26 columns the OONI fastpath writes, plus provenance. */
export const fastpath = pgTable(
  'fastpath',
  {
    measurementUid: text('measurement_uid').primaryKey(),
    reportId: text('report_id').notNull(),
    input: text('input').notNull(),
    domain: text('domain').notNull(),
    probeCc: text('probe_cc').notNull(),
    probeAsn: bigint('probe_asn', { mode: 'number' }).notNull(),
    testName: text('test_name').notNull(),
    testStartTime: utc('test_start_time').notNull(),
    measurementStartTime: utc('measurement_start_time').notNull(),
    /** Serialised exactly as the original fastpath (key order, floats), hence text not jsonb. */
    scores: text('scores').notNull(),
    platform: text('platform').notNull(),
    anomaly: boolean('anomaly').notNull(),
    confirmed: boolean('confirmed').notNull(),
    msmFailure: boolean('msm_failure').notNull(),
    blockingType: text('blocking_type').notNull(),
    softwareName: text('software_name').notNull(),
    softwareVersion: text('software_version').notNull(),
    testVersion: text('test_version').notNull(),
    testRuntime: doublePrecision('test_runtime').notNull(),
    architecture: text('architecture').notNull(),
    engineName: text('engine_name').notNull(),
    engineVersion: text('engine_version').notNull(),
    testHelperAddress: text('test_helper_address').notNull(),
    testHelperType: text('test_helper_type').notNull(),
    ooniRunLinkId: bigint('ooni_run_link_id', { mode: 'number' }),
    isVerified: text('is_verified').notNull().default('u'),
    fingerprintsVersion: text('fingerprints_version').notNull().default(''),
    updateTime: utcNow('update_time'),
  },
  (t) => [
    index('fastpath_measurement_start_time_idx').on(t.measurementStartTime),
    index('fastpath_report_id_input_idx').on(t.reportId, t.input),
    index('fastpath_cc_test_time_idx').on(t.probeCc, t.testName, t.measurementStartTime),
  ],
);

/** Where each measurement body lives in the sealed archive (OONI's `jsonl` table). */
export const jsonl = pgTable(
  'jsonl',
  {
    measurementUid: text('measurement_uid').primaryKey(),
    reportId: text('report_id').notNull(),
    input: text('input').notNull(),
    s3path: text('s3path').notNull(),
    linenum: integer('linenum').notNull(),
    updateTime: utcNow('update_time'),
  },
  (t) => [
    index('jsonl_report_id_input_idx').on(t.reportId, t.input),
    uniqueIndex('jsonl_s3path_linenum_idx').on(t.s3path, t.linenum),
  ],
);

/** Measurements that were acknowledged but failed deep validation; kept with the reason. */
export const faultyMeasurements = pgTable('faulty_measurements', {
  measurementUid: text('measurement_uid').primaryKey(),
  objectKey: text('object_key').notNull(),
  code: text('code').notNull(),
  reason: text('reason').notNull(),
  details: jsonb('details').notNull().default({}),
  ts: utcNow('ts'),
});

/** Reports opened with POST /report (the original kept no state; we keep it for operators). */
export const reports = pgTable(
  'reports',
  {
    reportId: text('report_id').primaryKey(),
    testName: text('test_name').notNull(),
    probeCc: text('probe_cc').notNull(),
    probeAsn: bigint('probe_asn', { mode: 'number' }).notNull(),
    softwareName: text('software_name').notNull(),
    softwareVersion: text('software_version').notNull(),
    openedAt: utcNow('opened_at'),
    closedAt: timestamp('closed_at', { mode: 'date', withTimezone: true }),
  },
  (t) => [index('reports_opened_at_idx').on(t.openedAt)],
);

/**
 * Every acknowledged upload. `dedupe_key` makes a retried upload of the same bytes return
 * the uid it got the first time instead of creating a second measurement.
 */
export const uploads = pgTable(
  'uploads',
  {
    measurementUid: text('measurement_uid').primaryKey(),
    dedupeKey: text('dedupe_key').notNull(),
    objectKey: text('object_key').notNull(),
    receivedAt: timestamp('received_at', { mode: 'date', withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('uploads_dedupe_key_idx').on(t.dedupeKey), index('uploads_received_at_idx').on(t.receivedAt)],
);

/** Measurements staged for their archive bucket (receive hour × cc × test), until sealed. */
export const staged = pgTable(
  'staged',
  {
    measurementUid: text('measurement_uid').primaryKey(),
    bucketHour: utc('bucket_hour').notNull(),
    probeCc: text('probe_cc').notNull(),
    testName: text('test_name').notNull(),
    reportId: text('report_id').notNull(),
    input: text('input').notNull(),
    objectKey: text('object_key').notNull(),
    stagedAt: utcNow('staged_at'),
    sealedAt: timestamp('sealed_at', { mode: 'date', withTimezone: true }),
  },
  (t) => [index('staged_bucket_idx').on(t.bucketHour, t.probeCc, t.testName)],
);
