// Re-scoring from the sealed jsonl files: plan a day into batches of whole files, then score
// each batch and upsert its rows. Batches are key ranges so the payloads stay small.
import { Context, heartbeat } from '@temporalio/activity';
import { and, eq, getTableColumns, gte, inArray, lte, lt, sql, count, asc } from 'drizzle-orm';
import { fastpath, jsonl } from '../../drizzle/schema.ts';
import { readJsonl } from '../../domain/archive/files.ts';
import { dayKeyRange, parseJsonlKey } from '../../domain/s3-keys.ts';
import { addCounts, verdictTransitions } from '../../domain/archive/verdicts.ts';
import { scoreMeasurement } from '../fastpath/index.ts';
import { toFastpathRecord } from '../measurement/insert-row.ts';
import { writeObservations, type ObservationInput } from '../measurement/write-observations.ts';
import type { ActivityDeps } from '../deps.ts';
import type { ReprocessBatch, ReprocessBatchResult, ReprocessFilter } from './types.ts';

const matches = (f: ReprocessFilter, key: string) => {
  const p = parseJsonlKey(key);
  return !!p && (!f.probeCc || p.cc === f.probeCc) && (!f.testName || p.testName === f.testName);
};

export function planReprocessDay(deps: ActivityDeps) {
  return async (input: ReprocessFilter & { batchMeasurements: number }): Promise<ReprocessBatch[]> => {
    const { from, to } = dayKeyRange(input.day);
    const files = await deps.db
      .select({ key: jsonl.s3path, n: count() })
      .from(jsonl)
      .where(and(gte(jsonl.s3path, from), lt(jsonl.s3path, to)))
      .groupBy(jsonl.s3path)
      .orderBy(asc(jsonl.s3path));
    const batches: ReprocessBatch[] = [];
    let current: ReprocessBatch | null = null;
    for (const f of files.filter((f) => matches(input, f.key))) {
      if (!current || current.measurements >= input.batchMeasurements) {
        current = { day: input.day, probeCc: input.probeCc, testName: input.testName, fromKey: f.key, toKey: f.key, files: 0, measurements: 0 };
        batches.push(current);
      }
      current.toKey = f.key;
      current.files++;
      current.measurements += f.n;
    }
    return batches;
  };
}

const UPSERT_ROWS = 500;
const { measurementUid: _pk, isVerified: _kept, ...updatable } = getTableColumns(fastpath);
// is_verified lives in the upload wrapper, not in the jsonl line: keep the stored value.
const UPDATE_SET = {
  ...Object.fromEntries(Object.entries(updatable).map(([k, col]) => [k, sql.raw(`excluded."${col.name}"`)])),
  updateTime: sql`now()`,
};

async function reprocessFile(deps: ActivityDeps, key: string, result: ReprocessBatchResult): Promise<void> {
  const body = await deps.store.get(key);
  if (!body) throw new Error(`indexed archive file ${key} is missing`);
  const lines = readJsonl(body);
  const index = await deps.db.select({ uid: jsonl.measurementUid, linenum: jsonl.linenum }).from(jsonl).where(eq(jsonl.s3path, key));
  const fingerprints = deps.fingerprints();
  const tools = { ipDb: await deps.observations.ipDatabase(), crypto: deps.observations.crypto };
  const records: Array<typeof fastpath.$inferInsert> = [];
  const observations: ObservationInput[] = [];
  for (const { uid, linenum } of index) {
    const line = lines[linenum];
    const measurement: unknown = line === undefined ? null : JSON.parse(line);
    const scored = line === undefined ? null : scoreMeasurement(measurement, { measurementUid: uid, fingerprints });
    if (scored?.kind !== 'row') {
      result.rejected++;
      continue;
    }
    records.push(toFastpathRecord(scored.row, scored.fingerprintsVersion));
    observations.push({ uid, measurement, measurementStartTime: scored.row.measurement_start_time, testName: scored.row.test_name });
  }
  for (let i = 0; i < records.length; i += UPSERT_ROWS) {
    const chunk = records.slice(i, i + UPSERT_ROWS);
    const observed = observations.slice(i, i + UPSERT_ROWS);
    const before = await deps.db
      .select({ uid: fastpath.measurementUid, anomaly: fastpath.anomaly, confirmed: fastpath.confirmed, msmFailure: fastpath.msmFailure })
      .from(fastpath)
      .where(
        inArray(
          fastpath.measurementUid,
          chunk.map((r) => r.measurementUid),
        ),
      );
    const old = new Map(before.map((b) => [b.uid, b]));
    // the v5 observations go through the ingest's write path, in the same transaction as the rows
    await deps.db.transaction(async (tx) => {
      await tx.insert(fastpath).values(chunk).onConflictDoUpdate({ target: fastpath.measurementUid, set: UPDATE_SET });
      const summaries = await writeObservations(tx, observed, tools);
      result.faultyObservations += summaries.filter((o) => o.status === 'faulty').length;
    });
    const changes: Record<string, number> = {};
    for (const r of chunk) {
      for (const t of verdictTransitions(old.get(r.measurementUid), { anomaly: r.anomaly, confirmed: r.confirmed, msmFailure: r.msmFailure })) {
        changes[t] = (changes[t] ?? 0) + 1;
      }
    }
    addCounts(result.transitions, changes);
  }
  result.measurements += index.length;
  result.files++;
}

export function reprocessBatch(deps: ActivityDeps) {
  return async (batch: ReprocessBatch): Promise<ReprocessBatchResult> => {
    const files = await deps.db
      .selectDistinct({ key: jsonl.s3path })
      .from(jsonl)
      .where(and(gte(jsonl.s3path, batch.fromKey), lte(jsonl.s3path, batch.toKey)))
      .orderBy(asc(jsonl.s3path));
    // A retry resumes after the last file its previous attempt reported.
    const resumed = Context.current().info.heartbeatDetails as ReprocessBatchResult | undefined;
    const result: ReprocessBatchResult = resumed ?? { files: 0, measurements: 0, rejected: 0, faultyObservations: 0, transitions: {} };
    const keys = files.map((f) => f.key).filter((k) => matches(batch, k));
    for (const key of keys.slice(result.files)) {
      await reprocessFile(deps, key, result);
      heartbeat(result);
    }
    return result;
  };
}
