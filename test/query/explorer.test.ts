// The Explorer's /api/_/ endpoints, checked against counts computed from the inserted rows.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { refreshCounters } from '../../activities/jobs/refresh-counters.ts';
import { fastpath } from '../../drizzle/schema.ts';
import { dataset } from '../helpers/query/dataset.ts';
import { createQueryHarness, type FastpathRow, type QueryHarness } from '../helpers/query/harness.ts';

let h: QueryHarness;
const rows = dataset(500);
const day = (r: FastpathRow) => r.measurementStartTime!.toISOString().slice(0, 10);
const last31 = (r: FastpathRow) => day(r) >= '2023-12-15' && day(r) < '2024-01-15';

before(async () => {
  h = await createQueryHarness();
  await h.db.db.insert(fastpath).values(rows);
  await refreshCounters(h.db, { since: new Date(0) });
});
after(() => h.close());

test('test_names: the fixed list of 24', async () => {
  const { body, res } = await h.json('/api/_/test_names');
  assert.equal(body.test_names.length, 24);
  assert.deepEqual(
    body.test_names.find((t: any) => t.id === 'torsf'),
    { id: 'torsf', name: 'Tor Snowflake' },
  );
  assert.equal(res.headers.get('Cache-Control'), 'max-age=3600');
});

test('countries: every cc with its all-time count, ZZ skipped, English names', async () => {
  const { body } = await h.json('/api/_/countries');
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.probeCc!, (counts.get(r.probeCc!) ?? 0) + 1);
  const expected = [...counts.keys()].filter((cc) => cc !== 'ZZ').sort();
  assert.deepEqual(
    body.countries.map((c: any) => c.alpha_2),
    expected,
  );
  assert.deepEqual(
    body.countries.find((c: any) => c.alpha_2 === 'IT'),
    { alpha_2: 'IT', name: 'Italy', count: counts.get('IT') },
  );
});

test('global_overview and country_overview', async () => {
  const g = (await h.json('/api/_/global_overview')).body;
  assert.deepEqual(g, {
    network_count: new Set(rows.map((r) => r.probeAsn)).size,
    country_count: new Set(rows.map((r) => r.probeCc)).size,
    measurement_count: rows.length,
  });
  const it = rows.filter((r) => r.probeCc === 'IT');
  const c = (await h.json('/api/_/country_overview?probe_cc=IT')).body;
  assert.deepEqual(c, {
    first_bucket_date: it.map(day).sort()[0],
    measurement_count: it.length,
    network_count: new Set(it.map((r) => r.probeAsn)).size,
  });
  assert.equal((await h.json('/api/_/country_overview')).status, 400);
});

test('monthly series: {date, value} with month stamps', async () => {
  const a = (await h.json('/api/_/asn_by_month')).body;
  assert.ok(a.length >= 2);
  for (const item of a) {
    assert.deepEqual(Object.keys(item).sort(), ['date', 'value']);
    assert.match(item.date, /^\d{4}-\d{2}-01T00:00:00\+00:00$/);
  }
  const g = (await h.json('/api/_/global_overview_by_month')).body;
  assert.deepEqual(Object.keys(g).sort(), ['countries_by_month', 'measurements_by_month', 'networks_by_month']);
  const jan = g.measurements_by_month.find((x: any) => x.date.startsWith('2024-01'));
  assert.equal(jan.value, rows.filter((r) => day(r).startsWith('2024-01')).length);
  assert.ok((await h.json('/api/_/countries_by_month')).body.every((x: any) => x.value >= 1));
});

test('test_coverage: 7 groups × 30 days, 0-filled; network_coverage 30 days', async () => {
  const { body } = await h.json('/api/_/test_coverage?probe_cc=IT');
  assert.equal(body.test_coverage.length, 7 * 30);
  assert.equal(body.network_coverage.length, 30);
  const imDay = '2024-01-10';
  const im = body.test_coverage.find((x: any) => x.test_group === 'im' && x.test_day === imDay);
  const expectIm = rows.filter((r) => r.probeCc === 'IT' && day(r) === imDay && ['telegram', 'whatsapp'].includes(r.testName!)).length;
  assert.deepEqual(im, { count: expectIm, test_day: imDay, test_group: 'im' });
  const net = body.network_coverage.find((x: any) => x.test_day === imDay);
  assert.equal(net.count, new Set(rows.filter((r) => r.probeCc === 'IT' && day(r) === imDay).map((r) => r.probeAsn)).size);
  const web = (await h.json('/api/_/test_coverage?probe_cc=IT&test_groups=websites')).body;
  const wnet = web.network_coverage.find((x: any) => x.test_day === imDay);
  assert.equal(
    wnet.count,
    new Set(rows.filter((r) => r.probeCc === 'IT' && day(r) === imDay && r.testName === 'web_connectivity').map((r) => r.probeAsn)).size,
  );
  const bad = await h.json('/api/_/test_coverage?probe_cc=ITA');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.message, 'missing or incorrect probe_cc');
});

