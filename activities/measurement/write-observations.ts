// The v5 observation write of one measurement (docs/v5-data.md "Orchestration"), shared by the
// ingest insert and the reprocess: transform (pure, H1's transformers), then, in the caller's
// transaction, replace the measurement's rows in the three observation tables and its
// observation_status row. A shape the transformer cannot read (or a throw from it) is recorded
// as `faulty` with the reason and no rows; the fastpath row is unaffected.
import { inArray, sql } from 'drizzle-orm';
import { obsHttpMiddlebox, obsWeb, obsWebCtrl, observationStatus } from '../../drizzle/schema.ts';
import { parseMeasurementUid } from '../../domain/ids/measurement-uid.ts';
import type { IpDatabase } from '../../domain/enrichment/lookup.ts';
import type { ObservationCrypto } from '../../domain/observations/crypto.ts';
import { measurementToObservations } from '../../domain/observations/index.ts';
import type { ObservationResult } from '../../domain/observations/types.ts';
import { TRANSFORMER_VERSION } from '../../domain/observations/version.ts';
import type { ActivityDeps } from '../deps.ts';
import { pgText } from './insert-row.ts';

type Tx = Parameters<Parameters<ActivityDeps['db']['transaction']>[0]>[0];

/** What the observation write needs besides the database: the IP database (null = no enrichment) and the hashing. */
export interface ObservationTools {
  ipDb: IpDatabase | null;
  crypto: ObservationCrypto;
}

export interface ObservationInput {
  uid: string;
  /** the measurement as uploaded (the `.post` content or a jsonl line) */
  measurement: unknown;
  /** the fastpath row's `YYYY-MM-DD HH:MM:SS`: its hour is the analysis hour */
  measurementStartTime: string;
  testName: string;
}

export interface ObservationSummary {
  status: 'observed' | 'faulty';
  reason: string | null;
  rows: number;
}

/**
 * Writers of observation_status hold this lock shared; the analysis takes it exclusively for an
 * instant before reading max(seq), so every row at or below the seq it reads is committed
 * (a sequence value is taken before commit: without the lock a later-committing writer could
 * hold a smaller seq than one already seen, and its hour would never re-open).
 */
const SEQ_LOCK = 0x6f62735f736571n;

const takeSeqLockShared = (tx: Tx) => tx.execute(sql`select pg_advisory_xact_lock_shared(${SEQ_LOCK})`);
export const takeSeqLockExclusive = (tx: Tx) => tx.execute(sql`select pg_advisory_xact_lock(${SEQ_LOCK})`);

/** `YYYY-MM-DD HH:MM:SS[.fff]` → its hour `YYYY-MM-DD HH:00:00`. */
const hourOfStartTime = (t: string) => `${t.slice(0, 13)}:00:00`;

/** The uid's receive time: processing day and the deterministic created_at of every row. */
function receiveTimeOf(uid: string): { bucketDate: string; createdAt: string | null } {
  const parsed = parseMeasurementUid(uid);
  if (!parsed) return { bucketDate: '1984-01-01', createdAt: null };
  const iso = parsed.receivedAt.toISOString();
  return { bucketDate: iso.slice(0, 10), createdAt: `${iso.slice(0, 10)} ${iso.slice(11, 23)}` };
}

/** The transformer's answer; an exception from it is a faulty measurement too, never a failed activity. */
function observe(input: ObservationInput, tools: ObservationTools): ObservationResult {
  try {
    return measurementToObservations(input.measurement, input.uid, { ...receiveTimeOf(input.uid), ipDb: tools.ipDb, crypto: tools.crypto });
  } catch (err) {
    return { ok: false, reason: `transformer error: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** PostgreSQL text holds no NUL (see pgText); arrays of text neither. */
function pgRow<T extends object>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = Array.isArray(v) ? v.map((x) => pgText(x)) : pgText(v);
  return out as T;
}

const CHUNK = 400;

async function insertChunks<R extends object>(tx: Tx, table: typeof obsWeb | typeof obsWebCtrl | typeof obsHttpMiddlebox, rows: readonly R[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.insert(table).values(rows.slice(i, i + CHUNK).map(pgRow) as never);
  }
}

/** Replaces the observations of `inputs` (one transaction, the caller's). */
export async function writeObservations(tx: Tx, inputs: readonly ObservationInput[], tools: ObservationTools): Promise<ObservationSummary[]> {
  if (inputs.length === 0) return [];
  if (new Set(inputs.map((i) => i.uid)).size !== inputs.length) throw new Error('writeObservations: a uid appears twice');
  const results = inputs.map((i) => observe(i, tools));
  const uids = inputs.map((i) => i.uid);
  await takeSeqLockShared(tx);
  for (const table of [obsWeb, obsWebCtrl, obsHttpMiddlebox]) await tx.delete(table).where(inArray(table.measurement_uid, uids));
  const enrichmentVersion = tools.ipDb?.version ?? 'none';
  const statuses = results.map((r, i) => {
    const input = inputs[i]!;
    const ok = r.ok ? r : null;
    return {
      measurement_uid: input.uid,
      hour: hourOfStartTime(input.measurementStartTime),
      test_name: input.testName,
      status: ok ? ('observed' as const) : ('faulty' as const),
      reason: r.ok ? null : pgText(r.reason.slice(0, 2000)),
      obs_web_rows: ok?.obs_web.length ?? 0,
      obs_web_ctrl_rows: ok?.obs_web_ctrl.length ?? 0,
      obs_http_middlebox_rows: ok?.obs_http_middlebox.length ?? 0,
      transformer_version: TRANSFORMER_VERSION,
      enrichment_version: enrichmentVersion,
    };
  });
  await insertChunks(
    tx,
    obsWeb,
    results.flatMap((r) => (r.ok ? r.obs_web : [])),
  );
  await insertChunks(
    tx,
    obsWebCtrl,
    results.flatMap((r) => (r.ok ? r.obs_web_ctrl : [])),
  );
  await insertChunks(
    tx,
    obsHttpMiddlebox,
    results.flatMap((r) => (r.ok ? r.obs_http_middlebox : [])),
  );
  await tx
    .insert(observationStatus)
    .values(statuses)
    .onConflictDoUpdate({
      target: observationStatus.measurement_uid,
      set: {
        hour: sql`excluded.hour`,
        test_name: sql`excluded.test_name`,
        status: sql`excluded.status`,
        reason: sql`excluded.reason`,
        obs_web_rows: sql`excluded.obs_web_rows`,
        obs_web_ctrl_rows: sql`excluded.obs_web_ctrl_rows`,
        obs_http_middlebox_rows: sql`excluded.obs_http_middlebox_rows`,
        transformer_version: sql`excluded.transformer_version`,
        enrichment_version: sql`excluded.enrichment_version`,
        seq: sql`nextval(pg_get_serial_sequence('observation_status', 'seq'))`,
        written_at: sql`now()`,
      },
    });
  return statuses.map((s) => ({ status: s.status, reason: s.reason, rows: s.obs_web_rows + s.obs_web_ctrl_rows + s.obs_http_middlebox_rows }));
}
