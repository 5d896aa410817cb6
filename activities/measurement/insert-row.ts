import { fastpath } from '../../drizzle/schema.ts';
import type { FastpathRow } from '../fastpath/index.ts';
import type { ActivityDeps } from '../deps.ts';

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

/** Upsert on measurement_uid: a retried or re-run insert replaces, never duplicates. */
export function insertFastpathRow(deps: ActivityDeps) {
  return async (scored: { row: FastpathRow; fingerprintsVersion: string }): Promise<void> => {
    const record = toFastpathRecord(scored.row, scored.fingerprintsVersion);
    const { measurementUid: _key, ...update } = record;
    await deps.db
      .insert(fastpath)
      .values(record)
      .onConflictDoUpdate({ target: fastpath.measurementUid, set: { ...update, updateTime: new Date() } });
  };
}
