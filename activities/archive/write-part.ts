// Builds a planned part from its incoming objects and uploads both files. Safe to repeat while
// the part is uncommitted: the same members give the same bytes under the same keys.
import { heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { asc, eq } from 'drizzle-orm';
import { archiveMembers } from '../../drizzle/schema.ts';
import { lineOfPost } from '../../domain/archive/content-line.ts';
import { buildJsonl, buildPostcan } from '../../domain/archive/files.ts';
import { parseHour } from '../../domain/archive/bucket.ts';
import type { ActivityDeps } from '../deps.ts';
import { mapLimit } from '../../domain/archive/map-limit.ts';

export interface PlannedPart {
  jsonlKey: string;
  postcanKey: string;
  hour: string;
}

/** Uploads the part; returns the uids whose line is `{}` (no measurement, no index row). */
export async function writePart(deps: Pick<ActivityDeps, 'db' | 'store'>, part: PlannedPart): Promise<{ members: number; emptyLines: string[] }> {
  const members = await deps.db
    .select({ uid: archiveMembers.measurementUid, objectKey: archiveMembers.objectKey, linenum: archiveMembers.linenum })
    .from(archiveMembers)
    .where(eq(archiveMembers.jsonlKey, part.jsonlKey))
    .orderBy(asc(archiveMembers.linenum));
  let fetched = 0;
  const bodies = await mapLimit(members, 16, async (m) => {
    const body = await deps.store.get(m.objectKey);
    if (!body) {
      throw ApplicationFailure.create({
        type: 'ArchiveObjectMissing',
        message: `${m.objectKey} is gone but ${part.jsonlKey} is not committed`,
        nonRetryable: true,
      });
    }
    if (++fetched % 500 === 0) heartbeat({ part: part.jsonlKey, fetched });
    return { uid: m.uid, body };
  });
  const lines = bodies.map((b) => lineOfPost(b.body));
  const postcan = await buildPostcan(bodies, parseHour(part.hour)!);
  const jsonl = buildJsonl(lines.map((l) => l.line));
  await deps.store.put(part.postcanKey, postcan, 'application/gzip');
  await deps.store.put(part.jsonlKey, jsonl, 'application/gzip');
  heartbeat({ part: part.jsonlKey, uploaded: members.length });
  return { members: members.length, emptyLines: bodies.filter((_, i) => !lines[i]!.ok).map((b) => b.uid) };
}
