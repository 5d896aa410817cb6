// /openapi.json lists the query endpoints with their parameters; /docs is a page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createQueryHarness, type QueryHarness } from './harness.ts';

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
    'hour', 'day', 'week', 'month', 'year', 'auto',
  ]);
  const docs = await h.get('/docs');
  assert.equal(docs.status, 200);
  assert.match(await docs.text(), /openapi\.json/);
});
