// One hour of v5 web analysis (docs/v5-data.md "Orchestration"), in three activities:
// begin (the hour's committed seq), analyse (ground truth of the window, then the hour's
// web_connectivity measurements in uid order, in batches with heartbeats, for at most a slice of
// time; the workflow calls it again from where it stopped) and finish (drop rows of measurements
// no longer in the hour, record the analysed seq). Rows never travel through Temporal.
import { Context, heartbeat } from '@temporalio/activity';
import { and, eq, gt, inArray, asc, sql, getTableColumns } from 'drizzle-orm';
import { analysisHours, analysisWebMeasurement, obsWeb, obsWebCtrl, observationStatus } from '../../drizzle/schema.ts';
import { analyseMeasurement, dnsFingerprintIndex, GroundTruth } from '../../domain/analysis/index.ts';

type DnsFingerprintIndex = ReturnType<typeof dnsFingerprintIndex>;
type WindowObsInput = Parameters<GroundTruth['addObsWebRow']>[0];
import type { AnalysisWebMeasurementRow } from '../../domain/analysis/types.ts';
import { hourWindow, utcMillis } from '../../domain/analysis-hour.ts';
import type { ObsWebCtrlRow, ObsWebRow } from '../../domain/observations/types.ts';
import type { ActivityDeps } from '../deps.ts';
import { committedSeq } from './due-hours.ts';

const dbHour = (hour: string) => hourWindow(hour).start;

export interface AnalyseHourInput {
  hour: string;
  /** resume after this uid (null: from the start) */
  afterUid: string | null;
  /** stop after the batch that passes this many seconds; the workflow calls again */
  sliceSeconds?: number;
  batchSize?: number;
}

export interface AnalyseHourProgress {
  hour: string;
  phase: 'ground truth' | 'measurements';
  /** ground-truth rows folded in (control rows + TLS-consistent addresses) */
  truthRows: number;
  afterUid: string | null;
  /** measurements read / analysis rows written / measurements with no verdict (this slice) */
  measurements: number;
  written: number;
  skipped: number;
}

export interface AnalyseHourResult extends AnalyseHourProgress {
  done: boolean;
}

let fingerprintIndex: { version: string; index: DnsFingerprintIndex } | undefined;
function dnsIndex(deps: ActivityDeps): { version: string; index: DnsFingerprintIndex } {
  const fp = deps.fingerprints();
  if (fingerprintIndex?.version !== fp.version) fingerprintIndex = { version: fp.version, index: dnsFingerprintIndex(fp) };
  return fingerprintIndex;
}

const ctrlRow = (r: Record<string, unknown>): ObsWebCtrlRow =>
  ({
    ...r,
    ip_asn: r.ip_asn === null ? null : Number(r.ip_asn),
    measurement_start_time: utcMillis(r.measurement_start_time as string),
    created_at: utcMillis(r.created_at as string | null),
  }) as ObsWebCtrlRow;

const webRow = (r: ObsWebRow): ObsWebRow => ({
  ...r,
  measurement_start_time: utcMillis(r.measurement_start_time),
  created_at: utcMillis(r.created_at),
  tls_end_entity_certificate_not_valid_after: utcMillis(r.tls_end_entity_certificate_not_valid_after),
  tls_end_entity_certificate_not_valid_before: utcMillis(r.tls_end_entity_certificate_not_valid_before),
});

/**
 * §4.2: every obs_web_ctrl row of the window, then every obs_web row of the window (its
 * TLS-consistent addresses, and per report the IPv6 TCP outcomes), streamed in any order.
 */
async function groundTruth(deps: ActivityDeps, hour: string, progress: AnalyseHourProgress): Promise<GroundTruth> {
  const { start, end } = hourWindow(hour);
  // the cursor callbacks run outside the activity's async context: heartbeat through it directly
  const context = Context.current();
  const heartbeat = (details: unknown) => context.heartbeat(details);
  const truth = new GroundTruth();
  await deps.sql`select * from obs_web_ctrl where measurement_start_time >= ${start} and measurement_start_time < ${end}`.cursor(2000, (rows) => {
    for (const r of rows) truth.addCtrlRow(ctrlRow(r));
    progress.truthRows += rows.length;
    heartbeat(progress);
  });
  await deps.sql`select test_name, report_id, hostname, measurement_start_time, ip, tls_is_certificate_valid, tcp_success, tcp_failure
      from obs_web where measurement_start_time >= ${start} and measurement_start_time < ${end}`.cursor(2000, (rows) => {
    for (const r of rows)
      truth.addObsWebRow({ ...(r as unknown as WindowObsInput), measurement_start_time: utcMillis(r.measurement_start_time as string) });
    progress.truthRows += rows.length;
    heartbeat(progress);
  });
  return truth;
}

const { measurement_uid: _pk, ...analysisColumns } = getTableColumns(analysisWebMeasurement);
const REPLACE_ANALYSIS = Object.fromEntries(Object.entries(analysisColumns).map(([k, col]) => [k, sql.raw(`excluded."${col.name}"`)]));

export function beginHourAnalysis(deps: ActivityDeps) {
  return async (input: { hour: string }): Promise<{ seq: number }> => ({ seq: await committedSeq(deps, dbHour(input.hour)) });
}