test('website_networks, website_stats and website_urls over the last 31 days', async () => {
  const it = rows.filter((r) => r.probeCc === 'IT' && last31(r));
  const byAsn = new Map<number, number>();
  for (const r of it) byAsn.set(r.probeAsn!, (byAsn.get(r.probeAsn!) ?? 0) + 1);
  const nets = (await h.json('/api/_/website_networks?probe_cc=IT')).body.results;
  assert.deepEqual(
    nets,
    [...byAsn].map(([probe_asn, count]) => ({ count, probe_asn })).sort((a, b) => b.count - a.count || a.probe_asn - b.probe_asn),
  );

  const url = 'https://twitter.com/';
  const asn = 30722;
  const sel = it.filter((r) => r.probeAsn === asn && r.input === url);
  const stats = (await h.json(`/api/_/website_stats?probe_cc=IT&probe_asn=${asn}&input=${encodeURIComponent(url)}`)).body.results;
  const days = [...new Set(sel.map(day))].sort();
  assert.deepEqual(
    stats,
    days.map((d) => {
      const x = sel.filter((r) => day(r) === d);
      return {
        test_day: d,
        anomaly_count: x.filter((r) => r.anomaly).length,
        confirmed_count: x.filter((r) => r.confirmed).length,
        failure_count: x.filter((r) => r.msmFailure).length,
        total_count: x.length,
      };
    }),
  );

  const urls = (await h.json(`/api/_/website_urls?probe_cc=IT&probe_asn=AS${asn}&limit=2`)).body;
  const inputs = new Set(it.filter((r) => r.probeAsn === asn && r.testName === 'web_connectivity').map((r) => r.input));
  assert.equal(urls.metadata.total_count, inputs.size);
  assert.equal(urls.results.length, 2);
  assert.equal(urls.metadata.next_url, `https://api.ooni.io/api/_/website_urls?limit=2&offset=2&probe_asn=${asn}&probe_cc=IT`);
  const c = urls.results.map((r: any) => [r.confirmed_count, r.total_count]);
  assert.ok(c[0][0] > c[1][0] || (c[0][0] === c[1][0] && c[0][1] >= c[1][1]));
});

test('im_networks, im_stats, vanilla_tor_stats', async () => {
  const im = (await h.json('/api/_/im_networks?probe_cc=IT')).body;
  assert.deepEqual(Object.keys(im).sort(), ['telegram', 'whatsapp']);
  const tg = rows.filter((r) => r.probeCc === 'IT' && r.testName === 'telegram' && last31(r));
  assert.equal(
    im.telegram.ok_networks.reduce((s: number, n: any) => s + n.total_count, 0),
    tg.length,
  );
  assert.equal(im.telegram.last_tested, tg.map(day).sort().at(-1));

  const stats = (await h.json('/api/_/im_stats?test_name=telegram&probe_cc=IT&probe_asn=AS30722')).body.results;
  assert.equal(stats.length, 32);
  assert.equal(stats[0].test_day, '2023-12-15T00:00:00+00:00');
  assert.equal(stats.at(-1).test_day, '2024-01-15T00:00:00+00:00');
  assert.equal(
    stats.reduce((s: number, x: any) => s + x.total_count, 0),
    rows.filter((r) => r.probeCc === 'IT' && r.probeAsn === 30722 && r.testName === 'telegram' && day(r) >= '2023-12-15').length,
  );
  assert.ok(stats.every((x: any) => x.anomaly_count === null));
  const bad = await h.json('/api/_/im_stats?test_name=web_connectivity&probe_cc=IT&probe_asn=1');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.message, 'invalid test_name');
  assert.equal((await h.json('/api/_/im_stats?test_name=telegram&probe_cc=IT')).status, 400);

  assert.deepEqual((await h.json('/api/_/vanilla_tor_stats?probe_cc=XY')).body, { networks: [], notok_networks: 0, last_tested: null });
  const vt = (await h.json('/api/_/vanilla_tor_stats?probe_cc=IT')).body;
  const vtr = rows.filter((r) => r.probeCc === 'IT' && r.testName === 'vanilla_tor');
  assert.equal(
    vt.networks.reduce((s: number, n: any) => s + n.total_count, 0),
    vtr.length,
  );
});

test('network_stats stub and circumvention_stats_by_country', async () => {
  assert.deepEqual((await h.json('/api/_/network_stats?probe_cc=GB')).body, {
    metadata: { current_page: 1, limit: 10, next_url: null, offset: 0, total_count: 0 },
    results: [],
  });
  const circ = (await h.json('/api/_/circumvention_stats_by_country')).body;
  const sel = rows.filter((r) => r.testName === 'psiphon' && day(r) < '2024-01-14' && day(r) >= '2023-07-16');
  const byCc = new Map<string, number>();
  for (const r of sel) byCc.set(r.probeCc!, (byCc.get(r.probeCc!) ?? 0) + 1);
  assert.equal(circ.v, 0);
  assert.deepEqual(
    circ.results,
    [...byCc].sort().map(([probe_cc, cnt]) => ({ probe_cc, cnt })),
  );
});
