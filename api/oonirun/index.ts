// createOonirunRoutes: OONI Run v2. The link routes count against the query quota like the other
// researcher-facing routes; the probe's engine descriptor is exempt, like every probe route.
import { Hono } from 'hono';
import type { ApiDeps } from '../deps.ts';
import type { UrlQuery, TestListUrl } from '../probe/options.ts';
import { queryRateLimiter } from '../query/index.ts';
import type { RateLimitOptions } from '../query/rate-limit.ts';
import { createEngineDescriptorRoutes } from './engine-descriptor.ts';
import { createLinkRoutes } from './links.ts';

export interface OonirunRoutesOptions {
  /** the URL prioritisation (api/probe/url-priorities.ts) */
  urls: (q: UrlQuery) => Promise<TestListUrl[]>;
  rateLimit?: RateLimitOptions | false;
}

const ENGINE_DESCRIPTOR = /^\/api\/v2\/oonirun\/links\/[^/]+\/engine-descriptor\/[^/]+$/;

export function createOonirunRoutes(deps: ApiDeps, options: OonirunRoutesOptions): Hono {
  const app = new Hono();
  if (options.rateLimit !== false) {
    const limiter = queryRateLimiter(deps, options.rateLimit);
    app.use('/api/v2/oonirun/*', (c, next) => (ENGINE_DESCRIPTOR.test(c.req.path) ? next() : limiter(c, next)));
  }
  app.route('/', createLinkRoutes(deps));
  app.route('/', createEngineDescriptorRoutes(deps, options.urls));
  return app;
}
