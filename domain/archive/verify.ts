// Pure checks of the archive invariants (DESIGN §5): every fastpath row indexed exactly once
// (or still staged within the allowed age), every index row pointing at its line, every
// postcan member matching its jsonl line, no uid in two postcans.
import { lineOfPost } from './content-line.ts';
import type { PostMember } from './files.ts';

export interface IndexRow {
  uid: string;
  s3path: string;
  linenum: number;
}

export interface CoverageInput {
  now: Date;
  maxStagedAgeMs: number;
  fastpathUids: Iterable<string>;
  indexedUids: ReadonlySet<string>;
  /** staged rows not sealed yet, with their bucket hour */
  unsealed: ReadonlyMap<string, Date>;
}

export function checkCoverage(c: CoverageInput): string[] {
  const out: string[] = [];
  const inFastpath = new Set<string>();
  for (const uid of c.fastpathUids) {
    inFastpath.add(uid);
    if (!c.indexedUids.has(uid) && !c.unsealed.has(uid)) out.push(`${uid}: fastpath row has no index row and is not staged`);
  }
  for (const [uid, hour] of c.unsealed) {
    // the bucket closes an hour after its start; the seal then has maxStagedAgeMs to run
    const age = c.now.getTime() - hour.getTime() - 3_600_000;
    if (age > c.maxStagedAgeMs) out.push(`${uid}: staged and unsealed ${Math.round(age / 60_000)} min after its hour closed`);
    if (c.indexedUids.has(uid)) out.push(`${uid}: indexed but its staged row is not sealed`);
  }
  for (const uid of c.indexedUids) if (!inFastpath.has(uid)) out.push(`${uid}: index row has no fastpath row`);
  return out;
}

export interface PartFiles {
  jsonlKey: string;
  lines: string[] | null;
  members: PostMember[] | null;
  index: IndexRow[];
}

export function checkPart(p: PartFiles): string[] {
  const out: string[] = [];
  if (!p.lines) out.push(`${p.jsonlKey}: jsonl file is missing`);
  if (!p.members) out.push(`${p.jsonlKey}: postcan is missing`);
  if (!p.lines || !p.members) return out;
  if (p.lines.length !== p.members.length) out.push(`${p.jsonlKey}: ${p.lines.length} lines but ${p.members.length} postcan members`);
  p.members.forEach((m, i) => {
    if (p.lines![i] !== undefined && lineOfPost(m.body).line !== p.lines![i])
      out.push(`${p.jsonlKey}:${i}: postcan member ${m.uid} does not match the line`);
  });
  for (const row of p.index) {
    if (row.linenum >= p.lines.length) out.push(`${row.uid}: index points past the end of ${p.jsonlKey} (line ${row.linenum})`);
    else if (p.members[row.linenum]?.uid !== row.uid)
      out.push(`${row.uid}: line ${row.linenum} of ${p.jsonlKey} holds ${p.members[row.linenum]?.uid ?? 'nothing'}`);
  }
  return out;
}

/** uids found in more than one postcan member. */
export function checkDuplicateMembers(memberCounts: ReadonlyMap<string, number>): string[] {
  return [...memberCounts].filter(([, n]) => n > 1).map(([uid, n]) => `${uid}: in ${n} postcan members`);
}