export function analyseHour(deps: ActivityDeps) {
  return async (input: AnalyseHourInput): Promise<AnalyseHourResult> => {
    const started = Date.now();
    const sliceMs = (input.sliceSeconds ?? 120) * 1000;
    const batchSize = input.batchSize ?? 500;
    // a retried attempt resumes after the last batch its predecessor reported
    const resumed = Context.current().info.heartbeatDetails as AnalyseHourProgress | undefined;
    const progress: AnalyseHourProgress = {
      hour: input.hour,
      phase: 'ground truth',
      truthRows: 0,
      afterUid: resumed ? resumed.afterUid : input.afterUid,
      measurements: resumed?.measurements ?? 0,
      written: resumed?.written ?? 0,
      skipped: resumed?.skipped ?? 0,
    };
    heartbeat(progress);
    const truth = await groundTruth(deps, input.hour, progress);
    const { version, index } = dnsIndex(deps);
    progress.phase = 'measurements';
    const hour = dbHour(input.hour);
    for (;;) {
      const page = await deps.db
        .select({ uid: observationStatus.measurement_uid })
        .from(observationStatus)
        .where(
          and(
            eq(observationStatus.hour, hour),
            eq(observationStatus.test_name, 'web_connectivity'),
            eq(observationStatus.status, 'observed'),
            progress.afterUid === null ? undefined : gt(observationStatus.measurement_uid, progress.afterUid),
          ),
        )
        .orderBy(asc(observationStatus.measurement_uid))
        .limit(batchSize);
      if (page.length === 0) return { ...progress, done: true };
      const uids = page.map((p) => p.uid);
      const rows = await deps.db.select().from(obsWeb).where(inArray(obsWeb.measurement_uid, uids));
      const byUid = new Map<string, ObsWebRow[]>(uids.map((u) => [u, []]));
      for (const r of rows) byUid.get(r.measurement_uid)?.push(webRow(r));
      const verdicts: AnalysisWebMeasurementRow[] = [];
      const none: string[] = [];
      for (const [uid, obs] of byUid) {
        obs.sort((a, b) => a.observation_idx - b.observation_idx);
        const verdict = analyseMeasurement(obs, truth, index, { fingerprints_version: version });
        if (verdict) verdicts.push(verdict);
        else none.push(uid);
      }
      await deps.db.transaction(async (tx) => {
        if (verdicts.length > 0) {
          await tx
            .insert(analysisWebMeasurement)
            .values(verdicts)
            .onConflictDoUpdate({ target: analysisWebMeasurement.measurement_uid, set: REPLACE_ANALYSIS });
        }
        if (none.length > 0) await tx.delete(analysisWebMeasurement).where(inArray(analysisWebMeasurement.measurement_uid, none));
      });
      progress.measurements += uids.length;
      progress.written += verdicts.length;
      progress.skipped += none.length;
      progress.afterUid = uids[uids.length - 1]!;
      await deps.analysisHooks?.afterBatch?.(input.hour, progress.measurements);
      heartbeat(progress);
      if (page.length < batchSize) return { ...progress, done: true };
      if (Date.now() - started > sliceMs) return { ...progress, done: false };
    }
  };
}

export interface FinishHourResult {
  rows: number;
  faulty: number;
  removed: number;
}

export function finishHourAnalysis(deps: ActivityDeps) {
  return async (input: { hour: string; seq: number }): Promise<FinishHourResult> => {
    const { start, end } = hourWindow(input.hour);
    return deps.db.transaction(async (tx) => {
      // rows of measurements that are no longer observed web_connectivity measurements of this hour
      const removed = await tx.execute(sql`
        delete from ${analysisWebMeasurement} a
        where a.measurement_start_time >= ${start} and a.measurement_start_time < ${end}
          and not exists (select 1 from ${observationStatus} s
                          where s.measurement_uid = a.measurement_uid and s.hour = ${start}
                            and s.test_name = 'web_connectivity' and s.status = 'observed')`);
      const [counts] = await tx.execute<{ rows: number; faulty: number }>(sql`
        select (select count(*)::int from ${analysisWebMeasurement} where measurement_start_time >= ${start} and measurement_start_time < ${end}) as rows,
               (select count(*)::int from ${observationStatus} where hour = ${start} and status = 'faulty') as faulty`);
      const rows = counts?.rows ?? 0;
      const faulty = counts?.faulty ?? 0;
      const now = deps.clock();
      await tx
        .insert(analysisHours)
        .values({ hour: start, analysed_seq: input.seq, analysed_at: now, first_analysed_at: now, rows, faulty })
        .onConflictDoUpdate({
          target: analysisHours.hour,
          set: {
            analysed_seq: sql`greatest(${analysisHours.analysed_seq}, excluded.analysed_seq)`,
            analysed_at: sql`excluded.analysed_at`,
            first_analysed_at: sql`coalesce(${analysisHours.first_analysed_at}, excluded.first_analysed_at)`,
            rows: sql`excluded.rows`,
            faulty: sql`excluded.faulty`,
          },
        });
      return { rows, faulty, removed: removed.count };
    });
  };
}
