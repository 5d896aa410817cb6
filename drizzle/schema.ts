// PostgreSQL schema. Migrations in drizzle/migrations/ are generated from this file with
// `npm run db:generate` and committed; they are applied by the launcher and the tests.
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { IngestRejectionCode } from '../domain/ingest-rejection-codes.ts';
import type { QualityFlagType } from '../domain/quality-flags.ts';

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
  (t) => {
    // Query API (api/query) list filters, each index ordered by time and ending with the three
    // flags of the Explorer's "anomalies / confirmed / failures" filter: a btree checks
    // `confirmed = true` on the index entry, so a list fetches only the rows it returns instead
    // of every row of the country (or network, test, domain…) until 100 are confirmed.
    // md5: URLs of any length fit a btree; ordered by time so `input = …` lists stop after one page.
    const flags = [t.anomaly, t.confirmed, t.msmFailure] as const;
    return [
      index('fastpath_measurement_start_time_idx').on(t.measurementStartTime, ...flags),
      index('fastpath_report_id_input_idx').on(t.reportId, t.input),
      index('fastpath_cc_test_time_idx').on(t.probeCc, t.testName, t.measurementStartTime, ...flags),
      index('fastpath_asn_time_idx').on(t.probeAsn, t.measurementStartTime, ...flags),
      index('fastpath_test_time_idx').on(t.testName, t.measurementStartTime, ...flags),
      index('fastpath_domain_time_idx').on(t.domain, t.measurementStartTime, ...flags),
      index('fastpath_cc_time_idx').on(t.probeCc, t.measurementStartTime, ...flags),
      index('fastpath_input_md5_time_idx').on(sql`md5(${t.input})`, t.measurementStartTime, ...flags),
      // the counters refresh
      index('fastpath_update_time_idx').on(t.updateTime),
      // an OONI Run campaign's measurements (ooni_run_link_id=…); most rows have none
      index('fastpath_run_link_time_idx')
        .on(t.ooniRunLinkId, t.measurementStartTime, ...flags)
        .where(sql`${t.ooniRunLinkId} is not null`),
    ];
  },
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
  (t) => [index('jsonl_report_id_input_idx').on(t.reportId, t.input), uniqueIndex('jsonl_s3path_linenum_idx').on(t.s3path, t.linenum)],
);

/** Measurements that were acknowledged but failed deep validation; kept with the reason. */
export const faultyMeasurements = pgTable('faulty_measurements', {
  measurementUid: text('measurement_uid').primaryKey(),
  objectKey: text('object_key').notNull(),
  /** domain/ingest-rejection-codes.ts */
  code: text('code').$type<IngestRejectionCode>().notNull(),
  reason: text('reason').notNull(),
  details: jsonb('details').notNull().default({}),
  ts: utcNow('ts'),
});

/**
 * Data-quality flags of scored measurements (domain/quality-flags.ts): written with the fastpath
 * row in one transaction, one per (measurement, type), so a re-run activity adds nothing.
 * probe_cc / probe_asn / measurement_start_time are the row's, for the query filters.
 */
export const dataQualityFlags = pgTable(
  'data_quality_flags',
  {
    measurementUid: text('measurement_uid').notNull(),
    type: text('type').$type<QualityFlagType>().notNull(),
    probeCc: text('probe_cc').notNull(),
    probeAsn: bigint('probe_asn', { mode: 'number' }).notNull(),
    measurementStartTime: utc('measurement_start_time').notNull(),
    details: jsonb('details').notNull(),
    ts: utcNow('ts'),
  },
  (t) => [
    primaryKey({ columns: [t.measurementUid, t.type] }),
    index('data_quality_flags_time_idx').on(t.measurementStartTime),
    index('data_quality_flags_type_time_idx').on(t.type, t.measurementStartTime),
  ],
);

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

/** Citizen Lab test lists (OONI's `citizenlab`): cc is the lower-case list code, `ZZ` for the global list. */
export const citizenlab = pgTable(
  'citizenlab',
  {
    url: text('url').notNull(),
    cc: text('cc').notNull(),
    categoryCode: text('category_code').notNull(),
    domain: text('domain').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.url, t.cc] }),
    index('citizenlab_category_idx').on(t.categoryCode, t.cc),
    // /api/_/domain_metadata
    index('citizenlab_domain_idx').on(t.domain),
  ],
);

