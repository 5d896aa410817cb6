// The changepoint detector on the real stack: analysis rows of a watched series over 32 hours
// give the changepoints worked out by hand (ooni-data.md §7.2: in ok, TCP 1.0 crosses after 6
// hours; in blk, 0 crosses after 11), served by GET /api/v1/detector/changepoints; late data in
// an earlier hour moves the later changepoints; any order of hours (two at a time), a batch
// failing after its commit and a worker SIGKILLed mid-hour give the same tables byte for byte.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import type { Worker } from '@temporalio/worker';
import { startDetectorHourWorkflow } from '../../client.ts';
import type { DetectorHourSummary } from '../../workflows/detector.ts';
import { mapLimit } from '../../domain/archive/map-limit.ts';
import { retriedActivityStarts, startBlockingWorker } from '../helpers/blocking-worker.ts';
import { analysisRow, insertRows } from '../helpers/query/v5-rows.ts';
import { createTestPipeline, eventually, type TestPipeline } from '../helpers/pipeline.ts';
import { dumpDetectorTables } from '../helpers/v5.ts';

const WATCHED = 'www.facebook.com';
const HOURS = 32;
let p: TestPipeline;
let worker: Worker;
const children: ChildProcess[] = [];
/** the hour whose first committed batch fails once (then Temporal retries the activity) */
let failAfterFirstBatch: string | null = null;
let injected = 0;

before(async () => {
  p = await createTestPipeline(
    'detector',
    {},
    {
      detectorHooks: {
        afterBatch: (hour) => {
          if (hour !== failAfterFirstBatch) return;
          failAfterFirstBatch = null;
          injected++;
          throw new Error(`injected failure after the first batch of ${hour}`);
        },
      },
    },
  );
  worker = await p.startWorker();
  await p.database.sql`insert into citizenlab (url, cc, category_code, domain) values
    (${`https://${WATCHED}/`}, 'ZZ', 'GRP', ${WATCHED}),
    ('https://www.example.org/', 'ZZ', 'NEWS', 'www.example.org'),
    ('https://www.grp-only-in-it.org/', 'it', 'GRP', 'www.grp-only-in-it.org')`;
  await insertScenario();
});
after(async () => {
  for (const c of children) c.kill('SIGKILL');
  await p?.close();
});

/** Hour `i` of the scenario, from 2024-03-01T00. */
const hourAt = (i: number) => new Date(Date.UTC(2024, 2, 1, i)).toISOString().slice(0, 13);
const dbTime = (i: number) => `${hourAt(i).replace('T', ' ')}:00:00.000`;

/** TCP blocked per hour: 11 × 0 (unk → ok), 10 × 1 (POS at 16), 11 × 0 (NEG at 31). */
const tcpAt = (i: number) => (i >= 11 && i <= 20 ? 1 : 0);

const uid = (i: number, n: string) => `20240301${String(i).padStart(2, '0')}0000.000000_IT_webconnectivity_${n.padStart(16, '0')}`;

async function insertScenario() {
  const rows = [];
  for (let i = 0; i < HOURS; i++) {
    // every row exactly at HH:00:00.000, which upstream's strict window never counts (§11 #13)
    const at = { measurement_start_time: dbTime(i), domain: WATCHED, input: `https://${WATCHED}/` };
    rows.push(analysisRow({ ...at, measurement_uid: uid(i, 'a'), tcp_blocked: tcpAt(i) }));
    // a second, quiet network of the same country: DNS through another resolver, never blocked
    rows.push(analysisRow({ ...at, measurement_uid: uid(i, 'b'), probe_asn: 3269, resolver_asn: 15169 }));
    // a domain outside the watchlist, always blocked: never a series
    rows.push(analysisRow({ measurement_start_time: dbTime(i), measurement_uid: uid(i, 'c'), tcp_blocked: 1, dns_blocked: 1 }));
    rows.push(analysisRow({ measurement_start_time: dbTime(i), measurement_uid: uid(i, 'd'), domain: 'www.grp-only-in-it.org', tcp_blocked: 1 }));
  }
  await insertRows(p.database.sql, 'analysis_web_measurement', rows);
}

