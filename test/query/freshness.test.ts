// Exact, fresh aggregations on the real stack: measurements uploaded through the probe API are
// counted by /api/v1/aggregation and the Explorer routes as soon as their fastpath row exists,
// before any counters refresh, and equal /api/v1/measurements and a direct SQL count; a rescore
// or a delete between refreshes changes the answers at once; a transaction still open while the
// refresh takes its snapshot is counted once it commits.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { refreshCounters } from '../../activities/jobs/refresh-counters.ts';
import { fpRow } from '../helpers/fastpath-rows.ts';
import { signal, submitMeasurement, webConnectivity, type Measurement } from '../helpers/measurements.ts';
import { createTestPipeline, eventually, type TestPipeline } from '../helpers/pipeline.ts';

let p: TestPipeline;
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const at = (offset: number, hms: string) => `${day(offset)} ${hms}`;
// aggregation: since inclusive, until exclusive; measurements: since exclusive, until inclusive (no row at midnight)
const WINDOW = `since=${day(-10)}&until=${day(1)}`;

const variants: Measurement[] = [
  { ...signal(), probe_cc: 'IT', probe_asn: 'AS30722', measurement_start_time: at(-3, '10:24:59') },
  { ...signal(), probe_cc: 'IT', probe_asn: 'AS3269', measurement_start_time: at(-3, '11:00:01') },
  { ...signal(), probe_cc: 'DE', probe_asn: 'AS3320', measurement_start_time: at(-2, '08:15:00') },
  { ...webConnectivity(), measurement_start_time: at(-2, '09:30:00') },
];

async function upload(ms: Measurement[]): Promise<string[]> {
  const uids: string[] = [];
  for (const m of ms) {
    const res = await submitMeasurement(p.baseUrl, m);
    assert.equal(res.status, 200, res.text);
    uids.push(res.json.measurement_uid as string);
  }
  await eventually(
    'the fastpath rows',
    async () => {
      const [r] = await p.database.sql<{ n: number }[]>`select count(*)::int as n from fastpath where measurement_uid in ${p.database.sql(uids)}`;
      return r!.n === uids.length ? true : undefined;
    },
    90_000,
  );
  return uids;
}

async function getJson(path: string): Promise<any> {
  const res = await fetch(`${p.baseUrl}${path}`);
  assert.equal(res.status, 200, path);
  return res.json();
}

/** A direct count over fastpath: [where clause, its /api query string]. */
const FILTERS: [string, string][] = [
  ['true', ''],
  [`probe_cc = 'IT'`, 'probe_cc=IT'],
  [`test_name = 'signal'`, 'test_name=signal'],
  [`probe_cc = 'DE' and test_name = 'signal'`, 'probe_cc=DE&test_name=signal'],
  [`probe_asn = 3269`, 'probe_asn=AS3269'],
  [`domain = 'archive.org'`, 'domain=archive.org'],
];

async function sqlCount(
  where: string,
): Promise<{ measurement_count: number; anomaly_count: number; confirmed_count: number; failure_count: number; ok_count: number }> {
  const [r] = await p.database.sql.unsafe(
    `select count(*)::int as measurement_count,
       (count(*) filter (where anomaly and not confirmed and not msm_failure))::int as anomaly_count,
       (count(*) filter (where confirmed and not msm_failure))::int as confirmed_count,
       (count(*) filter (where msm_failure))::int as failure_count,
       (count(*) filter (where not anomaly and not confirmed and not msm_failure))::int as ok_count
     from fastpath where measurement_start_time >= $1::date and measurement_start_time < $2::date and ${where}`,
    [day(-10), day(1)],
  );
  return r as any;
}

