// One transaction: index rows, staged rows sealed, part committed. Only after it may the
// incoming objects go (cleanPart).
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { archiveMembers, archiveParts, jsonl, staged } from '../../drizzle/schema.ts';
import type { ActivityDeps } from '../deps.ts';

const CHUNK = 1000;

export async function commitPart(deps: Pick<ActivityDeps, 'db'>, jsonlKey: string, emptyLines: string[]): Promise<boolean> {
  const skip = new Set(emptyLines);
  return deps.db.transaction(async (tx) => {
    const [part] = await tx.select({ state: archiveParts.state }).from(archiveParts).where(eq(archiveParts.jsonlKey, jsonlKey)).for('update');
    if (part?.state !== 'planned') return false;
    const rows = await tx
      .select({ measurementUid: archiveMembers.measurementUid, linenum: archiveMembers.linenum, reportId: staged.reportId, input: staged.input })
      .from(archiveMembers)
      .innerJoin(staged, eq(staged.measurementUid, archiveMembers.measurementUid))
      .where(eq(archiveMembers.jsonlKey, jsonlKey))
      .orderBy(asc(archiveMembers.linenum));
    const index = rows.filter((r) => !skip.has(r.measurementUid)).map((r) => ({ ...r, s3path: jsonlKey }));
    for (let i = 0; i < index.length; i += CHUNK) {
      await tx
        .insert(jsonl)
        .values(index.slice(i, i + CHUNK))
        .onConflictDoNothing();
    }
    const uids = rows.map((r) => r.measurementUid);
    for (let i = 0; i < uids.length; i += CHUNK) {
      await tx
        .update(staged)
        .set({ sealedAt: new Date() })
        .where(and(inArray(staged.measurementUid, uids.slice(i, i + CHUNK)), isNull(staged.sealedAt)));
    }
    await tx.update(archiveParts).set({ state: 'committed', committedAt: new Date() }).where(eq(archiveParts.jsonlKey, jsonlKey));
    return true;
  });
}

/** Deletes the incoming objects of a committed part, then marks it done. */
export async function cleanPart(deps: Pick<ActivityDeps, 'db' | 'store'>, jsonlKey: string): Promise<void> {
  const members = await deps.db.select({ key: archiveMembers.objectKey }).from(archiveMembers).where(eq(archiveMembers.jsonlKey, jsonlKey));
  await deps.store.deleteMany(members.map((m) => m.key));
  await deps.db
    .update(archiveParts)
    .set({ state: 'done' })
    .where(and(eq(archiveParts.jsonlKey, jsonlKey), eq(archiveParts.state, 'committed')));
}