/** The five mutually exclusive aggregation counters, plus plain flag counts for the Explorer. */
const counterColumns = () => ({
  measurementCount: integer('measurement_count').notNull(),
  anomalyCount: integer('anomaly_count').notNull(),
  confirmedCount: integer('confirmed_count').notNull(),
  failureCount: integer('failure_count').notNull(),
  okCount: integer('ok_count').notNull(),
  anomalyFlagCount: integer('anomaly_flag_count').notNull(),
  confirmedFlagCount: integer('confirmed_flag_count').notNull(),
});

/** Fine-grained dimensions; input is keyed by its md5 so long URLs fit a btree. ooni_run_link_id 0 = none. */
const fineDimensions = () => ({
  probeCc: text('probe_cc').notNull(),
  probeAsn: bigint('probe_asn', { mode: 'number' }).notNull(),
  testName: text('test_name').notNull(),
  domain: text('domain').notNull(),
  inputMd5: text('input_md5').notNull(),
  input: text('input').notNull(),
  blockingType: text('blocking_type').notNull(),
  ooniRunLinkId: bigint('ooni_run_link_id', { mode: 'number' }).notNull(),
});

/** Per day × network × test: serves aggregations without domain/input/category/blocking/run-link. */
export const countersDailyNetwork = pgTable(
  'counters_daily_network',
  {
    day: date('day', { mode: 'string' }).notNull(),
    probeCc: text('probe_cc').notNull(),
    probeAsn: bigint('probe_asn', { mode: 'number' }).notNull(),
    testName: text('test_name').notNull(),
    ...counterColumns(),
  },
  (t) => [primaryKey({ columns: [t.day, t.probeCc, t.probeAsn, t.testName] }), index('counters_daily_network_cc_idx').on(t.probeCc, t.day)],
);

/** Per day × country × test × blocking type: aggregations without ASN, domain/input/category/run-link. */
export const countersDailyCountry = pgTable(
  'counters_daily_country',
  {
    day: date('day', { mode: 'string' }).notNull(),
    probeCc: text('probe_cc').notNull(),
    testName: text('test_name').notNull(),
    blockingType: text('blocking_type').notNull().default(''),
    ...counterColumns(),
  },
  (t) => [primaryKey({ columns: [t.day, t.probeCc, t.testName, t.blockingType] })],
);

/** Per day × country × test × input: domain/input/category queries without ASN, blocking type or run link. */
export const countersDailyInput = pgTable(
  'counters_daily_input',
  {
    day: date('day', { mode: 'string' }).notNull(),
    probeCc: text('probe_cc').notNull(),
    testName: text('test_name').notNull(),
    domain: text('domain').notNull(),
    inputMd5: text('input_md5').notNull(),
    input: text('input').notNull(),
    ...counterColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.probeCc, t.testName, t.domain, t.inputMd5] }),
    index('counters_daily_input_domain_idx').on(t.domain, t.day),
    index('counters_daily_input_md5_idx').on(t.inputMd5, t.day),
    index('counters_daily_input_cc_idx').on(t.probeCc, t.day),
    // /api/_/domains: the web_connectivity count of every domain, read from the index alone, in domain order
    index('counters_daily_input_test_domain_idx').on(t.testName, t.domain, t.measurementCount),
  ],
);

/** Per day × every aggregation dimension. */
export const countersDaily = pgTable(
  'counters_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    ...fineDimensions(),
    ...counterColumns(),
  },
  (t) => [
    primaryKey({
      columns: [t.day, t.probeCc, t.probeAsn, t.testName, t.domain, t.inputMd5, t.blockingType, t.ooniRunLinkId],
    }),
    index('counters_daily_domain_idx').on(t.domain, t.day),
    index('counters_daily_input_idx').on(t.inputMd5, t.day),
    index('counters_daily_cc_idx').on(t.probeCc, t.day),
  ],
);

/** Per hour × every aggregation dimension: only read for time_grain=hour (ranges of at most 7 days). */
export const countersHourly = pgTable(
  'counters_hourly',
  {
    hour: utc('hour').notNull(),
    ...fineDimensions(),
    ...counterColumns(),
  },
  (t) => [
    primaryKey({
      columns: [t.hour, t.probeCc, t.probeAsn, t.testName, t.domain, t.inputMd5, t.blockingType, t.ooniRunLinkId],
    }),
  ],
);

/** Query API rate limiting: cost consumed per hashed client key and fixed window, shared by all API instances. */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowSeconds: integer('window_seconds').notNull(),
    windowStart: bigint('window_start', { mode: 'number' }).notNull(),
    used: bigint('used', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowSeconds, t.windowStart] }), index('rate_limits_window_start_idx').on(t.windowStart)],
);

