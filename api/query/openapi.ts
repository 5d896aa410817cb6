// GET /openapi.json (OpenAPI 3.1 built from the zod schemas the routes parse with) and /docs.
import { Hono } from 'hono';
import { z } from 'zod';
import { findingBody, findingDeleteBody, findingIdBody } from '../../domain/findings/finding-body.ts';
import { userLoginQuery } from '../auth/ooniauth-v1.ts';
import { userLoginBody, userSessionBody } from '../auth/schemas.ts';
import { API_ERROR_CODES, type ApiErrorCode } from '../error-codes.ts';
import { findingSearchQuery } from '../findings/search-params.ts';
import { oonirunPaths } from '../oonirun/openapi.ts';
import { geolookupBody } from '../probe/geolookup.ts';
import { probeUpdateBody } from '../probe/update.ts';
import { aggregationQuery } from './aggregation-params.ts';
import { measurementFeedbackBody } from './measurement-feedback.ts';
import { checkReportIdQuery, domainMetadataQuery } from './explorer-domains.ts';
import { asnmetaQuery } from './explorer-networks.ts';
import { explorerCcQuery, noQuery, imStatsQuery, testCoverageQuery, websiteStatsQuery, websiteUrlsQuery } from './explorer-params.ts';
import { debugPrioritizationQuery, showCountriesPrioritizationQuery } from './explorer-prioritization.ts';
import { measurementsQuery } from './measurement-filters.ts';
import { measurementByUidQuery, metaQuery } from './single-params.ts';
import { qualityFlagsQuery } from './quality-flags-params.ts';
import { aggregationAnalysisQuery } from './v5-aggregate-analysis.ts';
import { aggregationCtrlQuery } from './v5-aggregate-ctrl.ts';
import { aggregationObservationsQuery } from './v5-aggregate-observations.ts';
import { analysisQuery } from './v5-analysis.ts';
import { changepointsQuery } from './v5-changepoints.ts';
import { observationsQuery } from './v5-observations.ts';
import { exportsQuery } from './exports-params.ts';

/** Each documented GET path and the schema its route parses the query with (schema = validator = document). */
export const QUERY_SCHEMAS = {
  '/api/v1/measurements': measurementsQuery,
  '/api/v1/measurement/{measurement_uid}': measurementByUidQuery,
  '/api/v1/raw_measurement': metaQuery,
  '/api/v1/measurement_meta': metaQuery,
  '/api/v1/aggregation': aggregationQuery,
  '/api/_/test_names': noQuery,
  '/api/_/countries': noQuery,
  '/api/_/global_overview': noQuery,
  '/api/_/country_overview': explorerCcQuery,
  '/api/_/asn_by_month': noQuery,
  '/api/_/countries_by_month': noQuery,
  '/api/_/global_overview_by_month': noQuery,
  '/api/_/circumvention_stats_by_country': noQuery,
  '/api/_/test_coverage': testCoverageQuery,
  '/api/_/network_stats': noQuery,
  '/api/_/website_networks': explorerCcQuery,
  '/api/_/website_stats': websiteStatsQuery,
  '/api/_/website_urls': websiteUrlsQuery,
  '/api/_/im_networks': explorerCcQuery,
  '/api/_/im_stats': imStatsQuery,
  '/api/_/vanilla_tor_stats': explorerCcQuery,
  '/api/_/domains': noQuery,
  '/api/_/domain_metadata': domainMetadataQuery,
  '/api/_/check_report_id': checkReportIdQuery,
  '/api/_/asnmeta': asnmetaQuery,
  '/api/_/networks': noQuery,
  '/api/_/debug_prioritization': debugPrioritizationQuery,
  '/api/_/show_countries_prioritization': showCountriesPrioritizationQuery,
  '/api/v2/ooniprobe/vpn-config/{provider}': noQuery,
  '/api/v1/incidents/search': findingSearchQuery,
  '/api/v1/incidents/show/{id}': z.object({}),
  '/api/v1/user_login': userLoginQuery,
  '/api/v1/quality_flags': qualityFlagsQuery,
  '/api/v1/observations': observationsQuery,
  '/api/v1/analysis': analysisQuery,
  '/api/v1/aggregation/observations': aggregationObservationsQuery,
  '/api/v1/aggregation/observations/ctrl': aggregationCtrlQuery,
  '/api/v1/aggregation/analysis': aggregationAnalysisQuery,
  '/api/v1/detector/changepoints': changepointsQuery,
  '/api/v1/exports': exportsQuery,
  '/api/v1/exports/{file}': z.object({}),
} satisfies Record<string, z.ZodObject>;

