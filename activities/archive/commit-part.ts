// One transaction: index rows, staged rows sealed, part committed. Only after it may the
// incoming objects go (cleanPart).
import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { archiveMembers, archiveParts, jsonl, staged } from '../../drizzle/schema.ts';
import type { ActivityDeps } from '../deps.ts';

export async function commitPart(deps: Pick<ActivityDeps, 'db'>, jsonlKey: string, emptyLines: string[]): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const [part] = await tx.select({ state: archiveParts.state }).from(archiveParts).where(eq(archiveParts.jsonlKey, jsonlKey)).for('update');
    if (part?.state !== 'planned') return false;
    const memberUids = tx.select({ uid: archiveMembers.measurementUid }).from(archiveMembers).where(eq(archiveMembers.jsonlKey, jsonlKey));
    await tx.execute(sql`
      insert into ${jsonl} (measurement_uid, report_id, input, s3path, linenum)
      select m.measurement_uid, s.report_id, s.input, m.jsonl_key, m.linenum
      from ${archiveMembers} m join ${staged} s on s.measurement_uid = m.measurement_uid
      where m.jsonl_key = ${jsonlKey}
        and m.measurement_uid <> all(${sql.param(emptyLines)}::text[])
      on conflict do nothing`);
    await tx
      .update(staged)
      .set({ sealedAt: new Date() })
      .where(and(inArray(staged.measurementUid, memberUids), isNull(staged.sealedAt)));
    await tx.update(archiveParts).set({ state: 'committed', committedAt: new Date() }).where(eq(archiveParts.jsonlKey, jsonlKey));
    return true;
  });
}

/** Deletes the incoming objects of a committed part, then marks it done. */
export async function cleanPart(deps: Pick<ActivityDeps, 'db' | 'store'>, jsonlKey: string): Promise<void> {
  const members = await deps.db.select({ key: archiveMembers.objectKey }).from(archiveMembers).where(eq(archiveMembers.jsonlKey, jsonlKey));
  await deps.store.deleteMany(members.map((m) => m.key));
  await deps.db.update(archiveParts).set({ state: 'done' }).where(and(eq(archiveParts.jsonlKey, jsonlKey), eq(archiveParts.state, 'committed')));
}

export const _unused = notInArray;