/**
 * One archive part: the pair `….n<collector>.<N>.{tar.gz,jsonl.gz}` of one bucket. Planned
 * (members fixed in archive_members) before anything is uploaded, so a re-run rebuilds the
 * same bytes; `committed` once its index rows exist; `done` once the incoming objects are gone.
 */
export const archiveParts = pgTable(
  'archive_parts',
  {
    jsonlKey: text('jsonl_key').primaryKey(),
    postcanKey: text('postcan_key').notNull(),
    bucketHour: utc('bucket_hour').notNull(),
    probeCc: text('probe_cc').notNull(),
    /** as in the key: without underscores */
    testName: text('test_name').notNull(),
    part: integer('part').notNull(),
    state: text('state', { enum: ['planned', 'committed', 'done'] })
      .notNull()
      .default('planned'),
    members: integer('members').notNull(),
    plannedAt: utcNow('planned_at'),
    committedAt: timestamp('committed_at', { mode: 'date', withTimezone: true }),
  },
  (t) => [uniqueIndex('archive_parts_bucket_part_idx').on(t.bucketHour, t.probeCc, t.testName, t.part), index('archive_parts_state_idx').on(t.state)],
);

/** The fixed place of each staged measurement in its part (line = tar member position). */
export const archiveMembers = pgTable(
  'archive_members',
  {
    measurementUid: text('measurement_uid').primaryKey(),
    jsonlKey: text('jsonl_key').notNull(),
    linenum: integer('linenum').notNull(),
    objectKey: text('object_key').notNull(),
  },
  (t) => [uniqueIndex('archive_members_part_line_idx').on(t.jsonlKey, t.linenum)],
);

/**
 * URL prioritisation rules (OONI's `url_priorities`): a rule adds `priority` to every test-list
 * entry it matches; "" or "*" in category_code / cc / domain / url match anything. Seeded by
 * migration with the 48 rules of OONI's integration-test data (api/tests/integ/data).
 */
export const urlPriorities = pgTable(
  'url_priorities',
  {
    categoryCode: text('category_code').notNull(),
    cc: text('cc').notNull(),
    domain: text('domain').notNull(),
    url: text('url').notNull(),
    priority: integer('priority').notNull(),
  },
  (t) => [primaryKey({ columns: [t.categoryCode, t.cc, t.domain, t.url] })],
);

/**
 * Weekly web_connectivity measurement counts of test-list URLs (OONI's `counters_asn_test_list`),
 * refreshed by the url-prioritisation schedule; `week` starts on Sunday as ClickHouse's toStartOfWeek.
 */
export const urlMsmtCounts = pgTable(
  'url_msmt_counts',
  {
    week: date('week', { mode: 'string' }).notNull(),
    probeCc: text('probe_cc').notNull(),
    probeAsn: bigint('probe_asn', { mode: 'number' }).notNull(),
    inputMd5: text('input_md5').notNull(),
    input: text('input').notNull(),
    msmtCnt: integer('msmt_cnt').notNull(),
  },
  (t) => [primaryKey({ columns: [t.probeCc, t.week, t.probeAsn, t.inputMd5] })],
);

/** Fingerprint lists loaded by the fingerprints-refresh schedule; the newest `loaded_at` is in force. */
export const fingerprintSets = pgTable(
  'fingerprint_sets',
  {
    version: text('version').primaryKey(),
    dns: text('dns').notNull(),
    http: text('http').notNull(),
    source: text('source').notNull(),
    loadedAt: utcNow('loaded_at'),
  },
  (t) => [index('fingerprint_sets_loaded_at_idx').on(t.loadedAt)],
);

/** PostgreSQL's 64-bit transaction id and snapshot types, carried as their text forms. */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });
const pgSnapshot = customType<{ data: string }>({ dataType: () => 'pg_snapshot' });

/**
 * Fresh aggregations (api/query/live-counters.ts): the counters hold every fastpath row version visible
 * in `snapshot`, the snapshot of the refresh that last wrote them (one row, id 1, written in the
 * refresh's transaction). fastpath rows carry `counter_xid`, the transaction that last changed a
 * counted column (added with its trigger by the hand-written block of migration 0016, not modelled
 * here so that no insert, export or upsert ever names it).
 */
export const countersWatermark = pgTable('counters_watermark', {
  id: integer('id').primaryKey(),
  snapshot: pgSnapshot('snapshot').notNull(),
  refreshedAt: utcNow('refreshed_at'),
});