async function detect(i: number, batchSize?: number): Promise<DetectorHourSummary> {
  const handle = await startDetectorHourWorkflow(p.env.client, p.config.TEMPORAL_TASK_QUEUE, {
    hour: hourAt(i),
    ...(batchSize ? { batchSize } : {}),
  });
  return handle.result();
}

const dumps = () => dumpDetectorTables(p);

const clearDetector = () => p.database.sql`truncate event_detector_changepoints, event_detector_cusums, event_detector_series, event_detector_hours`;

const changepointsApi = async () => {
  const res = await fetch(`${p.baseUrl}/api/v1/detector/changepoints?probe_cc=IT&since=2024-03-01&until=2024-03-03`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { results: Record<string, unknown>[] }).results;
};

const near = (actual: unknown, expected: number) =>
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) < 1e-6, `${String(actual)} ≈ ${expected}`);

let inOrder = '';

test('hours run in order: POS tcp_blocked at the 6th hour of TCP 1.0 after ok, NEG at the 11th hour of 0, through the API', async () => {
  const summaries: DetectorHourSummary[] = [];
  for (let i = 0; i < HOURS; i++) summaries.push(await detect(i));
  assert.deepEqual(
    summaries.map((s) => s.series),
    Array(HOURS).fill(2),
    'two watched series per hour (the GRP list of `it` and NEWS are not watched)',
  );
  assert.equal(summaries[0]!.domains, 2, 'www.facebook.com + twitter.com');
  assert.deepEqual(
    summaries.flatMap((s, i) => (s.changepoints > 0 ? [i] : [])),
    [16, 31],
  );
  const results = await changepointsApi();
  assert.equal(results.length, 2);
  const [up, down] = results;
  assert.equal(up!.start_time, '2024-03-01T16:00:00.000Z');
  assert.deepEqual(
    [up!.probe_asn, up!.domain, up!.block_type, up!.change_dir, up!.current_state, up!.count, up!.count_isp_resolver, up!.count_other_resolver],
    [30722, WATCHED, 'tcp_blocked', 'up', 'ok', 1, 1, 0],
  );
  near(up!.s_pos, 6 * 0.65);
  assert.equal(up!.s_neg, 0);
  assert.equal(up!.h, 3.5);
  assert.equal(up!.tcp_blocked, 1);
  assert.equal(up!.dns_other_blocked, null, 'NaN median (no such rows) is null over the API');
  assert.equal(down!.start_time, '2024-03-02T07:00:00.000Z');
  assert.deepEqual([down!.block_type, down!.change_dir, down!.current_state], ['tcp_blocked', 'down', 'blk']);
  near(down!.s_neg, 11 * 0.35);
  const [hours] = await p.database.sql<{ n: number }[]>`select count(*)::int as n from event_detector_hours`;
  assert.equal(hours!.n, HOURS);
  inOrder = await dumps();
});

let afterLateData = '';

test('late data in hour 11 (two more rows: TCP median 0) re-run alone moves the later POS to hour 17 and replays every later hour', async () => {
  assert.ok(inOrder, 'runs after the in-order test');
  await insertRows(p.database.sql, 'analysis_web_measurement', [
    analysisRow({ measurement_start_time: '2024-03-01 11:59:59.999', measurement_uid: uid(11, 'e'), domain: WATCHED, tcp_blocked: 0 }),
    analysisRow({ measurement_start_time: '2024-03-01 11:30:00.000', measurement_uid: uid(11, 'f'), domain: WATCHED, tcp_blocked: 0 }),
  ]);
  const summary = await detect(11);
  assert.equal(summary.replayed, 2 * (HOURS - 12), 'every later hour of both series');
  const results = await changepointsApi();
  assert.deepEqual(
    results.map((r) => [r.start_time, r.block_type, r.change_dir]),
    [
      ['2024-03-01T17:00:00.000Z', 'tcp_blocked', 'up'],
      ['2024-03-02T07:00:00.000Z', 'tcp_blocked', 'down'],
    ],
  );
  afterLateData = await dumps();
  assert.notEqual(afterLateData, inOrder);
  const [state] = await p.database.sql`select count, tcp_blocked from event_detector_series where ts = '2024-03-01 11:00:00' and probe_asn = 30722`;
  assert.deepEqual([state!.count, state!.tcp_blocked], [3, 0]);
});

