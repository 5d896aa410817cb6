// Each scheduled job, run through its Temporal Schedule (trigger) or its workflow on the real
// server, with its effect checked in PostgreSQL / S3 / the HTTP API.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { FingerprintsHolder, type RefreshFingerprintsResult } from '../../activities/jobs/fingerprints.ts';
import type { RetentionResult } from '../../activities/jobs/retention.ts';
import type { SlowQueryResult } from '../../activities/jobs/slow-queries.ts';
import type { ImportTestListsResult } from '../../activities/jobs/test-lists.ts';
import type { RefreshUrlCountsResult } from '../../activities/jobs/url-counts.ts';
import type { RefreshCountersResult } from '../../activities/jobs/counters.ts';
import { listSchedules } from '../../cli/commands/schedules.ts';
import { fastpath, staged, uploads, urlPriorities } from '../../drizzle/schema.ts';
import { applySchedules } from '../../schedules/apply.ts';
import type { SweepResult } from '../../activities/sweep/sweep-incoming.ts';
import { createTestPipeline, testFingerprints, type TestPipeline } from '../helpers/pipeline.ts';
import { uniqueSuffix } from '../helpers/env.ts';
import { installRuntimeWithMetrics } from '../helpers/temporal.ts';
import { freePort } from '../../stack/free-port.ts';
import { fastpathRow, runScheduleNow } from '../helpers/schedules.ts';

const FIXTURE_LISTS = fileURLToPath(new URL('../fixtures/test-lists/', import.meta.url));
const FIXTURE_FINGERPRINTS = fileURLToPath(new URL('../fixtures/fingerprints/', import.meta.url));

let p: TestPipeline;
let work: string;
let prefix: string;
const holders: FingerprintsHolder[] = [];

let metricsUrl: string;

before(async () => {
  const metricsAddress = `127.0.0.1:${await freePort()}`;
  installRuntimeWithMetrics(metricsAddress);
  metricsUrl = `http://${metricsAddress}/metrics`;
  work = await mkdtemp(join(tmpdir(), 'schedules-jobs-'));
  p = await createTestPipeline('schedules-jobs');
  prefix = `t${uniqueSuffix()}-`;
  const holder = new FingerprintsHolder(p.database.db, testFingerprints);
  holder.start(100);
  holders.push(holder);
  p.activityDeps.fingerprints = holder.get;
  p.activityDeps.jobs = { testListsDir: join(work, 'lists'), fingerprintsDir: join(work, 'fingerprints'), retentionDays: 30 };
  await p.startWorker();
  await applySchedules(p.env.client, p.config, { idPrefix: prefix });
});

after(async () => {
  for (const h of holders) h.stop();
  const ids = await applySchedules(p.env.client, p.config, { idPrefix: prefix }).catch(() => [] as string[]);
  for (const id of ids)
    await p.env.client.schedule
      .getHandle(id)
      .delete()
      .catch(() => {});
  await p?.close();
  await rm(work, { recursive: true, force: true });
});

/** The ApplicationFailure the activity threw, under the workflow's ActivityFailure. */
function typedCause(error: WorkflowFailedError): ApplicationFailure {
  const activity = error.cause;
  assert.ok(activity instanceof ActivityFailure, `ActivityFailure expected, got ${String(activity)}`);
  assert.ok(activity.cause instanceof ApplicationFailure, `ApplicationFailure expected, got ${String(activity.cause)}`);
  return activity.cause;
}