/**
 * The counted columns of fastpath row versions replaced or deleted by transaction `xid` (written by
 * the fastpath trigger): a query subtracts those the counters hold (old_xid visible in the watermark
 * snapshot, xid not). The refresh deletes the rows its snapshot sees.
 */
export const counterRetractions = pgTable(
  'counter_retractions',
  {
    xid: xid8('xid').notNull(),
    oldXid: xid8('old_xid').notNull(),
    measurementStartTime: utc('measurement_start_time').notNull(),
    probeCc: text('probe_cc').notNull(),
    probeAsn: bigint('probe_asn', { mode: 'number' }).notNull(),
    testName: text('test_name').notNull(),
    domain: text('domain').notNull(),
    input: text('input').notNull(),
    blockingType: text('blocking_type').notNull(),
    ooniRunLinkId: bigint('ooni_run_link_id', { mode: 'number' }),
    anomaly: boolean('anomaly').notNull(),
    confirmed: boolean('confirmed').notNull(),
    msmFailure: boolean('msm_failure').notNull(),
  },
  (t) => [index('counter_retractions_xid_idx').on(t.xid)],
);

/** Progress marks of scheduled jobs (e.g. the counters refresh: fastpath update_time reached). */
export const jobWatermarks = pgTable('job_watermarks', {
  name: text('name').primaryKey(),
  value: timestamp('value', { mode: 'date', withTimezone: true }).notNull(),
});

/** The last slow-query summary (top statements of pg_stat_statements by total time), for /metrics. */
export const slowQueries = pgTable('slow_queries', {
  queryid: text('queryid').primaryKey(),
  calls: bigint('calls', { mode: 'number' }).notNull(),
  totalMs: doublePrecision('total_ms').notNull(),
  meanMs: doublePrecision('mean_ms').notNull(),
  rows: bigint('rows', { mode: 'number' }).notNull(),
  query: text('query').notNull(),
  capturedAt: utcNow('captured_at'),
});

/**
 * One row per person who completed a login: account_id is the keyed hash of the (lower-cased)
 * email address (api/auth/account-id.ts). The address is kept to mail the person and for admin-only
 * views; no public answer shows it.
 */
export const accounts = pgTable('accounts', {
  accountId: text('account_id').primaryKey(),
  emailAddress: text('email_address').notNull().unique(),
  role: text('role').$type<'user' | 'admin'>().notNull(),
  createdAt: utcNow('created_at'),
  lastLoginAt: utcNow('last_login_at'),
});

/**
 * Login links mailed and not yet expired: the sha256 of the token only (the token itself is in the
 * mail), single-use (`used_at`). Rows past `expires_at` are deleted when later links are asked for.
 */
export const loginTokens = pgTable(
  'login_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    emailAddress: text('email_address').notNull(),
    redirectTo: text('redirect_to').notNull(),
    expiresAt: timestamp('expires_at', { mode: 'date', withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { mode: 'date', withTimezone: true }),
    createdAt: utcNow('created_at'),
  },
  (t) => [index('login_tokens_expires_at_idx').on(t.expiresAt)],
);

/** Explorer's measurement feedback: one vote per (measurement, account); a later vote replaces it. */
export const measurementFeedback = pgTable(
  'measurement_feedback',
  {
    measurementUid: text('measurement_uid').notNull(),
    accountId: text('account_id').notNull(),
    status: text('status').notNull(),
    updateTime: utcNow('update_time'),
  },
  (t) => [primaryKey({ columns: [t.measurementUid, t.accountId] })],
);

const findingTime = (name: string) => timestamp(name, { mode: 'string', withTimezone: true, precision: 6 });
const textList = (name: string) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);

/**
 * Findings (incidents) of OONI Explorer, as oonifindings' `oonifinding` table. Deleting removes
 * the row (upstream's `deleted` flag is never set, so it is left out). `email_address` is the
 * creator's own address and reaches admins only (domain/findings/render.ts).
 */
