// The findings table, read and written for the incidents routes. Times are read back with
// to_char so that they come out exactly as stored (microseconds; domain/findings/time.ts).
import { randomBytes } from 'node:crypto';
import { and, arrayOverlaps, asc, eq, sql, type SQL } from 'drizzle-orm';
import { findings } from '../../drizzle/schema.ts';
import { findingId } from '../../domain/findings/finding-id.ts';
import type { FindingBody } from '../../domain/findings/finding-body.ts';
import type { StoredFinding } from '../../domain/findings/render.ts';
import { findingSlug, slugCandidate } from '../../domain/findings/slug.ts';
import { findingNow } from '../../domain/findings/time.ts';
import type { Database } from '../../lib/db.ts';

const iso = (column: typeof findings.createTime | typeof findings.endTime) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const listColumns = {
  id: findings.findingId,
  slug: findings.findingSlug,
  createTime: iso(findings.createTime),
  updateTime: iso(findings.updateTime),
  startTime: iso(findings.startTime),
  endTime: sql<string | null>`${iso(findings.endTime)}`,
  creatorAccountId: findings.creatorAccountId,
  title: findings.title,
  shortDescription: findings.shortDescription,
  reportedBy: findings.reportedBy,
  emailAddress: findings.emailAddress,
  eventType: findings.eventType,
  published: findings.published,
  countryCodes: findings.countryCodes,
  asns: findings.asns,
  domains: findings.domains,
  themes: findings.themes,
  tags: findings.tags,
  links: findings.links,
  testNames: findings.testNames,
};

export interface FindingSearch {
  /** only findings this account created (no account: none) */
  onlyMineOf?: string | null | undefined;
  publishedOnly: boolean;
  themes?: string[] | undefined;
  countryCodes?: string[] | undefined;
  asns?: number[] | undefined;
  domains?: string[] | undefined;
}

/** Each filter matches a finding holding any of its values (OR); the filters together AND. */
export async function searchFindings(db: Database, q: FindingSearch): Promise<Omit<StoredFinding, 'text'>[]> {
  const where: (SQL | undefined)[] = [];
  if (q.onlyMineOf !== undefined) where.push(q.onlyMineOf === null ? sql`false` : eq(findings.creatorAccountId, q.onlyMineOf));
  if (q.publishedOnly) where.push(eq(findings.published, true));
  if (q.themes) where.push(arrayOverlaps(findings.themes, q.themes));
  if (q.countryCodes) where.push(arrayOverlaps(findings.countryCodes, q.countryCodes));
  if (q.asns) where.push(arrayOverlaps(findings.asns, q.asns));
  if (q.domains) where.push(arrayOverlaps(findings.domains, q.domains));
  return db
    .select(listColumns)
    .from(findings)
    .where(and(...where))
    .orderBy(asc(findings.title), asc(findings.findingId));
}

/** By id when `byId`, else by slug; unpublished ones only when `publishedOnly` is false. */
export async function findFinding(db: Database, key: string, byId: boolean, publishedOnly: boolean): Promise<StoredFinding | undefined> {
  const [row] = await db
    .select({ ...listColumns, text: findings.text })
    .from(findings)
    .where(and(byId ? eq(findings.findingId, key) : eq(findings.findingSlug, key), publishedOnly ? eq(findings.published, true) : undefined));
  return row;
}

const contentOf = (b: FindingBody) => ({
  startTime: b.start_time.iso,
  endTime: b.end_time?.iso ?? null,
  title: b.title,
  shortDescription: b.short_description,
  text: b.text,
  reportedBy: b.reported_by,
  emailAddress: b.email_address,
  eventType: b.event_type,
  published: b.published,
  countryCodes: b.CCs,
  asns: b.ASNs,
  domains: b.domains,
  themes: b.themes,
  tags: b.tags,
  links: b.links,
  testNames: b.test_names,
});

const UNIQUE_VIOLATION = '23505';
const constraintOf = (err: unknown): string | undefined => {
  const e = (err as { cause?: unknown }).cause ?? err;
  const pg = e as { code?: string; constraint_name?: string };
  return pg.code === UNIQUE_VIOLATION ? (pg.constraint_name ?? '') : undefined;
};

export type CreateResult = { ok: true; id: string } | { ok: false; problem: 'slug_taken' };

/**
 * Inserts a new finding. A random id that is taken is drawn again; a generated slug that is taken
 * becomes `-2`, `-3`, … (the unique index decides, so concurrent creates never share one); a
 * chosen slug that is taken is refused.
 */
export async function createFinding(db: Database, b: FindingBody, creatorAccountId: string, now: Date, collectorId: number): Promise<CreateResult> {
  const created = findingNow(now).iso;
  const chosen = b.slug ?? null;
  const base = chosen ?? findingSlug(now, b.title);
  let n = chosen === null ? await firstFreeCandidate(db, base) : 1;
  for (let attempt = 0; attempt < 20; attempt++) {
    const id = findingId(randomBytes(4).readUInt32LE(0), collectorId);
    try {
      await db.insert(findings).values({
        findingId: id,
        findingSlug: slugCandidate(base, n),
        createTime: created,
        updateTime: created,
        creatorAccountId,
        ...contentOf(b),
      });
      return { ok: true, id };
    } catch (err) {
      const constraint = constraintOf(err);
      if (constraint === undefined) throw err;
      if (constraint === 'findings_slug_idx') {
        if (chosen !== null) return { ok: false, problem: 'slug_taken' };
        n++;
      }
    }
  }
  throw new Error('no free finding id or slug after 20 attempts');
}

/** The first `n` whose candidate slug no finding has (a hint: the insert's unique index decides). */
async function firstFreeCandidate(db: Database, base: string): Promise<number> {
  const taken = new Set(
    (
      await db
        .select({ slug: findings.findingSlug })
        .from(findings)
        .where(sql`${findings.findingSlug} like ${`${base.slice(0, 40).replace(/[\\%_]/g, '\\$&')}%`}`)
    ).map((r) => r.slug),
  );
  let n = 1;
  while (taken.has(slugCandidate(base, n))) n++;
  return n;
}

/** Replaces a finding's content (not its slug, creator or create time); false when no finding matched. */
export async function updateFinding(db: Database, id: string, ownerFilter: string | null, b: FindingBody, now: Date): Promise<boolean> {
  const rows = await db
    .update(findings)
    .set({ ...contentOf(b), updateTime: findingNow(now).iso })
    .where(and(eq(findings.findingId, id), ownerFilter === null ? undefined : eq(findings.creatorAccountId, ownerFilter)))
    .returning({ id: findings.findingId });
  return rows.length > 0;
}

export async function deleteFinding(db: Database, id: string, ownerFilter: string | null): Promise<boolean> {
  const rows = await db
    .delete(findings)
    .where(and(eq(findings.findingId, id), ownerFilter === null ? undefined : eq(findings.creatorAccountId, ownerFilter)))
    .returning({ id: findings.findingId });
  return rows.length > 0;
}

/** publish/unpublish; leaves update_time as it was (as upstream). */
export async function setPublished(db: Database, id: string, published: boolean): Promise<boolean> {
  const rows = await db.update(findings).set({ published }).where(eq(findings.findingId, id)).returning({ id: findings.findingId });
  return rows.length > 0;
}
