// GET /openapi.json (OpenAPI 3.1 built from plain zod schemas of the query parameters) and /docs.
import { Hono } from 'hono';
import { z } from 'zod';
import { API_ERROR_CODES, type ApiErrorCode } from '../error-codes.ts';

const str = z.string();
const list = (what: string) => z.string().describe(`comma-separated list of ${what}`);
const date = z.string().describe('YYYY-MM-DD or ISO 8601 datetime (naive = UTC)');

const reportId = z.string().regex(/^[A-Za-z0-9_]{15,100}$/);
const uid = z.string().regex(/^[A-Za-z0-9._-]{3,100}$/);
const ccs = z.string().regex(/^[A-Za-z]{2}(,[A-Za-z]{2})*$/).describe('comma-separated list of two-letter country codes');
const testNames = z.string().regex(/^[A-Za-z0-9_]+(,[A-Za-z0-9_]+)*$/).describe('comma-separated list of test names');

const measurementsParams = z.object({
  report_id: reportId.optional(),
  input: str.min(3).optional(),
  domain: list('domains').optional(),
  probe_cc: ccs.optional(),
  probe_asn: list('ASNs, AS1234 or 1234').optional(),
  test_name: testNames.optional(),
  category_code: str.optional(),
  since: date.optional().describe('exclusive; default until − 30 days'),
  until: date.optional().describe('inclusive; default start of tomorrow'),
  anomaly: z.boolean().optional(),
  confirmed: z.boolean().optional(),
  failure: z.boolean().optional(),
  software_version: list('versions').optional(),
  test_version: list('versions').optional(),
  engine_version: list('versions').optional(),
  ooni_run_link_id: str.optional(),
  order_by: z.enum(['measurement_start_time']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  offset: z.int().min(0).optional(),
  limit: z.int().min(1).max(1_000_000).optional(),
});

const aggregationParams = z.object({
  axis_x: z.enum(['measurement_start_day', 'probe_cc', 'probe_asn', 'test_name', 'domain', 'input', 'category_code', 'blocking_type']).optional(),
  axis_y: z.enum(['measurement_start_day', 'probe_cc', 'probe_asn', 'test_name', 'domain', 'input', 'category_code', 'blocking_type']).optional(),
  since: z.iso.date().optional().describe('inclusive; default today − 180 days'),
  until: z.iso.date().optional().describe('exclusive; default tomorrow'),
  time_grain: z.enum(['hour', 'day', 'week', 'month', 'year', 'auto']).optional(),
  probe_cc: list('country codes').optional(),
  probe_asn: list('ASNs').optional(),
  test_name: list('test names').optional(),
  domain: list('domains').optional(),
  input: str.min(3).optional(),
  category_code: z.string().regex(/^[A-Z]+$/).optional(),
  ooni_run_link_id: list('OONI Run link ids').optional(),
  format: z.enum(['JSON', 'CSV']).optional(),
  download: z.boolean().optional(),
});

const metaParams = z.object({
  measurement_uid: uid.optional(),
  report_id: reportId.optional(),
  input: str.min(3).optional(),
  full: z.boolean().optional(),
});

const errorBody = z.object({ error: z.enum(Object.keys(API_ERROR_CODES) as [ApiErrorCode, ...ApiErrorCode[]]), message: z.string() });

function parameters(schema: z.ZodObject) {
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties: Record<string, unknown> };
  return Object.entries(json.properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
}

function op(summary: string, params?: z.ZodObject) {
  return {
    get: {
      summary,
      parameters: params ? parameters(params) : [],
      responses: {
        '200': { description: 'OK' },
        '4XX': { description: 'Invalid request', content: { 'application/json': { schema: z.toJSONSchema(errorBody) } } },
        '429': { description: 'Rate limited; see Retry-After' },
      },
    },
  };
}

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'OONI measurement query API', version: '1' },
    paths: {
      '/api/v1/measurements': op('Search measurements', measurementsParams),
      '/api/v1/measurement/{measurement_uid}': op('Raw measurement body by uid'),
      '/api/v1/raw_measurement': op('Raw measurement body', metaParams),
      '/api/v1/measurement_meta': op('Measurement metadata', metaParams),
      '/api/v1/aggregation': op('Aggregated counters (JSON or CSV)', aggregationParams),
    },
  };
}

const DOCS_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>OONI query API</title></head>
<body><h1>OONI measurement query API</h1><p>The OpenAPI document is at <a href="/openapi.json">/openapi.json</a>.</p>
<pre id="spec"></pre><script>fetch('/openapi.json').then(r=>r.json()).then(d=>{document.getElementById('spec').textContent=
Object.entries(d.paths).map(([p,o])=>p+'  '+o.get.summary+'\\n  '+o.get.parameters.map(x=>x.name).join(', ')).join('\\n\\n')})</script>
</body></html>`;

export function createOpenApiRoutes(): Hono {
  const app = new Hono();
  const doc = openApiDocument();
  app.get('/openapi.json', (c) => c.json(doc));
  app.get('/docs', (c) => c.html(DOCS_HTML));
  return app;
}