const SUMMARIES: Record<keyof typeof QUERY_SCHEMAS, string> = {
  '/api/v1/measurements': 'Search measurements',
  '/api/v1/measurement/{measurement_uid}': 'Raw measurement body by uid',
  '/api/v1/raw_measurement': 'Raw measurement body',
  '/api/v1/measurement_meta': 'Measurement metadata',
  '/api/v1/aggregation': 'Aggregated counters (JSON or CSV)',
  '/api/_/test_names': 'Explorer: test names and display names',
  '/api/_/countries': 'Explorer: countries with their measurement counts',
  '/api/_/global_overview': 'Explorer: network, country and measurement counts',
  '/api/_/country_overview': 'Explorer: first measurement day, measurement and network counts of a country',
  '/api/_/asn_by_month': 'Explorer: networks measuring, per month',
  '/api/_/countries_by_month': 'Explorer: countries measuring, per month',
  '/api/_/global_overview_by_month': 'Explorer: networks, countries and measurements per month',
  '/api/_/circumvention_stats_by_country': 'Explorer: circumvention-test measurements per country (6 months)',
  '/api/_/test_coverage': 'Explorer: measurements per test group and day, networks per day',
  '/api/_/network_stats': 'Explorer: network stats (a fixed empty page, as the original)',
  '/api/_/website_networks': 'Explorer: measurements per network of a country (31 days)',
  '/api/_/website_stats': 'Explorer: daily counts of one URL on one network (31 days)',
  '/api/_/website_urls': 'Explorer: web_connectivity URLs of one network (31 days), paged',
  '/api/_/im_networks': 'Explorer: instant-messaging tests per network (31 days)',
  '/api/_/im_stats': 'Explorer: daily counts of one IM test on one network',
  '/api/_/vanilla_tor_stats': 'Explorer: vanilla_tor per network (6 months)',
  '/api/_/domains': 'Explorer: every test-list domain with its category and web_connectivity count',
  '/api/_/domain_metadata': 'Explorer: category code and canonical form of a domain',
  '/api/_/check_report_id': 'Legacy: always {"v":0,"found":true}',
  '/api/_/asnmeta': 'Explorer: organisation name of an ASN (from the IP database; "Unknown" when none)',
  '/api/_/networks': 'Explorer: every ASN with its all-time measurement count and organisation name',
  '/api/_/debug_prioritization': 'Prioritised URL list with its candidates and rules',
  '/api/_/show_countries_prioritization': 'Priority of every test-list URL (JSON or CSV)',
  '/api/v2/ooniprobe/vpn-config/{provider}': 'VPN provider credentials and endpoints (VPN_CONFIG_FILE)',
  '/api/v1/incidents/search': 'Search findings (incidents); unpublished ones need a session',
  '/api/v1/incidents/show/{id}': 'One finding by id (an integer) or slug',
  '/api/v1/user_login': 'Exchange a login token (k) for a session: {bearer, redirect_to, email_address}',
  '/api/v1/quality_flags': 'Data-quality flags of measurements (geoip, clock_drift, volume, start_before_receipt, start_after_receipt)',
  '/api/v1/observations': 'v5: web observations (obs_web rows), paged',
  '/api/v1/analysis': 'v5: per-measurement web analysis (analysis_web_measurement rows), paged',
  '/api/v1/aggregation/observations': 'v5: observation counts grouped by failure, time and the filtered columns',
  '/api/v1/aggregation/observations/ctrl': 'v5: test-helper (control) results per hostname, ip and port',
  '/api/v1/aggregation/analysis': 'v5: measurement counts and LoNI (q95 scores, likely blocked protocols) per cell',
  '/api/v1/detector/changepoints': 'v5: detected blocking changepoints, oldest first',
  '/api/v1/exports': 'Monthly bulk exports of the fastpath table: month, format, url, bytes, rows, sha256, created_at',
  '/api/v1/exports/{file}': 'Download one export, YYYYMM.csv.zst or YYYYMM.parquet (Range supported; Repr-Digest sha-256)',
};

