// A measurement whose strings hold NUL characters (which PostgreSQL text refuses) is
// acknowledged and then processed: a fastpath row or a faulty_measurements row, never an
// activity retried until the run fails.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signal, submitMeasurement } from '../helpers/measurements.ts';
import { createTestPipeline, eventually, type TestPipeline } from '../helpers/pipeline.ts';

let p: TestPipeline;
before(async () => {
  p = await createTestPipeline('nul-in-body');
  await p.startWorker();
});
after(async () => {
  await p?.close();
});

test('NUL characters in the measurement strings: acknowledged, then stored or recorded as faulty', { timeout: 120_000 }, async () => {
  const m = { ...signal(), input: 'https://example.org/\u0000x', software_name: 'ooniprobe\u0000', annotations: { note: 'a\u0000b' } };
  const res = await submitMeasurement(p.baseUrl, m);
  assert.equal(res.status, 200, res.text);
  const uid = res.json.measurement_uid as string;
  const where = await eventually(
    'a fastpath or faulty row',
    async () => {
      const [f] = await p.database.sql<{ n: number }[]>`select count(*)::int as n from fastpath where measurement_uid = ${uid}`;
      if (f!.n === 1) return 'fastpath';
      const [x] = await p.database.sql<{ n: number }[]>`select count(*)::int as n from faulty_measurements where measurement_uid = ${uid}`;
      return x!.n === 1 ? 'faulty' : undefined;
    },
    90_000,
  );
  assert.ok(where === 'fastpath' || where === 'faulty');
});