test('the same rows detected in a shuffled order, two hours at a time, give the same tables byte for byte', async () => {
  assert.ok(afterLateData, 'runs after the late-data test');
  await clearDetector();
  // a fixed permutation: later hours first, interleaved
  const order = Array.from({ length: HOURS }, (_, i) => (i * 13 + 7) % HOURS);
  assert.equal(new Set(order).size, HOURS);
  await mapLimit(order, 2, async (i) => {
    await detect(i);
  });
  assert.equal(await dumps(), afterLateData);
});

test('a batch failing after its commit is retried; re-running any hour changes no byte', async () => {
  assert.ok(afterLateData, 'runs after the late-data test');
  await clearDetector();
  failAfterFirstBatch = hourAt(16);
  for (let i = 0; i < HOURS; i++) await detect(i, 1);
  assert.equal(injected, 1, 'the failure was injected once');
  assert.equal(await dumps(), afterLateData);
  await detect(16);
  await detect(3, 1);
  assert.equal(await dumps(), afterLateData);
});

test(
  'a worker SIGKILLed after the first committed series of an hour is replaced and the hour completes; the tables equal the uninterrupted run',
  { timeout: 240_000 },
  async () => {
    assert.ok(afterLateData, 'runs after the late-data test');
    await clearDetector();
    const hour = hourAt(17); // the POS hour after the late data
    for (let i = 0; i < 17; i++) await detect(i);
    // only the doomed process polls while the hour starts
    void worker.shutdown();
    await eventually('the in-process worker stopped', async () => (worker.getState() === 'STOPPED' ? true : undefined));
    const doomed = await startBlockingWorker(p, 'detector');
    children.push(doomed.child);
    const handle = await startDetectorHourWorkflow(p.env.client, p.config.TEMPORAL_TASK_QUEUE, { hour, batchSize: 1 });
    await doomed.blockedAt(hour);
    const [committed] = await p.database.sql<{ n: number }[]>`select count(*)::int as n from event_detector_series where ts = ${dbTime(17)}`;
    assert.equal(committed!.n, 1, "the first of the hour's two series is committed when the worker dies");
    doomed.child.kill('SIGKILL');

    worker = await p.startWorker();
    const summary = await handle.result();
    assert.deepEqual([summary.series, summary.changepoints], [2, 1], 'the hour completes with its POS changepoint');
    const retried = await retriedActivityStarts(handle);
    assert.ok(retried.length >= 1, 'the detector activity ran again on the new worker');
    for (let i = 18; i < HOURS; i++) await detect(i);
    assert.equal(await dumps(), afterLateData);
    await detect(17);
    await detect(5, 1);
    assert.equal(await dumps(), afterLateData);
  },
);

test('probeCc restricts a run to those countries; a bad hour or country code fails the run at once', async () => {
  assert.ok(afterLateData, 'runs after the late-data test');
  const handle = await startDetectorHourWorkflow(p.env.client, p.config.TEMPORAL_TASK_QUEUE, { hour: hourAt(16), probeCc: ['DE'] });
  assert.deepEqual([(await handle.result()).series, (await handle.result()).changepoints], [0, 0]);
  assert.equal(await dumps(), afterLateData, 'the IT series are untouched');
  const it = await (await startDetectorHourWorkflow(p.env.client, p.config.TEMPORAL_TASK_QUEUE, { hour: hourAt(17), probeCc: ['IT'] })).result();
  assert.deepEqual([it.series, it.changepoints], [2, 1]);
  assert.equal(await dumps(), afterLateData);
  for (const [n, input] of [{ hour: '2024-03-01 16' }, { hour: hourAt(16), probeCc: ['it'] }].entries()) {
    const bad = await startDetectorHourWorkflow(p.env.client, p.config.TEMPORAL_TASK_QUEUE, input, {
      workflowId: `detector-bad-input-${n}`,
    });
    await assert.rejects(bad.result(), (err: Error & { cause?: { type?: string } }) => err.cause?.type === 'BadDetectorInput');
  }
});
