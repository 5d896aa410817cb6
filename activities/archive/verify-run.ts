// Gathers what archive/verify.ts checks from PostgreSQL and S3, one part at a time.
import { isNull, ne } from 'drizzle-orm';
import { archiveParts, fastpath, jsonl, staged } from '../../drizzle/schema.ts';
import type { Database } from '../../lib/db.ts';
import type { ObjectStore } from '../../lib/s3.ts';
import { readJsonl, readPostcan } from '../../domain/archive/files.ts';
import { postcanKeyOf } from '../../domain/s3-keys.ts';
import { checkCoverage, checkDuplicateMembers, checkPart, type IndexRow } from '../../domain/archive/verify.ts';

export interface VerifyReport {
  counts: { fastpath: number; indexed: number; unsealed: number; files: number; members: number };
  mismatches: string[];
}

export async function verifyArchive(deps: { db: Database; store: ObjectStore }, opts: { now: Date; maxStagedAgeMs: number }): Promise<VerifyReport> {
  const fastpathUids = (await deps.db.select({ uid: fastpath.measurementUid }).from(fastpath)).map((r) => r.uid);
  const index = await deps.db.select({ uid: jsonl.measurementUid, s3path: jsonl.s3path, linenum: jsonl.linenum }).from(jsonl);
  const unsealedRows = await deps.db.select({ uid: staged.measurementUid, hour: staged.bucketHour }).from(staged).where(isNull(staged.sealedAt));
  const sealedParts = await deps.db.select({ key: archiveParts.jsonlKey }).from(archiveParts).where(ne(archiveParts.state, 'planned'));

  const byFile = new Map<string, IndexRow[]>();
  for (const row of index) {
    const rows = byFile.get(row.s3path);
    if (rows) rows.push(row);
    else byFile.set(row.s3path, [row]);
  }
  for (const p of sealedParts) if (!byFile.has(p.key)) byFile.set(p.key, []);

  const mismatches = checkCoverage({
    now: opts.now,
    maxStagedAgeMs: opts.maxStagedAgeMs,
    fastpathUids,
    indexedUids: new Set(index.map((r) => r.uid)),
    unsealed: new Map(unsealedRows.map((r) => [r.uid, r.hour])),
  });
  const memberCounts = new Map<string, number>();
  let members = 0;
  for (const [key, rows] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [jsonlGz, postcanGz] = await Promise.all([deps.store.get(key), deps.store.get(postcanKeyOf(key))]);
    const postMembers = postcanGz ? await readPostcan(postcanGz) : null;
    for (const m of postMembers ?? []) memberCounts.set(m.uid, (memberCounts.get(m.uid) ?? 0) + 1);
    members += postMembers?.length ?? 0;
    mismatches.push(...checkPart({ jsonlKey: key, lines: jsonlGz ? readJsonl(jsonlGz) : null, members: postMembers, index: rows }));
  }
  mismatches.push(...checkDuplicateMembers(memberCounts));
  return {
    counts: { fastpath: fastpathUids.length, indexed: index.length, unsealed: unsealedRows.length, files: byFile.size, members },
    mismatches,
  };
}

/** A bucket may wait for its first seal after closing, plus one missed run. */
export const maxStagedAgeMs = (sealIntervalMinutes: number) => (2 * sealIntervalMinutes + 15) * 60_000;