test('citizenlab-import: a missing directory fails the run with TestListsMissing; the next run imports once it exists', async () => {
  const failed = await runScheduleNow<ImportTestListsResult>(p.env.client, `${prefix}citizenlab-import`);
  assert.ok(failed.error instanceof WorkflowFailedError, `expected a failed run, got ${JSON.stringify(failed.result)}`);
  const cause = typedCause(failed.error);
  assert.equal(cause.type, 'TestListsMissing');
  assert.equal(cause.nonRetryable, true);
  assert.match(cause.message, /does not exist/);
  const described = await p.env.client.workflow.getHandle(failed.workflowId).describe();
  assert.equal(described.status.name, 'FAILED');
  const [listed] = await listSchedules(p.env.client, [`${prefix}citizenlab-import`]);
  assert.equal(listed?.lastRun?.status, 'FAILED');
  assert.ok(listed?.nextRun);

  await cp(FIXTURE_LISTS, join(work, 'lists'), { recursive: true });
  const ok = await runScheduleNow<ImportTestListsResult>(p.env.client, `${prefix}citizenlab-import`);
  assert.equal(ok.error, undefined);
  const r = ok.result!;
  assert.equal(r.files, 3);
  assert.equal(r.imported, 13);
  assert.equal(r.duplicates, 1);
  assert.equal(r.bad, 3);
  assert.deepEqual(
    r.badRows.map((b) => `${b.file}:${b.line}`),
    ['it.csv:6', 'it.csv:7', 'it.csv:8'],
  );
  assert.deepEqual(r.skippedFiles, ['00-LEGEND-new_category_codes.csv']);
  const rows = await p.database.sql<{ cc: string; n: number }[]>`select cc, count(*)::int as n from citizenlab group by cc order by cc`;
  assert.deepEqual(
    rows.map((x) => [x.cc, x.n]),
    [
      ['ZZ', 8],
      ['it', 4],
      ['us', 1],
    ],
  );
  const [fb] = await p.database.sql`select domain, category_code from citizenlab where url = 'https://www.facebook.com/'`;
  assert.deepEqual({ ...fb }, { domain: 'www.facebook.com', category_code: 'GRP' });

  // a later import replaces the table as a whole (a URL removed from the lists disappears)
  await writeFile(join(work, 'lists', 'us.csv'), 'url,category_code,category_description,date_added,source,notes\n');
  const again = await runScheduleNow<ImportTestListsResult>(p.env.client, `${prefix}citizenlab-import`);
  assert.equal(again.result?.imported, 12);
  const [us] = await p.database.sql<{ n: number }[]>`select count(*)::int as n from citizenlab where cc = 'us'`;
  assert.equal(us!.n, 0);
  await cp(join(FIXTURE_LISTS, 'us.csv'), join(work, 'lists', 'us.csv'));
  assert.equal((await runScheduleNow<ImportTestListsResult>(p.env.client, `${prefix}citizenlab-import`)).result?.imported, 13);
});

