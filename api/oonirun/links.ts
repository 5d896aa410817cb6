// OONI Run v2 links (ooni/spec backends/bk-005-ooni-run-v2.md; OONI's oonirun service):
//   POST /api/v2/oonirun/links                              create (role user or admin)
//   PUT  /api/v2/oonirun/links/{id}                         edit: the owner or an admin; new revision iff nettests change
//   GET  /api/v2/oonirun/links[?is_mine=&is_expired=]       list (expired ones only with is_expired)
//   GET  /api/v2/oonirun/links/{id}                         latest revision
//   GET  /api/v2/oonirun/links/{id}/revisions               {"revisions": ["3", "2", "1"]}
//   GET  /api/v2/oonirun/links/{id}/full-descriptor/{rev}   one revision, or `latest`
import { Hono, type Context } from 'hono';
import { defaultExpiration, toSeconds } from '../../domain/oonirun/expiration.ts';
import { requireRole, sessionOf } from '../auth/session.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { parseQuery } from '../query/params.ts';
import { parseBody } from './body.ts';
import { editLink, findLink, insertLink, listLinks, parseLinkId, revisionNumbers, revisionOf, type LinkFields } from './link-store.ts';
import { linkJson } from './render.ts';
import { linkBodySchema, listLinksQuery, type LinkBody } from './schemas.ts';
import { parseRevision } from './revision-param.ts';

export const linkNotFound = () => new ApiError('oonirun_link_not_found', 'OONI Run link not found');

function fieldsOf(body: LinkBody, now: Date): LinkFields {
  return {
    name: body.name,
    nameIntl: body.name_intl,
    shortDescription: body.short_description,
    shortDescriptionIntl: body.short_description_intl,
    description: body.description,
    descriptionIntl: body.description_intl,
    author: body.author,
    icon: body.icon,
    color: body.color,
    expirationDate: body.expiration_date ?? defaultExpiration(now),
  };
}

export function createLinkRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const now = () => toSeconds(deps.clock());
  const accountIdOf = (c: Context) => sessionOf(c)?.accountId;

  app.post('/api/v2/oonirun/links', async (c) => {
    const session = requireRole(c, 'user', 'admin');
    const body = await parseBody(c, linkBodySchema, 'oonirun_invalid_link');
    const t = now();
    const link = await insertLink(deps.db, session.accountId, fieldsOf(body, t), body.nettests, t);
    return c.json(linkJson({ link, nettests: body.nettests, revision: 1, dateCreated: link.dateCreated, accountId: session.accountId, now: t }));
  });

  app.put('/api/v2/oonirun/links/:id', async (c) => {
    const session = requireRole(c, 'user', 'admin');
    const body = await parseBody(c, linkBodySchema, 'oonirun_invalid_link');
    const id = parseLinkId(c.req.param('id'));
    if (id === undefined) throw linkNotFound();
    const t = now();
    const outcome = await editLink(deps.db, id, session, fieldsOf(body, t), body.nettests, t);
    if (!outcome.ok) {
      if (outcome.problem === 'expired') throw new ApiError('oonirun_link_expired', 'OONI Run link has expired and cannot be edited');
      throw linkNotFound();
    }
    const { link, nettests } = outcome;
    return c.json(linkJson({ link, nettests, revision: link.revision, dateCreated: link.dateCreated, accountId: session.accountId, now: t }));
  });

  app.get('/api/v2/oonirun/links', async (c) => {
    const q = parseQuery(listLinksQuery, c.req.query());
    const accountId = accountIdOf(c);
    const t = now();
    // is_mine without a session: nobody's links (OONI compares with a null account)
    if (q.is_mine && accountId === undefined) return c.json({ oonirun_links: [] });
    const rows = await listLinks(deps.db, { now: t, includeExpired: q.is_expired === true, ...(q.is_mine ? { creatorAccountId: accountId } : {}) });
    const oonirun_links = rows.map(({ link, nettests }) =>
      linkJson({ link, nettests, revision: link.revision, dateCreated: link.dateCreated, accountId, now: t }),
    );
    return c.json({ oonirun_links });
  });

  /** One revision of a link as OONI shows it to anyone: dated by that revision's creation. */
  async function linkAt(c: Context, rawId: string, rawRevision: string) {
    const wanted = parseRevision(rawRevision);
    const id = parseLinkId(rawId);
    const link = id === undefined ? undefined : await findLink(deps.db, id);
    if (!link) throw linkNotFound();
    const rev = await revisionOf(deps.db, link.oonirunLinkId, wanted === 'latest' ? link.revision : wanted);
    if (!rev) throw new ApiError('oonirun_revision_not_found', 'OONI Run link revision not found');
    return c.json(
      linkJson({ link, nettests: rev.nettests, revision: rev.revision, dateCreated: rev.dateCreated, accountId: accountIdOf(c), now: now() }),
    );
  }

  app.get('/api/v2/oonirun/links/:id', (c) => linkAt(c, c.req.param('id'), 'latest'));
  app.get('/api/v2/oonirun/links/:id/full-descriptor/:revision', (c) => linkAt(c, c.req.param('id'), c.req.param('revision')));

  app.get('/api/v2/oonirun/links/:id/revisions', async (c) => {
    const id = parseLinkId(c.req.param('id'));
    const revisions = id === undefined ? [] : await revisionNumbers(deps.db, id);
    if (revisions.length === 0) throw linkNotFound();
    return c.json({ revisions: revisions.map(String) });
  });
  return app;
}
