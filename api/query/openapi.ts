// GET /openapi.json (OpenAPI 3.1 built from the zod query schemas the routes parse with) and /docs.
import { Hono } from 'hono';
import { z } from 'zod';
import { findingBody, findingDeleteBody, findingIdBody } from '../../domain/findings/finding-body.ts';
import { userLoginQuery } from '../auth/ooniauth-v1.ts';
import { userLoginBody, userSessionBody } from '../auth/schemas.ts';
import { API_ERROR_CODES, type ApiErrorCode } from '../error-codes.ts';
import { findingSearchQuery } from '../findings/search-params.ts';
import { oonirunPaths } from '../oonirun/openapi.ts';
import { measurementFeedbackBody } from './measurement-feedback.ts';
import { aggregationQuery } from './aggregation-params.ts';
import { measurementsQuery } from './measurement-filters.ts';
import { measurementByUidQuery, metaQuery } from './single-params.ts';

/** Each documented path and the schema its route parses the query with (schema = validator = document). */
export const QUERY_SCHEMAS = {
  '/api/v1/measurements': measurementsQuery,
  '/api/v1/measurement/{measurement_uid}': measurementByUidQuery,
  '/api/v1/raw_measurement': metaQuery,
  '/api/v1/measurement_meta': metaQuery,
  '/api/v1/aggregation': aggregationQuery,
  '/api/v1/incidents/search': findingSearchQuery,
  '/api/v1/incidents/show/{id}': z.object({}),
  '/api/v1/user_login': userLoginQuery,
} satisfies Record<string, z.ZodObject>;

/** Each documented POST path and the schema its route parses the JSON body with. */
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

const errorBody = z.object({ error: z.enum(Object.keys(API_ERROR_CODES) as [ApiErrorCode, ...ApiErrorCode[]]), message: z.string() });

function parameters(schema: z.ZodObject) {
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties: Record<string, unknown> };
  return Object.entries(json.properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
}

const errorResponses = {
  '4XX': { description: 'Invalid request', content: { 'application/json': { schema: z.toJSONSchema(errorBody) } } },
  '429': { description: 'Rate limited; see Retry-After' },
};

function postOp(summary: string, body: z.ZodType) {
  const { $schema: _, ...schema } = z.toJSONSchema(body, { io: 'input' });
  return {
    post: {
      summary,
      security: [{ bearer: [] }],
      requestBody: { required: true, content: { 'application/json': { schema } } },
      responses: { '200': { description: 'OK' }, ...errorResponses },
    },
  };
}

function op(summary: string, params: z.ZodObject) {
  return {
    get: {
      summary,
      parameters: parameters(params),
      responses: { '200': { description: 'OK' }, ...errorResponses },
    },
  };
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
  return {
    openapi: '3.1.0',
    info: { title: 'OONI measurement query API', version: '1' },
    paths: {
      ...accountPaths(),
      '/api/v1/measurements': op('Search measurements', QUERY_SCHEMAS['/api/v1/measurements']),
      '/api/v1/measurement/{measurement_uid}': op('Raw measurement body by uid', QUERY_SCHEMAS['/api/v1/measurement/{measurement_uid}']),
      '/api/v1/raw_measurement': op('Raw measurement body', QUERY_SCHEMAS['/api/v1/raw_measurement']),
      '/api/v1/measurement_meta': op('Measurement metadata', QUERY_SCHEMAS['/api/v1/measurement_meta']),
      '/api/v1/aggregation': op('Aggregated counters (JSON or CSV)', QUERY_SCHEMAS['/api/v1/aggregation']),
      '/api/v1/incidents/search': op('Search findings (incidents); unpublished ones need a session', QUERY_SCHEMAS['/api/v1/incidents/search']),
      '/api/v1/incidents/show/{id}': op('One finding by id (an integer) or slug', QUERY_SCHEMAS['/api/v1/incidents/show/{id}']),
      '/api/v1/incidents/create': postOp('Create a finding (admins)', BODY_SCHEMAS['/api/v1/incidents/create']),
      '/api/v1/incidents/update': postOp('Update a finding (its creator, or admins)', BODY_SCHEMAS['/api/v1/incidents/update']),
      '/api/v1/incidents/delete': postOp('Delete a finding (its creator, or admins)', BODY_SCHEMAS['/api/v1/incidents/delete']),
      '/api/v1/incidents/publish': postOp('Publish a finding (admins)', BODY_SCHEMAS['/api/v1/incidents/publish']),
      '/api/v1/incidents/unpublish': postOp('Unpublish a finding (admins)', BODY_SCHEMAS['/api/v1/incidents/unpublish']),
      ...oonirunPaths(errorResponses['4XX']),
    },
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
