// /openapi.json parameters come from the zod schemas the query routes parse with, and what they state is enforced.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { userLoginQuery } from '../../../api/auth/ooniauth-v1.ts';
import { userLoginBody, userSessionBody } from '../../../api/auth/schemas.ts';
import { ApiError } from '../../../api/errors.ts';
import { measurementFeedbackBody } from '../../../api/query/measurement-feedback.ts';
import { aggregationQuery, parseAggregationQuery } from '../../../api/query/aggregation-params.ts';
import { measurementsQuery, parseMeasurementFilter } from '../../../api/query/measurement-filters.ts';
import { BODY_SCHEMAS, PUBLIC_BODY_SCHEMAS, PUT_BODY_SCHEMAS, QUERY_SCHEMAS, openApiDocument } from '../../../api/query/openapi.ts';
import { parseQuery } from '../../../api/query/params.ts';
import { measurementByUidQuery, metaQuery, parseMetaQuery } from '../../../api/query/single-params.ts';
import { qualityFlagsQuery } from '../../../api/query/quality-flags-params.ts';
import { CONSTRAINT_BREAKERS, satisfiesParameter, VALID_EXPLORER_PARAMS } from '../../helpers/openapi-constraints.ts';

const NOW = new Date('2024-01-15T12:00:00Z');
type Operation = {
  parameters: { name: string; in: string; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
};
type Doc = { paths: Record<string, { get?: Operation; post?: Operation; put?: Operation }> };
/** The documented GET routes that take no query parameters (path or session only; test/accounts/openapi.test.ts checks them on the stack). */
const NO_QUERY_GET_PATHS = [
  '/api/v1/user_refresh_token',
  '/api/_/account_metadata',
  '/api/_/measurement_feedback/{measurement_uid}',
  '/api/_/quotas_summary',
];

test('each path documents exactly the keys of the schema its route parses with, each as that schema states it', () => {
  assert.equal(QUERY_SCHEMAS['/api/v1/measurements'], measurementsQuery);
  assert.equal(QUERY_SCHEMAS['/api/v1/aggregation'], aggregationQuery);
  assert.equal(QUERY_SCHEMAS['/api/v1/raw_measurement'], metaQuery);
  assert.equal(QUERY_SCHEMAS['/api/v1/measurement_meta'], metaQuery);
  assert.equal(QUERY_SCHEMAS['/api/v1/measurement/{measurement_uid}'], measurementByUidQuery);
  assert.equal(QUERY_SCHEMAS['/api/v1/user_login'], userLoginQuery);
  assert.equal(QUERY_SCHEMAS['/api/v1/quality_flags'], qualityFlagsQuery);
  const doc = openApiDocument() as unknown as Doc;
  // the OONI Run paths are checked in test/unit/oonirun/schemas.test.ts
  const documented = Object.keys(doc.paths).filter((p) => !p.startsWith('/api/v2/oonirun/'));
  assert.deepEqual(
    documented.sort(),
    [
      ...new Set([
        ...Object.keys(QUERY_SCHEMAS),
        ...Object.keys(BODY_SCHEMAS),
        ...Object.keys(PUBLIC_BODY_SCHEMAS),
        ...Object.keys(PUT_BODY_SCHEMAS),
        ...NO_QUERY_GET_PATHS,
      ]),
    ].sort(),
  );
  for (const [path, schema] of Object.entries(QUERY_SCHEMAS)) {
    const all = doc.paths[path]!.get!.parameters;
    // a {name} in the path is a required path parameter; the rest are the schema's query parameters
    assert.deepEqual(
      all.filter((p) => p.in === 'path').map((p) => p.name),
      [...path.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]),
      path,
    );
    const params = all.filter((p) => p.in === 'query');
    assert.deepEqual(
      params.map((p) => p.name),
      Object.keys(schema.shape),
      path,
    );
    const json = z.toJSONSchema(schema, { io: 'input' }) as { properties: Record<string, unknown> };
    for (const p of params) assert.deepEqual(p.schema, json.properties[p.name], `${path} ${p.name}`);
  }
});