/** Each documented POST path and the schema its route parses the JSON body with (session routes: bearer). */
export const BODY_SCHEMAS = {
  '/api/v1/incidents/create': findingBody,
  '/api/v1/incidents/update': findingBody,
  '/api/v1/incidents/delete': findingDeleteBody,
  '/api/v1/incidents/publish': findingIdBody,
  '/api/v1/incidents/unpublish': findingIdBody,
  '/api/v2/ooniauth/user-login': userLoginBody,
  '/api/v2/ooniauth/user-session': userSessionBody,
  '/api/v1/user_register': userLoginBody,
  '/api/_/measurement_feedback': measurementFeedbackBody,
} satisfies Record<string, z.ZodType>;

const BODY_SUMMARIES: Record<keyof typeof BODY_SCHEMAS, string> = {
  '/api/v1/incidents/create': 'Create a finding (admins)',
  '/api/v1/incidents/update': 'Update a finding (its creator, or admins)',
  '/api/v1/incidents/delete': 'Delete a finding (its creator, or admins)',
  '/api/v1/incidents/publish': 'Publish a finding (admins)',
  '/api/v1/incidents/unpublish': 'Unpublish a finding (admins)',
  // the account routes' operations are accountPaths() below
  '/api/v2/ooniauth/user-login': 'Mail a login link',
  '/api/v2/ooniauth/user-session': 'Exchange a login token for a session, or refresh the Bearer session',
  '/api/v1/user_register': 'Mail a login link (v1)',
  '/api/_/measurement_feedback': 'Vote on a measurement',
};

/** Each documented POST path that takes no session (probe services) and the schema its route parses the JSON body with. */
export const PUBLIC_BODY_SCHEMAS = {
  '/api/v1/geolookup': geolookupBody,
} satisfies Record<string, z.ZodType>;

const PUBLIC_BODY_SUMMARIES: Record<keyof typeof PUBLIC_BODY_SCHEMAS, string> = {
  '/api/v1/geolookup': 'Country and network of each address ({"addresses": [...]}, at most 1000)',
};

/** Each documented PUT path (probe routes, no session) and the schema its route parses the JSON body with. */
export const PUT_BODY_SCHEMAS = {
  '/api/v1/update/{client_id}': probeUpdateBody,
} satisfies Record<string, z.ZodType>;

const PUT_SUMMARIES: Record<keyof typeof PUT_BODY_SCHEMAS, string> = {
  '/api/v1/update/{client_id}': 'Probe registration update (answers {"status":"ok"})',
};

const errorBody = z.object({ error: z.enum(Object.keys(API_ERROR_CODES) as [ApiErrorCode, ...ApiErrorCode[]]), message: z.string() });

const pathParameters = (path: string) =>
  [...path.matchAll(/\{([a-z_]+)\}/g)].map(([, name]) => ({ name: name!, in: 'path', required: true, schema: { type: 'string' } }));

function parameters(schema: z.ZodObject) {
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties: Record<string, unknown> };
  return Object.entries(json.properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
}

const errorResponses = {
  '4XX': { description: 'Invalid request', content: { 'application/json': { schema: z.toJSONSchema(errorBody) } } },
  '429': { description: 'Rate limited; see Retry-After' },
};
const responses = { '200': { description: 'OK' }, ...errorResponses };

function jsonBody(body: z.ZodType) {
  const { $schema: _, ...schema } = z.toJSONSchema(body, { io: 'input' });
  return { required: true, content: { 'application/json': { schema } } };
}

const RESPONSES = { '200': { description: 'OK' }, ...errorResponses };
/** Routes that read `Authorization: Bearer <session token>` (from /api/v2/ooniauth/user-session): optional, required. */
const SESSION = [{ bearer: [] }, {}];
const SESSION_REQUIRED = [{ bearer: [] }];

/** A POST of the account routes: its body schema, and whether it reads a session. */
function bodyOp(summary: string, path: keyof typeof BODY_SCHEMAS, security?: unknown[]) {
  const { $schema: _, ...schema } = z.toJSONSchema(BODY_SCHEMAS[path], { io: 'input' });
  return {
    summary,
    ...(security ? { security } : {}),
    requestBody: { required: path !== '/api/v2/ooniauth/user-session', content: { 'application/json': { schema } } },
    responses: RESPONSES,
  };
}

const getOp = (summary: string, security?: unknown[], extra: Record<string, unknown> = {}) => ({
  summary,
  parameters: [],
  ...(security ? { security } : {}),
  responses: RESPONSES,
  ...extra,
});

