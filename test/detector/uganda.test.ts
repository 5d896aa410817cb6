// ooni/data's test_detector_uganda (ooni-data.md §10.4) on the real stack: the fixture's analysis
// rows (test/fixtures/ooni-data-detector/ug-analysis.sql) in analysis_web_measurement, the
// detector workflow run for every hour of [2025-12-03, 2026-02-12) that has rows (an hour without
// rows has no series), four hours at a time in no particular order: exactly two changepoints over
// GET /api/v1/detector/changepoints, as upstream; a second run of every hour changes no byte.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startDetectorHourWorkflow } from '../../client.ts';
import { mapLimit } from '../../domain/archive/map-limit.ts';
import { UGANDA_RUN, ugandaAnalysisRows, utcMs } from '../helpers/detector-uganda.ts';
import { createTestPipeline, type TestPipeline } from '../helpers/pipeline.ts';
import { insertRows } from '../helpers/query/v5-rows.ts';
import { dumpDetectorTables } from '../helpers/v5.ts';

let p: TestPipeline;
let hours: string[] = [];

before(async () => {
  p = await createTestPipeline('detector-uganda');
  await p.startWorker();
  const rows = ugandaAnalysisRows();
  await insertRows(p.database.sql, 'analysis_web_measurement', rows);
  const inRun = rows.map((r) => utcMs(r.measurement_start_time)).filter((t) => t >= UGANDA_RUN.start && t < UGANDA_RUN.end);
  hours = [...new Set(inRun.map((t) => new Date(t).toISOString().slice(0, 13)))].sort();
});
after(async () => {
  await p?.close();
});

const runAll = () =>
  mapLimit(hours, 4, async (hour) => {
    await (await startDetectorHourWorkflow(p.env.client, p.config.TEMPORAL_TASK_QUEUE, { hour })).result();
  });

const dumps = () => dumpDetectorTables(p);

test(
  'every hour of the run detected: exactly two changepoints, a blocking that starts and ends; a second run changes no byte',
  { timeout: 300_000 },
  async () => {
    assert.ok(hours.length > 100, `${hours.length} hours with rows`);
    await runAll();
    const res = await fetch(`${p.baseUrl}/api/v1/detector/changepoints?probe_cc=UG&since=2025-12-03&until=2026-02-12`);
    assert.equal(res.status, 200);
    const { results } = (await res.json()) as { results: { change_dir: string; domain: string; probe_asn: number }[] };
    assert.equal(results.length, 2, JSON.stringify(results));
    assert.deepEqual(
      results.map((r) => [r.domain, r.probe_asn, r.change_dir]),
      [
        ['twitter.com', 20294, 'up'],
        ['twitter.com', 20294, 'down'],
      ],
    );
    const [series] = await p.database.sql<{ n: number }[]>`select count(distinct ts)::int as n from event_detector_series`;
    assert.equal(series!.n, hours.length, 'one stored series hour per hour with rows');
    const first = await dumps();
    await runAll();
    assert.equal(await dumps(), first);
  },
);
