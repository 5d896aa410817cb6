// The orphan sweeper: an incoming object older than a few minutes whose measurement has
// neither a fastpath nor a faulty row gets its workflow (covers a crash between storing the
// object and starting the workflow, and runs that failed for good).
import { heartbeat } from '@temporalio/activity';
import { inArray } from 'drizzle-orm';
import { startMeasurementWorkflow } from '../../client.ts';
import { fastpath, faultyMeasurements } from '../../drizzle/schema.ts';
import { parseMeasurementUid } from '../../domain/ids/measurement-uid.ts';
import { INCOMING_PREFIX, uidOfIncomingKey } from '../../domain/s3-keys.ts';
import type { ActivityDeps } from '../deps.ts';
import { readStoredMeasurement } from '../measurement/stored-measurement.ts';

export interface SweepResult {
  scanned: number;
  started: number;
  done: number;
  foreign: number;
}

const PAGE = 500;

export function sweepIncomingObjects(deps: ActivityDeps) {
  return async (): Promise<SweepResult> => {
    const cutoff = Date.now() - deps.sweepAfterSeconds * 1000;
    const result: SweepResult = { scanned: 0, started: 0, done: 0, foreign: 0 };
    let page: Array<{ key: string; uid: string }> = [];

    const flush = async () => {
      if (page.length === 0) return;
      const uids = page.map((p) => p.uid);
      const finished = new Set(
        [
          ...(await deps.db.select({ uid: fastpath.measurementUid }).from(fastpath).where(inArray(fastpath.measurementUid, uids))),
          ...(await deps.db
            .select({ uid: faultyMeasurements.measurementUid })
            .from(faultyMeasurements)
            .where(inArray(faultyMeasurements.measurementUid, uids))),
        ].map((r) => r.uid),
      );
      for (const { key, uid } of page) {
        if (finished.has(uid)) {
          result.done++;
          continue;
        }
        await startForOrphan(deps, key, uid);
        result.started++;
      }
      page = [];
      heartbeat(result);
    };

    for await (const object of deps.store.list(INCOMING_PREFIX)) {
      result.scanned++;
      if (!object.Key || (object.LastModified && object.LastModified.getTime() > cutoff)) continue;
      const uid = uidOfIncomingKey(object.Key);
      if (!uid) {
        result.foreign++;
        continue;
      }
      page.push({ key: object.Key, uid });
      if (page.length >= PAGE) await flush();
    }
    await flush();
    if (result.started > 0) deps.log.warn(result, 'sweeper started workflows for orphaned uploads');
    return result;
  };
}

async function startForOrphan(deps: ActivityDeps, key: string, uid: string): Promise<void> {
  const parsed = parseMeasurementUid(uid)!;
  const body = await deps.store.get(key);
  const stored = body ? readStoredMeasurement(body) : null;
  const content = stored?.ok ? stored.content : {};
  await startMeasurementWorkflow(deps.temporal, deps.taskQueue, {
    uid,
    objectKey: key,
    receivedAt: parsed.receivedAt.toISOString(),
    reportId: typeof content.report_id === 'string' ? content.report_id : '',
    probeCc: parsed.cc,
    testName: typeof content.test_name === 'string' ? content.test_name : parsed.testName,
  });
}