export const findings = pgTable(
  'findings',
  {
    findingId: text('finding_id').primaryKey(),
    findingSlug: text('finding_slug').notNull(),
    createTime: findingTime('create_time').notNull(),
    updateTime: findingTime('update_time').notNull(),
    startTime: findingTime('start_time').notNull(),
    endTime: findingTime('end_time'),
    creatorAccountId: text('creator_account_id').notNull(),
    title: text('title').notNull(),
    shortDescription: text('short_description').notNull(),
    text: text('text').notNull(),
    reportedBy: text('reported_by').notNull(),
    emailAddress: text('email_address').notNull(),
    eventType: text('event_type').notNull(),
    published: boolean('published').notNull().default(false),
    countryCodes: textList('country_codes'),
    asns: bigint('asns', { mode: 'number' })
      .array()
      .notNull()
      .default(sql`'{}'::bigint[]`),
    domains: textList('domains'),
    themes: textList('themes'),
    tags: textList('tags'),
    links: textList('links'),
    testNames: textList('test_names'),
  },
  (t) => [uniqueIndex('findings_slug_idx').on(t.findingSlug), index('findings_creator_idx').on(t.creatorAccountId)],
);

/**
 * OONI Run v2 links (ooni/spec bk-005): the metadata of each link, editable in place by its
 * creator or an admin. Ids come from a sequence starting at 10000, as OONI's (the first 10k are
 * reserved for OONI's own links); `revision` is the latest revision of its nettests.
 */
export const oonirunLinks = pgTable(
  'oonirun_links',
  {
    oonirunLinkId: bigint('oonirun_link_id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity({ startWith: 10000 }),
    creatorAccountId: text('creator_account_id').notNull(),
    revision: integer('revision').notNull(),
    dateCreated: timestamp('date_created', { mode: 'date', withTimezone: true }).notNull(),
    dateUpdated: timestamp('date_updated', { mode: 'date', withTimezone: true }).notNull(),
    expirationDate: timestamp('expiration_date', { mode: 'date', withTimezone: true }).notNull(),
    name: text('name').notNull(),
    nameIntl: jsonb('name_intl').$type<Record<string, string>>(),
    shortDescription: text('short_description').notNull(),
    shortDescriptionIntl: jsonb('short_description_intl').$type<Record<string, string>>(),
    description: text('description').notNull(),
    descriptionIntl: jsonb('description_intl').$type<Record<string, string>>(),
    /** what the creator typed (OONI: their public email address); never the account's own email */
    author: text('author').notNull(),
    icon: text('icon'),
    color: text('color'),
  },
  (t) => [index('oonirun_links_expiration_idx').on(t.expirationDate), index('oonirun_links_creator_idx').on(t.creatorAccountId)],
);

/** The nettests of every revision of a link; a revision is added only when the nettests change. */
export const oonirunNettests = pgTable(
  'oonirun_nettests',
  {
    oonirunLinkId: bigint('oonirun_link_id', { mode: 'number' })
      .notNull()
      .references(() => oonirunLinks.oonirunLinkId),
    revision: integer('revision').notNull(),
    nettestIndex: integer('nettest_index').notNull(),
    dateCreated: timestamp('date_created', { mode: 'date', withTimezone: true }).notNull(),
    testName: text('test_name').notNull(),
    inputs: jsonb('inputs').$type<string[]>(),
    inputsExtra: jsonb('inputs_extra').$type<Record<string, unknown>[]>(),
    options: jsonb('options').$type<Record<string, unknown>>().notNull(),
    targetsName: text('targets_name'),
    isBackgroundRunEnabledDefault: boolean('is_background_run_enabled_default').notNull(),
    isManualRunEnabledDefault: boolean('is_manual_run_enabled_default').notNull(),
  },
  (t) => [primaryKey({ columns: [t.oonirunLinkId, t.revision, t.nettestIndex] })],
);

export * from './v5-schema.ts';
export * from './v5-orchestration-schema.ts';

/**
 * Monthly bulk exports of the fastpath table (activities/exports): one row per month and format.
 * `running` while an attempt streams its multipart upload (`upload_id`); `done` only once the
 * object is complete and its size, row count and sha256 are recorded here. Only `done` rows are listed.
 */
export const fastpathExports = pgTable(
  'exports',
  {
    /** `YYYYMM`, UTC month of measurement_start_time */
    month: text('month').notNull(),
    format: text('format', { enum: ['csv', 'parquet'] }).notNull(),
    key: text('key').notNull(),
    status: text('status', { enum: ['running', 'done'] }).notNull(),
    uploadId: text('upload_id'),
    bytes: bigint('bytes', { mode: 'number' }),
    rows: bigint('rows', { mode: 'number' }),
    sha256: text('sha256'),
    etag: text('etag'),
    startedAt: timestamp('started_at', { mode: 'date', withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { mode: 'date', withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.month, t.format] })],
);
export * from './v5-detector-schema.ts';
