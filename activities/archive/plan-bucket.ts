// Fixes the membership of a bucket's new parts in PostgreSQL before anything is uploaded.
// Under a per-bucket advisory lock, so two seals of the same bucket cannot both plan part N.
import { and, eq, isNull, max, sql } from 'drizzle-orm';
import { archiveMembers, archiveParts, staged } from '../../drizzle/schema.ts';
import { parseHour } from '../../domain/archive/bucket.ts';
import { bucketPartsPrefix, parsePartKey, partKeys } from '../../domain/s3-keys.ts';
import { planParts } from '../../domain/archive/plan.ts';
import type { ActivityDeps } from '../deps.ts';
import type { SealBucketInput } from './types.ts';

function unassignedRows(deps: Pick<ActivityDeps, 'db'>, b: SealBucketInput, bucketHour: Date) {
  return deps.db
    .select({ uid: staged.measurementUid, objectKey: staged.objectKey })
    .from(staged)
    .leftJoin(archiveMembers, eq(archiveMembers.measurementUid, staged.measurementUid))
    .where(
      and(
        eq(staged.bucketHour, bucketHour),
        eq(staged.probeCc, b.cc),
        sql`replace(${staged.testName}, '_', '') = ${b.testName}`,
        isNull(staged.sealedAt),
        isNull(archiveMembers.measurementUid),
      ),
    );
}

/** Sizes of the incoming objects under the folders of `keys` (one listing per folder). */
async function objectSizes(deps: Pick<ActivityDeps, 'store'>, keys: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const folders = new Set(keys.map((k) => k.slice(0, k.lastIndexOf('/') + 1)));
  for (const folder of folders) {
    for await (const o of deps.store.list(folder)) if (o.Key) sizes.set(o.Key, o.Size ?? 0);
  }
  return sizes;
}

/** Highest part number already on S3 for the bucket: never reuse a key, even one the database forgot. */
async function lastPartOnS3(deps: Pick<ActivityDeps, 'store'>, b: SealBucketInput): Promise<number> {
  let last = -1;
  for await (const o of deps.store.list(bucketPartsPrefix(b))) {
    const part = o.Key ? parsePartKey(o.Key)?.part : undefined;
    if (part !== undefined && part > last) last = part;
  }
  return last;
}

/** Plans parts for the bucket's unassigned staged rows; returns how many had no object. */
export async function planBucket(deps: Pick<ActivityDeps, 'db' | 'store'>, b: SealBucketInput): Promise<{ missing: number }> {
  const bucketHour = parseHour(b.hour)!;
  const candidates = await unassignedRows(deps, b, bucketHour);
  if (candidates.length === 0) return { missing: 0 };
  const sizes = await objectSizes(
    deps,
    candidates.map((c) => c.objectKey),
  );
  const lastOnS3 = await lastPartOnS3(deps, b);
  let missing = 0;
  await deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`archive:${b.hour}:${b.cc}:${b.testName}`}))`);
    const rows = await unassignedRows({ db: tx as unknown as ActivityDeps['db'] }, b, bucketHour);
    const present = rows.flatMap((r) => {
      const size = sizes.get(r.objectKey);
      return size === undefined ? [] : [{ ...r, size }];
    });
    missing = rows.length - present.length;
    if (present.length === 0) return;
    const [last] = await tx
      .select({ part: max(archiveParts.part) })
      .from(archiveParts)
      .where(and(eq(archiveParts.bucketHour, bucketHour), eq(archiveParts.probeCc, b.cc), eq(archiveParts.testName, b.testName)));
    const first = Math.max(last?.part ?? -1, lastOnS3) + 1;
    const parts = planParts(present, b.partBytes);
    for (const [i, members] of parts.entries()) {
      const part = first + i;
      const keys = partKeys({ ...b, part });
      await tx.insert(archiveParts).values({
        ...keys,
        bucketHour,
        probeCc: b.cc,
        testName: b.testName,
        part,
        members: members.length,
      });
      for (let j = 0; j < members.length; j += 1000) {
        await tx
          .insert(archiveMembers)
          .values(
            members.slice(j, j + 1000).map((m, k) => ({ measurementUid: m.uid, jsonlKey: keys.jsonlKey, linenum: j + k, objectKey: m.objectKey })),
          );
      }
    }
  });
  return { missing };
}
