// Retention: removes what the archive no longer needs. Staged measurements sealed more than
// RETENTION_DAYS ago lose their incoming object (normally already deleted by the seal; any
// leftover goes now) and then their staged row; upload dedupe rows older than two days go too.
// Only rows with sealed_at set are touched: nothing unsealed is ever deleted.
import { heartbeat } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.ts';
import { rawSql } from './raw-sql.ts';

export interface RetentionResult {
  retentionDays: number;
  stagedDeleted: number;
  objectsDeleted: number;
  uploadsDeleted: number;
  durationMs: number;
}

const BATCH = 500;
const UPLOADS_KEEP_DAYS = 2;

export function applyRetention(deps: ActivityDeps) {
  return async (input: { retentionDays?: number } = {}): Promise<RetentionResult> => {
    const started = Date.now();
    const retentionDays = input.retentionDays ?? deps.jobs?.retentionDays ?? 30;
    const sql = rawSql(deps.db);
    const result: RetentionResult = { retentionDays, stagedDeleted: 0, objectsDeleted: 0, uploadsDeleted: 0, durationMs: 0 };
    for (;;) {
      const batch = await sql<{ measurement_uid: string; object_key: string }[]>`
        select measurement_uid, object_key from staged
        where sealed_at is not null and sealed_at < now() - make_interval(days => ${retentionDays})
        order by sealed_at limit ${BATCH}`;
      if (batch.length === 0) break;
      const keys = batch.map((r) => r.object_key);
      const present = (await Promise.all(keys.map(async (k) => ((await deps.store.exists(k)) ? k : null)))).filter((k): k is string => k !== null);
      await deps.store.deleteMany(present);
      result.objectsDeleted += present.length;
      const deleted = await sql`delete from staged where measurement_uid in ${sql(batch.map((r) => r.measurement_uid))} and sealed_at is not null`;
      result.stagedDeleted += deleted.count;
      heartbeat(result);
      if (batch.length < BATCH) break;
    }
    const uploads = await sql`delete from uploads where received_at < now() - make_interval(days => ${UPLOADS_KEEP_DAYS})`;
    result.uploadsDeleted = uploads.count;
    result.durationMs = Date.now() - started;
    deps.log.info(result, 'retention applied');
    return result;
  };
}
