// POST /api/v2/oonirun/links/{id}/engine-descriptor/{revision|latest}: what a probe runs. The body
// says how and where it runs; nettests with targets_name `websites_list_prioritized` get their
// inputs (and inputs_extra: category_code, country_code) from the same URL prioritisation as
// check-in. Probes call it, so it is not rate limited (like the other probe routes).
import { Hono } from 'hono';
import { isKnownTargetsName, prioritisedUrlLimit } from '../../domain/oonirun/dynamic-targets.ts';
import type { Nettest } from '../../domain/oonirun/nettest.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import type { TestListUrl, UrlQuery } from '../probe/options.ts';
import { parseBody } from './body.ts';
import { findLink, parseLinkId, revisionOf } from './link-store.ts';
import { linkNotFound } from './links.ts';
import { oonirunDate } from './render.ts';
import { parseRevision } from './revision-param.ts';
import { ENGINE_USER_AGENT, runMetaSchema, type RunMeta } from './schemas.ts';

type UrlSource = (q: UrlQuery) => Promise<TestListUrl[]>;

async function withDynamicTargets(nt: Nettest, meta: RunMeta, urls: UrlSource): Promise<Nettest> {
  if (nt.targets_name === null) return nt;
  if (!isKnownTargetsName(nt.targets_name)) {
    throw new ApiError('oonirun_unknown_targets_name', `Unknown target name: ${nt.targets_name}`);
  }
  const list = await urls({
    probeCc: meta.probe_cc.toUpperCase(),
    probeAsn: `AS${meta.probe_asn.replace(/^AS/, '')}`,
    categoryCodes: meta.website_category_codes,
    limit: prioritisedUrlLimit(meta),
  });
  return {
    ...nt,
    inputs: list.map((u) => u.url),
    inputs_extra: list.map((u) => ({ category_code: u.category_code, country_code: u.country_code })),
  };
}

export function createEngineDescriptorRoutes(deps: ApiDeps, urls: UrlSource): Hono {
  const app = new Hono();
  app.post('/api/v2/oonirun/links/:id/engine-descriptor/:revision', async (c) => {
    const wanted = parseRevision(c.req.param('revision'));
    const meta = await parseBody(c, runMetaSchema, 'oonirun_invalid_meta');
    // OONI's header is named `UserAgent` (FastAPI's spelling of its `useragent` parameter)
    const ua = c.req.header('UserAgent');
    if (ua !== undefined && !ENGINE_USER_AGENT.test(ua)) {
      throw new ApiError(
        'oonirun_invalid_user_agent',
        'Expected format: <software_name>,<software_version>,<platform>,<engine_name>,<engine_version>,<engine_version_full>',
      );
    }
    const id = parseLinkId(c.req.param('id'));
    const link = id === undefined ? undefined : await findLink(deps.db, id);
    if (!link) throw linkNotFound();
    const rev = await revisionOf(deps.db, link.oonirunLinkId, wanted === 'latest' ? link.revision : wanted);
    if (!rev) throw new ApiError('oonirun_revision_not_found', 'OONI Run link revision not found');
    const nettests: Nettest[] = [];
    for (const nt of rev.nettests) nettests.push(await withDynamicTargets(nt, meta, urls));
    return c.json({ revision: String(rev.revision), nettests, date_created: oonirunDate(rev.dateCreated) }, 200, {
      Vary: 'X-OONI-Credentials',
    });
  });
  return app;
}