test('url-prioritisation: weekly counts from fastpath; test-list/urls and check-in answer in the reference order', async () => {
  const now = new Date(Date.now() - 60_000);
  const rows = [];
  const it = (input: string, n: number, extra: { probeAsn?: number; testName?: string; at?: Date } = {}) => {
    for (let i = 0; i < n; i++) rows.push(fastpathRow({ probeCc: 'IT', input, at: extra.at ?? now, ...extra }));
  };
  it('https://twitter.com/', 10);
  it('https://signal.org/', 5);
  it('https://www.torproject.org/', 4, { probeAsn: 12874 });
  it('http://www.gamblingsite.example/', 3);
  it('https://www.ilfattoquotidiano.it/', 2);
  it('https://www.repubblica.it/', 1);
  it('https://www.facebook.com/', 6, { testName: 'dnscheck' });
  it('https://www.facebook.com/', 7, { at: new Date(now.getTime() - 21 * 86_400_000) });
  it('https://www.not-in-lists.example/', 2);
  for (let i = 0; i < 9; i++) rows.push(fastpathRow({ probeCc: 'US', input: 'https://www.facebook.com/', at: now }));
  await p.database.db.insert(fastpath).values(rows);
  await p.database.db.insert(urlPriorities).values([
    { categoryCode: '*', cc: 'IT', domain: 'www.repubblica.it', url: '*', priority: 400 },
    { categoryCode: 'MISC', cc: 'IT', domain: '*', url: '*', priority: -50 },
  ]);

  const run = await runScheduleNow<RefreshUrlCountsResult>(p.env.client, `${prefix}url-prioritisation`);
  assert.equal(run.error, undefined);
  assert.equal(run.result!.measurements, 10 + 5 + 4 + 3 + 2 + 1 + 9);
  const counts = await p.database.sql<{ probe_cc: string; input: string; n: number }[]>`
    select probe_cc, input, sum(msmt_cnt)::int as n from url_msmt_counts group by 1, 2 order by 1, 2`;
  assert.deepEqual(
    counts.map((c) => `${c.probe_cc} ${c.input} ${c.n}`),
    [
      'IT http://www.gamblingsite.example/ 3',
      'IT https://signal.org/ 5',
      'IT https://twitter.com/ 10',
      'IT https://www.ilfattoquotidiano.it/ 2',
      'IT https://www.repubblica.it/ 1',
      'IT https://www.torproject.org/ 4',
      'US https://www.facebook.com/ 9',
    ],
  );
  // idempotent: a second run converges to the same rows
  const again = await runScheduleNow<RefreshUrlCountsResult>(p.env.client, `${prefix}url-prioritisation`);
  assert.equal(again.result!.rows, run.result!.rows);

  const res = await fetch(`${p.baseUrl}/api/v1/test-list/urls?country_code=IT&limit=10`);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { metadata: { count: number }; results: Array<{ url: string; country_code: string; category_code: string }> };
  assert.deepEqual(
    body.results.map((r) => `${r.country_code} ${r.category_code} ${r.url}`),
    [
      'XX GRP https://www.facebook.com/',
      'XX HUMR https://www.amnesty.org/',
      'XX HUMR https://www.hrw.org/',
      'IT NEWS https://www.repubblica.it/',
      'IT FILE https://thepiratebay.org/',
      'IT GMB http://www.aams.gov.it/',
      'XX COMT https://signal.org/',
      'IT POLR https://www.ilfattoquotidiano.it/',
      'XX GRP https://twitter.com/',
      'XX ANON https://www.torproject.org/',
    ],
  );
  assert.equal(body.metadata.count, 10);

  const humr = (await (await fetch(`${p.baseUrl}/api/v1/test-list/urls?probe_cc=IT&category_codes=HUMR,GMB`)).json()) as {
    results: Array<{ url: string }>;
  };
  assert.deepEqual(
    humr.results.map((r) => r.url),
    ['https://www.amnesty.org/', 'https://www.hrw.org/', 'http://www.aams.gov.it/', 'http://www.gamblingsite.example/'],
  );

  // check-in weighs by the probe's own network: in AS12874 torproject has 4 measurements, twitter none
  const checkIn = async (asn: string) => {
    const r = await fetch(`${p.baseUrl}/api/v1/check-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        probe_cc: 'IT',
        probe_asn: asn,
        run_type: 'manual',
        software_name: 'ooniprobe-cli',
        software_version: '3.20.0',
        platform: 'linux',
        on_wifi: true,
        charging: true,
        web_connectivity: { category_codes: ['GRP', 'ANON'] },
      }),
    });
    assert.equal(r.status, 200);
    const j = (await r.json()) as { tests: { web_connectivity: { urls: Array<{ url: string }> } } };
    return j.tests.web_connectivity.urls.map((u) => u.url);
  };
  assert.deepEqual(await checkIn('AS12874'), ['https://twitter.com/', 'https://www.facebook.com/', 'https://www.torproject.org/']);
  assert.deepEqual(await checkIn('AS30722'), ['https://www.facebook.com/', 'https://www.torproject.org/', 'https://twitter.com/']);
});

test('fingerprints-refresh: a new CSV version reaches every worker holder without a restart', async () => {
  const dir = join(work, 'fingerprints');
  await cp(FIXTURE_FINGERPRINTS, dir, { recursive: true });
  const other = new FingerprintsHolder(p.database.db, testFingerprints);
  other.start(100);
  holders.push(other);

  const first = await runScheduleNow<RefreshFingerprintsResult>(p.env.client, `${prefix}fingerprints-refresh`);
  assert.equal(first.error, undefined);
  assert.equal(first.result!.version, testFingerprints.version);
  assert.equal(first.result!.changed, true);

  const dnsPath = join(dir, 'fingerprints_dns.csv');
  await writeFile(
    dnsPath,
    `${(await readFile(dnsPath, 'utf8')).trimEnd()}\ntest.schedules_0,isp,,dns,full,10.99.99.99,5,IT,ooni,,added by the schedules test\n`,
  );
  const second = await runScheduleNow<RefreshFingerprintsResult>(p.env.client, `${prefix}fingerprints-refresh`);
  assert.equal(second.result!.changed, true);
  assert.notEqual(second.result!.version, testFingerprints.version);
  assert.equal(second.result!.dns, testFingerprints.dns.length + 1);
  const deadline = Date.now() + 10_000;
  while (
    (p.activityDeps.fingerprints().version !== second.result!.version || other.get().version !== second.result!.version) &&
    Date.now() < deadline
  ) {
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(p.activityDeps.fingerprints().version, second.result!.version);
  assert.equal(other.get().version, second.result!.version);
  assert.ok(p.activityDeps.fingerprints().dnsByPattern.has('10.99.99.99'));
  // unchanged files: nothing stored
  assert.equal((await runScheduleNow<RefreshFingerprintsResult>(p.env.client, `${prefix}fingerprints-refresh`)).result!.changed, false);

  // broken files fail the run visibly and leave the version in force
  await writeFile(
    dnsPath,
    'name,scope,other_names,location_found,pattern_type,pattern,confidence_no_fp,expected_countries,source,exp_url,notes\nx,badscope,,dns,full,1.2.3.4,5,IT,ooni,,\n',
  );
  const broken = await runScheduleNow<RefreshFingerprintsResult>(p.env.client, `${prefix}fingerprints-refresh`);
  assert.ok(broken.error instanceof WorkflowFailedError);
  assert.equal(typedCause(broken.error).type, 'FingerprintsInvalid');
  assert.equal(p.activityDeps.fingerprints().version, second.result!.version);
});

test('counters-refresh: recomputes the counters of days with new fastpath rows, then only newer ones', async () => {
  const day = new Date(Date.now() - 2 * 86_400_000);
  await p.database.db
    .insert(fastpath)
    .values([fastpathRow({ probeCc: 'BR', testName: 'telegram', at: day }), fastpathRow({ probeCc: 'BR', testName: 'telegram', at: day })]);
  const run = await runScheduleNow<RefreshCountersResult>(p.env.client, `${prefix}counters-refresh`);
  assert.equal(run.error, undefined);
  const dayStr = day.toISOString().slice(0, 10);
  assert.ok(run.result!.days.includes(dayStr), `${dayStr} not in ${run.result!.days.join(',')}`);
  const [c] = await p.database.sql<{ n: number }[]>`
    select sum(measurement_count)::int as n from counters_daily_country where probe_cc = 'BR' and test_name = 'telegram' and day = ${dayStr}::date`;
  assert.equal(c!.n, 2);
  const next = await runScheduleNow<RefreshCountersResult>(p.env.client, `${prefix}counters-refresh`);
  assert.deepEqual(next.result!.days, []);
  assert.notEqual(next.result!.snapshot, run.result!.snapshot);
});

test('retention: removes sealed staged measurements past RETENTION_DAYS and old upload rows, never unsealed ones', async () => {
  const old = new Date(Date.now() - 40 * 86_400_000);
  const recent = new Date(Date.now() - 86_400_000);
  const mk = (uid: string, sealedAt: Date | null, stagedAt: Date) => ({
    measurementUid: uid,
    bucketHour: new Date('2024-01-01T10:00:00Z'),
    probeCc: 'IT',
    testName: 'webconnectivity',
    reportId: 'r',
    input: '',
    objectKey: `incoming/2024010110_IT_webconnectivity/${uid}.post`,
    stagedAt,
    sealedAt,
  });
  const rows = [mk('ret-sealed-old', old, old), mk('ret-sealed-recent', recent, old), mk('ret-unsealed-old', null, old)];
  await p.database.db.insert(staged).values(rows);
  for (const r of rows) await p.store.put(r.objectKey, new TextEncoder().encode('{}'));
  await p.database.db.insert(uploads).values([
    { measurementUid: 'up-old', dedupeKey: 'k-old', objectKey: 'x', receivedAt: new Date(Date.now() - 3 * 86_400_000) },
    { measurementUid: 'up-new', dedupeKey: 'k-new', objectKey: 'y', receivedAt: new Date() },
  ]);
  const run = await runScheduleNow<RetentionResult>(p.env.client, `${prefix}retention`);
  assert.equal(run.error, undefined);
  assert.deepEqual({ ...run.result!, durationMs: 0 }, { retentionDays: 30, stagedDeleted: 1, objectsDeleted: 1, uploadsDeleted: 1, durationMs: 0 });
  const left = await p.database.sql<{ measurement_uid: string }[]>`select measurement_uid from staged where measurement_uid like 'ret-%' order by 1`;
  assert.deepEqual(
    left.map((r) => r.measurement_uid),
    ['ret-sealed-recent', 'ret-unsealed-old'],
  );
  assert.equal(await p.store.exists(rows[0]!.objectKey), false);
  assert.equal(await p.store.exists(rows[2]!.objectKey), true);
  const up = await p.database.sql<{ measurement_uid: string }[]>`select measurement_uid from uploads where measurement_uid like 'up-%'`;
  assert.deepEqual(
    up.map((r) => r.measurement_uid),
    ['up-new'],
  );
  const again = await runScheduleNow<RetentionResult>(p.env.client, `${prefix}retention`);
  assert.equal(again.result!.stagedDeleted, 0);
});

test('slow-queries: reports whether pg_stat_statements is available; /metrics exports the stored summary', async () => {
  const run = await runScheduleNow<SlowQueryResult>(p.env.client, `${prefix}slow-queries`);
  assert.equal(run.error, undefined);
  const r = run.result!;
  if (r.available) assert.ok(Array.isArray(r.queries));
  else assert.match(r.reason, /pg_stat_statements/);
  await p.database.sql`delete from slow_queries`;
  await p.database.sql`insert into slow_queries (queryid, calls, total_ms, mean_ms, rows, query) values ('424242', 7, 1500, 214.3, 7, 'select $1')`;
  const res = await fetch(`${p.baseUrl}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
  const text = await res.text();
  assert.match(text, /ooni_api_process_cpu_seconds_total/);
  assert.match(text, /ooni_db_total_query_time_seconds\{queryid="424242"\} 1\.5/);
  assert.match(text, /ooni_db_total_query_count\{queryid="424242"\} 7/);
  assert.doesNotMatch(text, /select \$1/);
});

test('sweep-incoming is scheduled too and reports what it did', async () => {
  const run = await runScheduleNow<SweepResult>(p.env.client, `${prefix}sweep-incoming`);
  assert.equal(run.error, undefined);
  assert.equal(typeof run.result!.scanned, 'number');
});

test("the worker's metrics count each job's runs by workflow type", async () => {
  const text = await (await fetch(metricsUrl)).text();
  const completed = (type: string) => {
    const line = text.split('\n').find((l) => l.startsWith('temporal_workflow_completed') && l.includes(`workflow_type="${type}"`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };
  const failed = text.split('\n').find((l) => l.startsWith('temporal_workflow_failed') && l.includes('workflow_type="importTestListsWorkflow"'));
  // the runs of the tests above: 2 retention runs, 3 successful imports after the failed one
  assert.equal(
    completed('retentionWorkflow'),
    2,
    text
      .split('\n')
      .filter((l) => l.includes('workflow_completed'))
      .join('\n'),
  );
  assert.equal(completed('importTestListsWorkflow'), 3);
  assert.ok(failed && Number(failed.split(' ').at(-1)) >= 1, `temporal_workflow_failed for the import: ${failed}`);
});
