// The seal of one bucket: plan new parts, then for each unfinished part upload → commit →
// delete the incoming objects. Every step is repeatable, so a retry or a later run heals a
// crash anywhere in between.
import { heartbeat } from '@temporalio/activity';
import { and, asc, eq, ne } from 'drizzle-orm';
import { archiveParts } from '../../drizzle/schema.ts';
import { parseHour } from '../../domain/archive/bucket.ts';
import type { ActivityDeps } from '../deps.ts';
import { cleanPart, commitPart } from './commit-part.ts';
import { planBucket } from './plan-bucket.ts';
import type { SealBucketInput, SealBucketResult } from './types.ts';
import { writePart } from './write-part.ts';

export function sealBucket(deps: ActivityDeps) {
  return async (b: SealBucketInput): Promise<SealBucketResult> => {
    const ms = { plan: 0, write: 0, commit: 0, clean: 0 };
    let t = Date.now();
    const lap = (k: keyof typeof ms) => ((ms[k] += Date.now() - t), (t = Date.now()));
    const { missing } = await planBucket(deps, b);
    lap('plan');
    if (missing > 0) deps.log.error({ bucket: b, missing }, 'staged measurements without an incoming object: left unsealed');
    const open = await deps.db
      .select({ jsonlKey: archiveParts.jsonlKey, postcanKey: archiveParts.postcanKey, state: archiveParts.state })
      .from(archiveParts)
      .where(
        and(
          eq(archiveParts.bucketHour, parseHour(b.hour)!),
          eq(archiveParts.probeCc, b.cc),
          eq(archiveParts.testName, b.testName),
          ne(archiveParts.state, 'done'),
        ),
      )
      .orderBy(asc(archiveParts.part));
    const result: SealBucketResult = { committed: [], measurements: 0, missing };
    for (const part of open) {
      if (part.state === 'planned') {
        const written = await writePart(deps, { ...part, hour: b.hour });
        lap('write');
        await deps.archiveHooks?.afterPartUploaded?.(part.jsonlKey);
        if (await commitPart(deps, part.jsonlKey, written.emptyLines)) {
          result.committed.push(part.jsonlKey);
          result.measurements += written.members;
        }
        lap('commit');
      }
      await cleanPart(deps, part.jsonlKey);
      lap('clean');
      heartbeat({ done: part.jsonlKey });
    }
    deps.log.debug({ bucket: b, ...result, ms }, 'bucket sealed');
    return result;
  };
}