async function assertFresh(when: string): Promise<void> {
  for (const [where, q] of FILTERS) {
    const direct = await sqlCount(where);
    const agg = await getJson(`/api/v1/aggregation?${WINDOW}&${q}`);
    assert.deepEqual(agg.result, direct, `aggregation ${q} ${when}`);
    const list = await getJson(`/api/v1/measurements?${WINDOW}&${q}&limit=1000`);
    assert.equal(list.metadata.count, direct.measurement_count, `measurements ${q} ${when}`);
  }
  const grouped = await p.database.sql<{ probe_cc: string; test_name: string; n: number }[]>`
    select probe_cc, test_name, count(*)::int as n from fastpath group by 1, 2`;
  const agg = await getJson(`/api/v1/aggregation?${WINDOW}&axis_x=probe_cc&axis_y=test_name`);
  assert.deepEqual(
    agg.result.map((r: any) => `${r.probe_cc}/${r.test_name}=${r.measurement_count}`).sort(),
    grouped.map((r) => `${r.probe_cc}/${r.test_name}=${r.n}`).sort(),
    `axis probe_cc × test_name ${when}`,
  );
  // Explorer routes
  const countries = await getJson('/api/_/countries');
  const byCc = await p.database.sql<{ probe_cc: string; n: number }[]>`select probe_cc, count(*)::int as n from fastpath group by 1 order by 1`;
  assert.deepEqual(
    countries.countries.map((c: any) => [c.alpha_2, c.count]),
    byCc.map((r) => [r.probe_cc, r.n]),
    `countries ${when}`,
  );
  const [all] = await p.database.sql<{ n: number; a: number; c: number }[]>`
    select count(*)::int as n, count(distinct probe_asn)::int as a, count(distinct probe_cc)::int as c from fastpath`;
  assert.deepEqual(
    await getJson('/api/_/global_overview'),
    { network_count: all!.a, country_count: all!.c, measurement_count: all!.n },
    `global_overview ${when}`,
  );
  const im = await getJson('/api/_/im_networks?probe_cc=IT');
  const imSql = await p.database.sql<{ asn: number; n: number }[]>`
    select probe_asn::int as asn, count(*)::int as n from fastpath where probe_cc = 'IT' and test_name = 'signal' group by probe_asn order by 2 desc, probe_asn::text`;
  assert.deepEqual(
    (im.signal?.ok_networks ?? []).map((n: any) => [n.asn, n.total_count]),
    imSql.map((r) => [r.asn, r.n]),
    `im_networks ${when}`,
  );
  const stats = await getJson('/api/_/im_stats?probe_cc=IT&probe_asn=30722&test_name=signal');
  const [itDay] = await p.database.sql<{ n: number }[]>`
    select count(*)::int as n from fastpath where probe_cc = 'IT' and probe_asn = 30722 and test_name = 'signal' and measurement_start_time::date = ${day(-3)}::date`;
  assert.equal(stats.results.find((r: any) => r.test_day.startsWith(day(-3))).total_count, itDay!.n, `im_stats ${when}`);
}

before(async () => {
  p = await createTestPipeline('query-freshness');
  await p.startWorker();
});
after(() => p?.close());

test('uploads are counted at once, before and after a refresh', { timeout: 240_000 }, async () => {
  await upload(variants.slice(0, 2));
  await assertFresh('before any refresh');
  await refreshCounters(p.database);
  await assertFresh('right after the first refresh');
  await upload(variants.slice(2));
  // the counters hold the first two only: the answers must not
  const [{ n } = { n: 0 }] = await p.database.sql<{ n: number }[]>`select coalesce(sum(measurement_count), 0)::int as n from counters_daily_country`;
  assert.equal(n, 2);
  await assertFresh('after more uploads, before the next refresh');
  await refreshCounters(p.database);
  await assertFresh('after the second refresh');
});

test('a rescore and a delete between refreshes change the answers at once', { timeout: 120_000 }, async () => {
  await refreshCounters(p.database);
  // as reprocess does: the whole row rewritten with new verdicts (here the Italian signal rows)
  await p.database.sql`update fastpath set anomaly = true, confirmed = probe_asn = 3269, blocking_type = 'dns', update_time = now()
                       where probe_cc = 'IT' and test_name = 'signal'`;
  await assertFresh('after a rescore');
  const it = await getJson(`/api/v1/aggregation?${WINDOW}&probe_cc=IT&test_name=signal`);
  assert.deepEqual(it.result, { anomaly_count: 1, confirmed_count: 1, failure_count: 0, measurement_count: 2, ok_count: 0 });
  await p.database.sql`delete from fastpath where probe_cc = 'DE'`;
  await assertFresh('after a delete');
  await refreshCounters(p.database);
  await assertFresh('after the refresh');
  const [{ n } = { n: -1 }] = await p.database.sql<{ n: number }[]>`select count(*)::int as n from counter_retractions`;
  assert.equal(n, 0, 'the refresh drops the retractions it folded in');
});

test('a transaction open while the refresh takes its snapshot is counted once it commits', { timeout: 60_000 }, async () => {
  const row = fpRow({ measurementStartTime: new Date(`${day(-4)}T12:00:00Z`), probeCc: 'IT', testName: 'signal', probeAsn: 30722 });
  const open = await p.database.sql.reserve();
  try {
    await open`begin`;
    // the row inserted (its transaction id taken) but not committed while the refresh takes its snapshot
    await open.unsafe(
      `insert into fastpath (measurement_uid, report_id, input, domain, probe_cc, probe_asn, test_name, test_start_time, measurement_start_time,
         scores, platform, anomaly, confirmed, msm_failure, blocking_type, software_name, software_version, test_version, test_runtime,
         architecture, engine_name, engine_version, test_helper_address, test_helper_type)
       values ($1, $2, '', '', 'IT', 30722, 'signal', $3, $3, '{}', 'android', false, false, false, '', 'ooniprobe-android', '3.8.0',
         '0.4.0', 1.5, 'arm64', 'ooniprobe-engine', '3.19.0', '', '')`,
      [row.measurementUid, row.reportId, row.measurementStartTime!.toISOString()],
    );
    await refreshCounters(p.database);
    await open`commit`;
  } finally {
    open.release();
  }
  await assertFresh('after the late commit');
  await refreshCounters(p.database);
  await assertFresh('after the next refresh');
  assert.equal((await sqlCount(`measurement_uid = '${row.measurementUid}'`)).measurement_count, 1);
});
