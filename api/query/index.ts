// createQueryRoutes: the researchers' query API (measurements, aggregation, Explorer /api/_/),
// rate limited per client IP. Only these paths are metered; probe endpoints are not.
import { Hono, type MiddlewareHandler } from 'hono';
import type { ApiDeps } from '../deps.ts';
import { createAggregationRoutes } from './aggregation.ts';
import { createExplorerCoverageRoutes } from './explorer-coverage.ts';
import { createExportsRoutes } from './exports.ts';
import { createExplorerDomainRoutes } from './explorer-domains.ts';
import { createExplorerImRoutes } from './explorer-im.ts';
import { createExplorerNetworkRoutes } from './explorer-networks.ts';
import { createExplorerOverviewRoutes } from './explorer-overview.ts';
import { createExplorerPrioritizationRoutes } from './explorer-prioritization.ts';
import { createExplorerWebsiteRoutes } from './explorer-websites.ts';
import { createMeasurementFeedbackRoutes } from './measurement-feedback.ts';
import { createMeasurementMetaRoutes } from './measurement-meta.ts';
import { createMeasurementsRoutes } from './measurements.ts';
import { createOpenApiRoutes } from './openapi.ts';
import { createQuotasSummaryRoutes } from './quotas-summary.ts';
import { createQualityFlagsRoutes } from './quality-flags.ts';
import { configuredIpDatabase } from '../../lib/enrichment/index.ts';
import type { CountersMode } from './live-counters.ts';
import { rateLimit, type RateLimitOptions } from './rate-limit.ts';
import { createRawMeasurementRoutes } from './raw-measurement.ts';
import { createV5AggregateAnalysisRoutes } from './v5-aggregate-analysis.ts';
import { createV5AggregateCtrlRoutes } from './v5-aggregate-ctrl.ts';
import { createV5AggregateObservationRoutes } from './v5-aggregate-observations.ts';
import { createV5AnalysisRoutes } from './v5-analysis.ts';
import { createV5ChangepointRoutes } from './v5-changepoints.ts';
import { createV5ObservationRoutes } from './v5-observations.ts';

export interface QueryRoutesOptions {
  rateLimit?: RateLimitOptions | false;
  /** `counters`: aggregations from the counters tables alone, without the live changes (bench:query's baseline) */
  counters?: CountersMode;
}

const METERED_PATHS = [
  '/api/v1/measurements',
  '/api/v1/measurement/*',
  '/api/v1/raw_measurement',
  '/api/v1/measurement_meta',
  '/api/v1/aggregation',
  '/api/v1/quality_flags',
  // v5 (observations, analysis, changepoints)
  '/api/v1/observations',
  '/api/v1/analysis',
  '/api/v1/aggregation/observations',
  '/api/v1/aggregation/observations/ctrl',
  '/api/v1/aggregation/analysis',
  '/api/v1/detector/changepoints',
  '/api/v1/exports',
  '/api/v1/exports/*',
];

const EXPLORER_PATHS = [
  'test_names',
  'countries',
  'global_overview',
  'country_overview',
  'asn_by_month',
  'countries_by_month',
  'global_overview_by_month',
  'circumvention_stats_by_country',
  'test_coverage',
  'network_stats',
  'website_networks',
  'website_stats',
  'website_urls',
  'im_networks',
  'im_stats',
  'vanilla_tor_stats',
  'measurement_feedback',
  'measurement_feedback/*',
  'quotas_summary',
  'account_metadata',
  'domains',
  'domain_metadata',
  'check_report_id',
  'debug_prioritization',
  'show_countries_prioritization',
  'asnmeta',
  'networks',
].map((p) => `/api/_/${p}`);

/** The query API's limiter (QUERY_RATE_LIMITS per client address), for every route metered like the query routes. */
export function queryRateLimiter(deps: ApiDeps, overrides: RateLimitOptions = {}): MiddlewareHandler {
  return rateLimit(deps.sql, {
    hashKey: deps.config.PROBE_JWT_SECRET,
    limits: deps.config.QUERY_RATE_LIMITS,
    whitelist: deps.config.QUERY_RATE_LIMIT_WHITELIST,
    trustedProxyHops: deps.config.TRUSTED_PROXY_HOPS,
    ...overrides,
  });
}

/** The account routes (api/auth) are metered like the query routes; login mails have their own limits too. */
const ACCOUNT_PATHS = [
  '/api/v1/user_register',
  '/api/v1/user_login',
  '/api/v1/user_refresh_token',
  '/api/v2/ooniauth/user-login',
  '/api/v2/ooniauth/user-session',
];

export function createQueryRoutes(deps: ApiDeps, options: QueryRoutesOptions = {}): Hono {
  const app = new Hono();
  if (options.rateLimit !== false) {
    const limiter = queryRateLimiter(deps, options.rateLimit);
    for (const path of [...METERED_PATHS, ...EXPLORER_PATHS, ...ACCOUNT_PATHS]) app.use(path, limiter);
  }
  const counters = options.counters ?? 'live';
  for (const routes of [
    createMeasurementsRoutes(deps),
    createRawMeasurementRoutes(deps),
    createMeasurementMetaRoutes(deps),
    createAggregationRoutes(deps, counters),
    createExplorerOverviewRoutes(deps, counters),
    createExplorerCoverageRoutes(deps, counters),
    createExplorerWebsiteRoutes(deps, counters),
    createExplorerImRoutes(deps, counters),
    createMeasurementFeedbackRoutes(deps),
    createQuotasSummaryRoutes(deps),
    createExplorerDomainRoutes(deps, counters),
    createExplorerPrioritizationRoutes(deps, counters),
    createExplorerNetworkRoutes({ sql: deps.sql, ipDatabase: () => configuredIpDatabase(deps.config), counters }),
    createQualityFlagsRoutes(deps),
    createV5ObservationRoutes(deps),
    createV5AnalysisRoutes(deps),
    createV5AggregateObservationRoutes(deps),
    createV5AggregateCtrlRoutes(deps),
    createV5AggregateAnalysisRoutes(deps),
    createV5ChangepointRoutes(deps),
    createExportsRoutes(deps),
    createOpenApiRoutes(),
  ]) {
    app.route('/', routes);
  }
  return app;
}
