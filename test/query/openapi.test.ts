// /openapi.json lists the query endpoints with their parameters; /docs is a page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CONSTRAINT_BREAKERS, satisfiesParameter, VALID_EXPLORER_PARAMS } from '../helpers/openapi-constraints.ts';
import { createQueryHarness, type QueryHarness } from '../helpers/query/harness.ts';

let h: QueryHarness;
before(async () => {
  h = await createQueryHarness();
});
after(() => h.close());

test('openapi.json and docs', async () => {
  const { status, body } = await h.json('/openapi.json');
  assert.equal(status, 200);
  assert.equal(body.openapi, '3.1.0');
  const params = body.paths['/api/v1/measurements'].get.parameters.map((p: any) => p.name);
  for (const p of ['probe_cc', 'since', 'until', 'limit', 'order', 'category_code']) assert.ok(params.includes(p), p);
  assert.deepEqual(body.paths['/api/v1/aggregation'].get.parameters.find((p: any) => p.name === 'time_grain').schema.enum, [
    'hour',
    'day',
    'week',
    'month',
    'year',
    'auto',
  ]);
  const docs = await h.get('/docs');
  assert.equal(docs.status, 200);
  assert.match(await docs.text(), /openapi\.json/);
});

const constrained = (s: any) => s.enum || s.pattern || s.minLength !== undefined || s.type === 'integer' || s.type === 'boolean';

test('every constraint /openapi.json states is enforced: a value breaking it gets a 4xx naming nothing else', async () => {
  const { body } = await h.json('/openapi.json');
  let checked = 0;
  for (const path of ['/api/v1/measurements', '/api/v1/aggregation', '/api/v1/incidents/search', '/api/v2/oonirun/links', '/api/v1/quality_flags']) {
    for (const p of body.paths[path].get.parameters) {
      if (!constrained(p.schema)) continue;
      const bad = CONSTRAINT_BREAKERS.find((v) => !satisfiesParameter(p.schema, v));
      assert.ok(bad !== undefined, `no violating candidate for ${path} ${p.name}`);
      const res = await h.get(`${path}?${p.name}=${encodeURIComponent(bad!)}`);
      assert.ok(res.status === 400 || res.status === 422, `${path}?${p.name}=${bad} (schema ${JSON.stringify(p.schema)}) answered ${res.status}`);
      checked++;
    }
  }
  assert.ok(checked >= 16, `only ${checked} constrained parameters`);
});

const VALID = VALID_EXPLORER_PARAMS;

test('the /api/_/ routes: valid values answer 200, each documented constraint broken alone gets a 4xx', async () => {
  const { body } = await h.json('/openapi.json');
  let checked = 0;
  for (const [path, item] of Object.entries<any>(body.paths)) {
    // the public GET routes (session routes and path templates have their own tests)
    if (!path.startsWith('/api/_/') || !item.get || item.get.security || path.includes('{')) continue;
    const params: any[] = item.get.parameters;
    const base = Object.fromEntries(params.filter((p) => VALID[p.name] !== undefined).map((p) => [p.name, VALID[p.name]!]));
    const ok = await h.get(`${path}?${new URLSearchParams(base)}`);
    assert.equal(ok.status, 200, `${path} with ${JSON.stringify(base)}`);
    for (const p of params) {
      if (!constrained(p.schema)) continue;
      for (const bad of CONSTRAINT_BREAKERS.filter((v) => !satisfiesParameter(p.schema, v))) {
        const res = await h.get(`${path}?${new URLSearchParams({ ...base, [p.name]: bad })}`);
        assert.ok(res.status === 400 || res.status === 422, `${path}?${p.name}=${bad} answered ${res.status}`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 40, `only ${checked} refusals checked`);
});