const PARSERS: Record<string, (q: Record<string, string>) => unknown> = {
  '/api/v1/measurements': (q) => parseMeasurementFilter(q, NOW),
  '/api/v1/aggregation': (q) => parseAggregationQuery(q, NOW),
  '/api/v1/raw_measurement': (q) => parseMetaQuery(q, 'missing'),
  '/api/v1/measurement_meta': (q) => parseMetaQuery(q, 'missing'),
  '/api/v1/quality_flags': (q) => parseQuery(qualityFlagsQuery, q),
};

test('each POST path documents the JSON body schema its route parses with', () => {
  const doc = openApiDocument() as unknown as Doc;
  for (const [path, schema] of Object.entries({ ...BODY_SCHEMAS, ...PUBLIC_BODY_SCHEMAS })) {
    const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'input' });
    assert.deepEqual(doc.paths[path]!.post!.requestBody!.content['application/json']!.schema, json, path);
  }
  for (const [path, schema] of Object.entries(PUT_BODY_SCHEMAS)) {
    const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'input' });
    assert.deepEqual(doc.paths[path]!.put!.requestBody!.content['application/json']!.schema, json, path);
    assert.deepEqual(
      doc.paths[path]!.put!.parameters.map((p) => `${p.in} ${p.name}`),
      ['path client_id'],
    );
  }
  const create = doc.paths['/api/v1/incidents/create']!.post!.requestBody!.content['application/json']!.schema as { required: string[] };
  assert.deepEqual(create.required.sort(), ['start_time', 'text', 'title']);
});

test('every value a documented constraint rejects is refused by the route parser with an ApiError naming that parameter', () => {
  const doc = openApiDocument() as unknown as Doc;
  let checked = 0;
  for (const [path, parse] of Object.entries(PARSERS)) {
    for (const p of doc.paths[path]!.get!.parameters) {
      for (const bad of CONSTRAINT_BREAKERS.filter((v) => !satisfiesParameter(p.schema, v))) {
        assert.throws(
          () => parse({ [p.name]: bad }),
          (e: unknown) =>
            e instanceof ApiError && (e.status === 400 || e.status === 422) && (e.code !== 'invalid_parameter' || e.message.startsWith(`${p.name}:`)),
          `${path}?${p.name}=${bad}`,
        );
        checked++;
      }
    }
  }
  assert.ok(checked >= 60, `only ${checked} refusals checked`);
});

test('the account POST routes document the zod schemas of the bodies they parse', () => {
  assert.equal(BODY_SCHEMAS['/api/v2/ooniauth/user-login'], userLoginBody);
  assert.equal(BODY_SCHEMAS['/api/v1/user_register'], userLoginBody);
  assert.equal(BODY_SCHEMAS['/api/v2/ooniauth/user-session'], userSessionBody);
  assert.equal(BODY_SCHEMAS['/api/_/measurement_feedback'], measurementFeedbackBody);
});
const VALID = VALID_EXPLORER_PARAMS;

test('explorer and prioritisation routes: valid values parse, and each documented constraint is enforced on its own', () => {
  const doc = openApiDocument() as unknown as Doc;
  let checked = 0;
  for (const [path, schema] of Object.entries(QUERY_SCHEMAS)) {
    if (!path.startsWith('/api/_/')) continue;
    const names = Object.keys(schema.shape);
    const base = Object.fromEntries(names.filter((n) => VALID[n] !== undefined).map((n) => [n, VALID[n]!]));
    assert.doesNotThrow(() => parseQuery(schema, base), path);
    for (const p of doc.paths[path]!.get!.parameters) {
      for (const bad of CONSTRAINT_BREAKERS.filter((v) => !satisfiesParameter(p.schema, v))) {
        assert.throws(
          () => parseQuery(schema, { ...base, [p.name]: bad }),
          (e: unknown) => e instanceof ApiError && (e.status === 400 || e.status === 422),
          `${path}?${p.name}=${bad}`,
        );
        checked++;
      }
    }
  }
  assert.ok(checked >= 40, `only ${checked} refusals checked`);
});