/** The account (ooniauth), measurement feedback and quota routes. */
function accountPaths() {
  const uidParam = { name: 'measurement_uid', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{3,100}$' } };
  return {
    '/api/v2/ooniauth/user-login': {
      post: bodyOp('Mail a login link ({email_address, login_token_expiration}; valid one day, once)', '/api/v2/ooniauth/user-login'),
    },
    '/api/v2/ooniauth/user-session': {
      post: bodyOp('Exchange a login token for a session, or refresh the Bearer session', '/api/v2/ooniauth/user-session', SESSION),
      get: getOp('The caller session (is_logged_in false when anonymous)', SESSION),
    },
    '/api/v1/user_register': { post: bodyOp('Mail a login link (v1; {msg: "ok"})', '/api/v1/user_register') },
    '/api/v1/user_login': {
      get: {
        ...getOp('Exchange a login token (k) for a session: {bearer, redirect_to, email_address}'),
        parameters: parameters(QUERY_SCHEMAS['/api/v1/user_login']),
      },
    },
    '/api/v1/user_refresh_token': { get: getOp('A new session token {bearer} for the Bearer session', SESSION_REQUIRED) },
    '/api/_/account_metadata': { get: getOp('{logged_in, role} of the caller', SESSION) },
    '/api/_/measurement_feedback/{measurement_uid}': {
      get: getOp('Feedback votes per status, and the caller own vote (user_feedback) when logged in', SESSION, { parameters: [uidParam] }),
    },
    '/api/_/measurement_feedback': {
      post: bodyOp('Vote on a measurement (one vote per account; a later vote replaces it)', '/api/_/measurement_feedback', SESSION_REQUIRED),
    },
    '/api/_/quotas_summary': {
      get: getOp(
        'Admin only: the 20 lowest query quotas left, [[key hash, seconds], ...] (keys are keyed hashes of client addresses)',
        SESSION_REQUIRED,
      ),
    },
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, schema] of Object.entries(QUERY_SCHEMAS)) {
    paths[path] = {
      get: { summary: SUMMARIES[path as keyof typeof QUERY_SCHEMAS], parameters: [...pathParameters(path), ...parameters(schema)], responses },
    };
  }
  for (const [path, schema] of Object.entries(BODY_SCHEMAS)) {
    paths[path] = {
      post: { summary: BODY_SUMMARIES[path as keyof typeof BODY_SCHEMAS], security: [{ bearer: [] }], requestBody: jsonBody(schema), responses },
    };
  }
  for (const [path, schema] of Object.entries(PUBLIC_BODY_SCHEMAS)) {
    paths[path] = { post: { summary: PUBLIC_BODY_SUMMARIES[path as keyof typeof PUBLIC_BODY_SCHEMAS], requestBody: jsonBody(schema), responses } };
  }
  for (const [path, schema] of Object.entries(PUT_BODY_SCHEMAS)) {
    paths[path] = {
      put: {
        summary: PUT_SUMMARIES[path as keyof typeof PUT_BODY_SCHEMAS],
        parameters: pathParameters(path),
        requestBody: jsonBody(schema),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'OONI measurement query API', version: '1' },
    paths: { ...paths, ...accountPaths(), ...oonirunPaths(errorResponses['4XX']) },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'session token of /api/v2/ooniauth/user-session' } } },
  };
}

const DOCS_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>OONI query API</title></head>
<body><h1>OONI measurement query API</h1><p>The OpenAPI document is at <a href="/openapi.json">/openapi.json</a>.</p>
<pre id="spec"></pre><script>fetch('/openapi.json').then(r=>r.json()).then(d=>{document.getElementById('spec').textContent=
Object.entries(d.paths).flatMap(([p,o])=>Object.entries(o).map(([m,x])=>m.toUpperCase()+' '+p+'  '+x.summary+'\\n  '+(x.parameters||[]).map(y=>y.name).concat(Object.keys(x.requestBody?x.requestBody.content['application/json'].schema.properties||{}:{})).join(', '))).join('\\n\\n')})</script>
</body></html>`;

export function createOpenApiRoutes(): Hono {
  const app = new Hono();
  const doc = openApiDocument();
  app.get('/openapi.json', (c) => c.json(doc));
  app.get('/docs', (c) => c.html(DOCS_HTML));
  return app;
}
