// Measurements of an OONI Run campaign: a probe puts the link id in annotations.ooni_run_link_id
// (a string); the uploaded measurement's fastpath row carries it as a number, and the list and
// the aggregation filter on comma lists of link ids. Real API, workflows and worker.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { refreshCounters } from '../../activities/jobs/refresh-counters.ts';
import { signal, submitMeasurement, type Measurement } from '../helpers/measurements.ts';
import { createTestPipeline, eventually, type TestPipeline } from '../helpers/pipeline.ts';

let p: TestPipeline;
const uploaded: Record<string, string> = {};

const withLink = (id: unknown): Measurement => {
  const m = signal();
  return { ...m, annotations: { ...(m.annotations as object), ...(id === undefined ? {} : { ooni_run_link_id: id }) } };
};

before(async () => {
  p = await createTestPipeline('oonirun-measurements');
  await p.startWorker();
  for (const [name, id] of [
    ['first', '10000'],
    ['second', '10001'],
    ['number', 10002],
    ['none', undefined],
    ['garbage', 'not-a-link'],
  ] as const) {
    const res = await submitMeasurement(p.baseUrl, withLink(id));
    assert.equal(res.status, 200, res.text);
    uploaded[name] = res.json.measurement_uid as string;
  }
  await eventually(
    'every fastpath row',
    async () => {
      const [r] = await p.database.sql<
        { n: number }[]
      >`select count(*)::int as n from fastpath where measurement_uid in ${p.database.sql(Object.values(uploaded))}`;
      return r!.n === 5 ? true : undefined;
    },
    90_000,
  );
  await refreshCounters(p.database, { since: new Date(0) });
});
after(() => p?.close());

test('the row carries the annotation as a number; none or a non-number is null', async () => {
  const rows = await p.database.sql<{ measurement_uid: string; ooni_run_link_id: string | null }[]>`
    select measurement_uid, ooni_run_link_id::text from fastpath`;
  const of = (name: string) => rows.find((r) => r.measurement_uid === uploaded[name])?.ooni_run_link_id;
  assert.deepEqual(['first', 'second', 'number', 'none', 'garbage'].map(of), ['10000', '10001', '10002', null, null]);
});

const window = 'since=2023-11-30&until=2023-12-02';

async function listed(ids: string): Promise<string[]> {
  const res = await fetch(`${p.baseUrl}/api/v1/measurements?${window}&ooni_run_link_id=${ids}`);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { results: { measurement_uid: string }[] };
  return body.results.map((r) => r.measurement_uid).sort();
}

test('/api/v1/measurements: one link id or a comma list', async () => {
  assert.deepEqual(await listed('10000'), [uploaded['first']]);
  assert.deepEqual(await listed('10000,10002'), [uploaded['first'], uploaded['number']].sort());
  assert.deepEqual(await listed('10001,%2010002,10001'), [uploaded['second'], uploaded['number']].sort());
  assert.deepEqual(await listed('424242'), []);
  assert.deepEqual(await listed('0'), []);
  const bad = await fetch(`${p.baseUrl}/api/v1/measurements?${window}&ooni_run_link_id=10000,x`);
  assert.equal(bad.status, 422);
  assert.equal(((await bad.json()) as { error: string }).error, 'invalid_parameter');
});

test('/api/v1/aggregation: counts per link id', async () => {
  const count = async (q: string) => {
    const res = await fetch(`${p.baseUrl}/api/v1/aggregation?${window}&${q}`);
    assert.equal(res.status, 200);
    return ((await res.json()) as { result: { measurement_count: number } }).result.measurement_count;
  };
  assert.equal(await count('ooni_run_link_id=10000'), 1);
  assert.equal(await count('ooni_run_link_id=10000,10001,10002'), 3);
  assert.equal(await count('ooni_run_link_id=424242'), 0);
  // measurements without a link are not link 0
  assert.equal(await count('ooni_run_link_id=0'), 0);
  assert.equal(await count('ooni_run_link_id=0,10001'), 1);
  assert.equal(await count('probe_cc=IT'), 5);
});
