// PostgreSQL side of OONI Run links: a link row (metadata, latest revision) and its nettests per
// revision. An edit locks the link row, so concurrent edits queue instead of racing for a revision.
import { and, asc, desc, eq, gte, inArray } from 'drizzle-orm';
import type { Database } from '../../lib/db.ts';
import type { Session } from '../auth/session.ts';
import { oonirunLinks, oonirunNettests } from '../../drizzle/schema.ts';
import type { Nettest } from '../../domain/oonirun/nettest.ts';
import { revisionAfterEdit } from '../../domain/oonirun/revision.ts';
import { isExpired } from '../../domain/oonirun/expiration.ts';

export type LinkRecord = typeof oonirunLinks.$inferSelect;

/** The metadata a create or an edit sets (everything but ids, owner, revision and dates). */
export type LinkFields = Pick<
  LinkRecord,
  | 'name'
  | 'nameIntl'
  | 'shortDescription'
  | 'shortDescriptionIntl'
  | 'description'
  | 'descriptionIntl'
  | 'author'
  | 'icon'
  | 'color'
  | 'expirationDate'
>;

export interface Revision {
  revision: number;
  dateCreated: Date;
  nettests: Nettest[];
}

type NettestRow = typeof oonirunNettests.$inferSelect;

const nettestOf = (r: NettestRow): Nettest => ({
  test_name: r.testName,
  inputs: r.inputs,
  inputs_extra: r.inputsExtra,
  options: r.options,
  is_background_run_enabled_default: r.isBackgroundRunEnabledDefault,
  is_manual_run_enabled_default: r.isManualRunEnabledDefault,
  targets_name: r.targetsName,
});

const nettestRows = (linkId: number, revision: number, nettests: Nettest[], now: Date) =>
  nettests.map((nt, i) => ({
    oonirunLinkId: linkId,
    revision,
    nettestIndex: i,
    dateCreated: now,
    testName: nt.test_name,
    inputs: nt.inputs,
    inputsExtra: nt.inputs_extra,
    options: nt.options,
    targetsName: nt.targets_name,
    isBackgroundRunEnabledDefault: nt.is_background_run_enabled_default,
    isManualRunEnabledDefault: nt.is_manual_run_enabled_default,
  }));

/** Link ids are decimal numbers; anything else names no link (and never reaches SQL as a bigint). */
export const parseLinkId = (raw: string): number | undefined => (/^\d{1,15}$/.test(raw) ? Number(raw) : undefined);

export async function insertLink(db: Database, creatorAccountId: string, fields: LinkFields, nettests: Nettest[], now: Date): Promise<LinkRecord> {
  return db.transaction(async (tx) => {
    const [link] = await tx
      .insert(oonirunLinks)
      .values({ ...fields, creatorAccountId, revision: 1, dateCreated: now, dateUpdated: now })
      .returning();
    await tx.insert(oonirunNettests).values(nettestRows(link!.oonirunLinkId, 1, nettests, now));
    return link!;
  });
}

export async function findLink(db: Database, id: number): Promise<LinkRecord | undefined> {
  const [link] = await db.select().from(oonirunLinks).where(eq(oonirunLinks.oonirunLinkId, id));
  return link;
}

/** The nettests of one revision, or undefined when the link has no such revision. */
export async function revisionOf(db: Database, id: number, revision: number): Promise<Revision | undefined> {
  const rows = await db
    .select()
    .from(oonirunNettests)
    .where(and(eq(oonirunNettests.oonirunLinkId, id), eq(oonirunNettests.revision, revision)))
    .orderBy(asc(oonirunNettests.nettestIndex));
  if (rows.length === 0) return undefined;
  return { revision, dateCreated: rows[0]!.dateCreated, nettests: rows.map(nettestOf) };
}

/** Every revision number of a link, newest first. */
export async function revisionNumbers(db: Database, id: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ revision: oonirunNettests.revision })
    .from(oonirunNettests)
    .where(eq(oonirunNettests.oonirunLinkId, id))
    .orderBy(desc(oonirunNettests.revision));
  return rows.map((r) => r.revision);
}

export type EditOutcome = { ok: true; link: LinkRecord; nettests: Nettest[] } | { ok: false; problem: 'not_found' | 'expired' };

/**
 * An edit as OONI makes it: a user edits only their own links (another's is "not found"), an admin
 * any; an expired link is not editable; the nettests get a new revision only if they changed.
 */
export async function editLink(db: Database, id: number, editor: Session, fields: LinkFields, nettests: Nettest[], now: Date): Promise<EditOutcome> {
  return db.transaction(async (tx) => {
    const owner = editor.role === 'admin' ? [] : [eq(oonirunLinks.creatorAccountId, editor.accountId)];
    const [link] = await tx
      .select()
      .from(oonirunLinks)
      .where(and(eq(oonirunLinks.oonirunLinkId, id), ...owner))
      .for('update');
    if (!link) return { ok: false, problem: 'not_found' };
    if (isExpired(link.expirationDate, now)) return { ok: false, problem: 'expired' };
    const latest = await tx
      .select()
      .from(oonirunNettests)
      .where(and(eq(oonirunNettests.oonirunLinkId, id), eq(oonirunNettests.revision, link.revision)))
      .orderBy(asc(oonirunNettests.nettestIndex));
    const revision = revisionAfterEdit(link.revision, latest.map(nettestOf), nettests);
    if (revision !== link.revision) await tx.insert(oonirunNettests).values(nettestRows(id, revision, nettests, now));
    const [updated] = await tx
      .update(oonirunLinks)
      .set({ ...fields, revision, dateUpdated: now })
      .where(eq(oonirunLinks.oonirunLinkId, id))
      .returning();
    return { ok: true, link: updated!, nettests };
  });
}

/** Links (oldest first) with their latest nettests; expired ones only when asked, one creator's when given. */
export async function listLinks(
  db: Database,
  opts: { now: Date; includeExpired: boolean; creatorAccountId?: string },
): Promise<{ link: LinkRecord; nettests: Nettest[] }[]> {
  const conds = [];
  if (!opts.includeExpired) conds.push(gte(oonirunLinks.expirationDate, opts.now));
  if (opts.creatorAccountId !== undefined) conds.push(eq(oonirunLinks.creatorAccountId, opts.creatorAccountId));
  const links = await db
    .select()
    .from(oonirunLinks)
    .where(and(...conds))
    .orderBy(asc(oonirunLinks.oonirunLinkId));
  if (links.length === 0) return [];
  // the latest revision's nettests of each listed link
  const rows = await db
    .select({ n: oonirunNettests })
    .from(oonirunNettests)
    .innerJoin(oonirunLinks, and(eq(oonirunLinks.oonirunLinkId, oonirunNettests.oonirunLinkId), eq(oonirunLinks.revision, oonirunNettests.revision)))
    .where(
      inArray(
        oonirunNettests.oonirunLinkId,
        links.map((l) => l.oonirunLinkId),
      ),
    )
    .orderBy(asc(oonirunNettests.oonirunLinkId), asc(oonirunNettests.nettestIndex));
  const byLink = new Map<number, Nettest[]>();
  for (const { n } of rows) byLink.set(n.oonirunLinkId, [...(byLink.get(n.oonirunLinkId) ?? []), nettestOf(n)]);
  return links.map((link) => ({
    link,
    nettests: byLink.get(link.oonirunLinkId) ?? [],
  }));
}
