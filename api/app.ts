// createApp(deps): the whole HTTP API as one Hono app; one file per resource.
import { Hono } from 'hono';
import { createAuthRoutes } from './auth/index.ts';
import { sessionMiddleware } from './auth/session.ts';
import { cors } from './cors.ts';
import { ApiError } from './errors.ts';
import type { ApiDeps } from './deps.ts';
import { createHealthRoutes } from './health.ts';
import { createMetricsRoutes } from './metrics.ts';
import { createOperatorRoutes } from './operator.ts';
import { createFindingsRoutes } from './findings/index.ts';
import { createQueryRoutes } from './query/index.ts';
import { createProbeServicesRoutes, defaultProbeServicesOptions } from './probe/index.ts';
import { createPrioritisedUrlSource } from './probe/url-priorities.ts';
import { loadVpnProviders } from './probe/vpn-config.ts';
import { createSubmitRoutes } from './ingest/submit.ts';
import { createOonirunRoutes } from './oonirun/index.ts';
import { createGeolookupRoutes } from './probe/geolookup.ts';
import { configuredIpDatabase } from '../lib/enrichment/index.ts';

export function createApp(deps: ApiDeps): Hono {
  const app = new Hono();
  // first: preflights never reach the rate limiter or the database; errors carry the grant too
  app.use('*', cors(deps.config.CORS_ALLOWED_ORIGINS));
  // every route can ask sessionOf/requireRole (api/auth/session.ts); an invalid token is anonymous
  app.use('*', sessionMiddleware({ secret: deps.config.ACCOUNT_JWT_SECRET, clock: deps.clock }));
  app.route('/', createHealthRoutes(deps));
  app.route('/', createSubmitRoutes(deps));
  app.route(
    '/',
    createProbeServicesRoutes(
      defaultProbeServicesOptions({
        collectorId: Number(deps.config.COLLECTOR_ID),
        publicBaseUrl: deps.config.PUBLIC_BASE_URL ?? `http://${deps.config.API_HOST}:${deps.config.API_PORT}`,
        jwtSecret: deps.config.PROBE_JWT_SECRET,
        urlSource: createPrioritisedUrlSource(deps.sql),
        vpnProviders: deps.config.VPN_CONFIG_FILE ? loadVpnProviders(deps.config.VPN_CONFIG_FILE) : {},
        now: deps.clock,
      }),
    ),
  );
  app.route('/', createGeolookupRoutes({ ipDatabase: () => configuredIpDatabase(deps.config) }));
  app.route('/', createQueryRoutes(deps));
  app.route('/', createAuthRoutes(deps));
  app.route('/', createFindingsRoutes(deps));
  app.route(
    '/',
    createOonirunRoutes(deps, {
      urls: createPrioritisedUrlSource(deps.sql),
    }),
  );
  app.route('/', createMetricsRoutes(deps));
  app.route('/', createOperatorRoutes(deps));
  app.notFound((c) => new ApiError('not_found', `no route for ${c.req.method} ${c.req.path}`).getResponse());
  // The one place an error becomes a response: ApiError as registered, anything else a logged 500.
  app.onError((err, c) => {
    if (err instanceof ApiError) return err.getResponse();
    deps.log.error({ err, path: c.req.path }, 'unhandled error');
    return new ApiError('internal_error', 'internal error').getResponse();
  });
  return app;
}
