import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import { dataQualityFlags, fastpath } from '../../drizzle/schema.ts';
import {
  DEFAULT_QUALITY_SETTINGS,
  clockDriftFlag,
  geoipFlag,
  volumeFlag,
  volumeMinute,
  type QualityFlag,
  type QualitySettings,
  type SubmitterLocation,
} from '../../domain/quality-flags.ts';
import type { FastpathRow } from '../fastpath/index.ts';
import type { ActivityDeps } from '../deps.ts';
import { writeObservations, type ObservationSummary } from './write-observations.ts';

const utc = (s: string) => new Date(`${s.replace(' ', 'T')}Z`);

/**
 * PostgreSQL text cannot hold NUL; a probe may still send it (JSON `\u0000`). The row drops
 * those characters (the raw measurement and the archive keep them), or the insert would fail
 * on every attempt and the acknowledged measurement never get its row.
 */
export function pgText<T>(value: T): T {
  return (typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '') : value) as T;
}

function pgTexts<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, pgText(v)])) as T;
}

/** The drizzle insert values of one fastpath row. */
export function toFastpathRecord(row: FastpathRow, fingerprintsVersion: string): typeof fastpath.$inferInsert {
  return pgTexts({
    measurementUid: row.measurement_uid,
    reportId: row.report_id,
    input: row.input,
    domain: row.domain,
    probeCc: row.probe_cc,
    probeAsn: row.probe_asn,
    testName: row.test_name,
    testStartTime: utc(row.test_start_time),
    measurementStartTime: utc(row.measurement_start_time),
    scores: row.scores,
    platform: row.platform,
    anomaly: row.anomaly === 't',
    confirmed: row.confirmed === 't',
    msmFailure: row.msm_failure === 't',
    blockingType: row.blocking_type,
    softwareName: row.software_name,
    softwareVersion: row.software_version,
    testVersion: row.test_version,
    testRuntime: row.test_runtime,
    architecture: row.architecture,
    engineName: row.engine_name,
    engineVersion: row.engine_version,
    testHelperAddress: row.test_helper_address,
    testHelperType: row.test_helper_type,
    ooniRunLinkId: row.ooni_run_link_id,
    isVerified: row.is_verified,
    fingerprintsVersion,
  });
}

export interface InsertRowInput {
  row: FastpathRow;
  fingerprintsVersion: string;
  /** ISO receive time; with it the data-quality flags are written (the ingest path) */
  receivedAt?: string;
  /** where the submitting address is, when the API could tell */
  submitter?: SubmitterLocation;
  /** the stored `.post` object: with it the v5 observations are written in the same transaction */
  objectKey?: string;
}

/** What the insert wrote besides the fastpath row (small: it goes through Temporal). */
export interface InsertRowResult {
  observations: ObservationSummary | null;
}

export type Tx = Parameters<Parameters<ActivityDeps['db']['transaction']>[0]>[0];

/** The flags of one scored measurement; the volume count includes the row just upserted. */
async function qualityFlags(tx: Tx, input: InsertRowInput & { receivedAt: string }, settings: QualitySettings): Promise<QualityFlag[]> {
  const { row } = input;
  const minute = volumeMinute(row);
  const [volume] = await tx
    .select({ n: count() })
    .from(fastpath)
    .where(
      and(
        eq(fastpath.probeAsn, row.probe_asn),
        gte(fastpath.measurementStartTime, minute.start),
        lt(fastpath.measurementStartTime, minute.end),
        eq(fastpath.probeCc, pgText(row.probe_cc)),
        eq(fastpath.softwareName, pgText(row.software_name)),
      ),
    );
  return [geoipFlag(row, input.submitter), clockDriftFlag(row, input.receivedAt, settings), volumeFlag(row, volume?.n ?? 0, settings)].filter(
    (f): f is QualityFlag => f !== undefined,
  );
}

/** What the row's transaction needs from outside it: S3 and the IP database hold no connection. */
export interface FastpathWriteInputs {
  post: Awaited<ReturnType<ActivityDeps['bodies']['post']>> | null;
  ipDb: Awaited<ReturnType<ActivityDeps['observations']['ipDatabase']>> | null;
}

/** Reads what writeFastpathRow needs, before its transaction opens. */
export async function readFastpathWriteInputs(deps: ActivityDeps, input: InsertRowInput): Promise<FastpathWriteInputs> {
  if (input.objectKey === undefined) return { post: null, ipDb: null };
  return { post: await deps.bodies.post(input.objectKey), ipDb: await deps.observations.ipDatabase() };
}

/**
 * Upsert on measurement_uid inside the caller's transaction: a retried or re-run write
 * replaces, never duplicates. On the ingest path the data-quality flags go in the same
 * transaction, one per (uid, type), and so do the v5 observations (replaced by uid) when the
 * object key is given.
 */
export async function writeFastpathRow(deps: ActivityDeps, tx: Tx, input: InsertRowInput, read: FastpathWriteInputs): Promise<InsertRowResult> {
  const settings = deps.quality ?? DEFAULT_QUALITY_SETTINGS;
  const record = toFastpathRecord(input.row, input.fingerprintsVersion);
  const { measurementUid: _key, ...update } = record;
  await tx
    .insert(fastpath)
    .values(record)
    .onConflictDoUpdate({ target: fastpath.measurementUid, set: { ...update, updateTime: new Date() } });
  let observations: ObservationSummary | null = null;
  if (read.post) {
    const measurement = read.post.ok ? read.post.content : null;
    [observations = null] = await writeObservations(
      tx,
      [{ uid: input.row.measurement_uid, measurement, measurementStartTime: input.row.measurement_start_time, testName: input.row.test_name }],
      { ipDb: read.ipDb, crypto: deps.observations.crypto },
    );
  }
  if (input.receivedAt === undefined) return { observations };
  const flags = await qualityFlags(tx, { ...input, receivedAt: input.receivedAt }, settings);
  if (flags.length === 0) return { observations };
  await tx
    .insert(dataQualityFlags)
    .values(
      flags.map((f) => ({
        measurementUid: record.measurementUid,
        type: f.type,
        probeCc: record.probeCc,
        probeAsn: record.probeAsn,
        measurementStartTime: record.measurementStartTime,
        details: pgTexts(f.details),
      })),
    )
    .onConflictDoUpdate({ target: [dataQualityFlags.measurementUid, dataQualityFlags.type], set: { details: sql`excluded.details` } });
  return { observations };
}

/** The fastpath row (with its observations and quality flags) in a transaction of its own. */
export function insertFastpathRow(deps: ActivityDeps) {
  return async (input: InsertRowInput): Promise<InsertRowResult> => {
    const read = await readFastpathWriteInputs(deps, input);
    return deps.db.transaction((tx) => writeFastpathRow(deps, tx, input, read));
  };
}
