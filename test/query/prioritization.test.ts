// /api/_/debug_prioritization and /api/_/show_countries_prioritization on the real database, with the
// rule sets of OONI's unit tests (api/tests/unit/test_prio.py): −180 / −4.7368… for a global MISC URL
// with 38 measurements under `MISC/*/*/* +20` and `MISC/US/*/* −200`; 420 / 11.0526… for an `it` URL
// under two IT rules +20 and +400.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { refreshCounters } from '../../activities/jobs/refresh-counters.ts';
import { citizenlab, fastpath, urlMsmtCounts, urlPriorities } from '../../drizzle/schema.ts';
import { createQueryHarness, fpRow, type QueryHarness } from '../helpers/query/harness.ts';

let h: QueryHarness;
const WIKI = { url: 'https://thehiddenwiki.org/', cc: 'ZZ', categoryCode: 'MISC', domain: 'thehiddenwiki.org' };
const OONI = { url: 'https://ooni.org/', cc: 'it', categoryCode: 'HUMR', domain: 'ooni.org' };
const NEWS = { url: 'https://news.example/', cc: 'ZZ', categoryCode: 'NEWS', domain: 'news.example' };
const RULES = [
  { categoryCode: 'MISC', cc: '*', domain: '*', url: '*', priority: 20 },
  { categoryCode: 'MISC', cc: 'US', domain: '*', url: '*', priority: -200 },
  { categoryCode: '*', cc: 'IT', domain: 'ooni.org', url: '*', priority: 20 },
  { categoryCode: '*', cc: 'IT', domain: '*', url: 'https://ooni.org/', priority: 400 },
];
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const ruleJson = (r: (typeof RULES)[number]) => ({ category_code: r.categoryCode, cc: r.cc, domain: r.domain, url: r.url, priority: r.priority });

// fastpath rows for show_countries_prioritization (NOW = 2024-01-15 12:00 UTC; window: the 7 days to today)
const at = (day: string) => new Date(`${day}T10:00:00Z`);
const fp = [
  ...[true, false, true, false, true, false, false].map((anomaly, i) =>
    fpRow({ measurementStartTime: at(i === 6 ? '2024-01-15' : '2024-01-10'), probeCc: 'IT', input: OONI.url, domain: OONI.domain, anomaly }),
  ),
  fpRow({ measurementStartTime: at('2024-01-08'), probeCc: 'IT', input: OONI.url, domain: OONI.domain }), // before the window
  fpRow({ measurementStartTime: at('2024-01-12'), probeCc: 'US', input: OONI.url, domain: OONI.domain }), // another country
  fpRow({ measurementStartTime: at('2024-01-12'), probeCc: 'US', input: WIKI.url, domain: WIKI.domain, anomaly: true }),
];

before(async () => {
  h = await createQueryHarness();
  await h.db.sql`delete from url_priorities`;
  await h.db.db.insert(urlPriorities).values(RULES);
  await h.db.db.insert(citizenlab).values([WIKI, OONI, NEWS]);
  // 38 measurements of each URL over the latest two weeks (30 on AS1, 8 on AS2); an older week is ignored
  const counts = (probeCc: string, input: string) =>
    [
      { week: '2024-01-14', probeAsn: 1, msmtCnt: 20 },
      { week: '2024-01-07', probeAsn: 1, msmtCnt: 10 },
      { week: '2024-01-07', probeAsn: 2, msmtCnt: 8 },
      { week: '2023-12-31', probeAsn: 1, msmtCnt: 1000 },
    ].map((r) => ({ ...r, probeCc, input, inputMd5: md5(input) }));
  await h.db.db.insert(urlMsmtCounts).values([...counts('US', WIKI.url), ...counts('IT', OONI.url)]);
  await h.db.db.insert(fastpath).values(fp);
  await refreshCounters(h.db, { since: new Date(0) });
});
after(() => h.close());

test('debug_prioritization US: the global MISC URL scores −180 and is left out; entries and rules as used', async () => {
  const { status, body, res } = await h.json('/api/_/debug_prioritization?probe_cc=US');
  assert.equal(status, 200);
  assert.equal(res.headers.get('Cache-Control'), 'max-age=0');
  assert.deepEqual(Object.keys(body).sort(), ['entries', 'prio_rules', 'test_items']);
  assert.deepEqual(body.entries, [
    { url: NEWS.url, cc: 'ZZ', category_code: 'NEWS', domain: NEWS.domain, msmt_cnt: 0 },
    { url: WIKI.url, cc: 'ZZ', category_code: 'MISC', domain: WIKI.domain, msmt_cnt: 38 },
  ]);
  // the US rules and the wildcard ones; IT's are not fetched for US
  assert.deepEqual(body.prio_rules, [ruleJson(RULES[0]!), ruleJson(RULES[1]!)]);
  // priority 20 − 200 = −180 ≤ 0 → dropped; the NEWS URL matches nothing (0) → dropped
  assert.deepEqual(body.test_items, []);
});

test('debug_prioritization IT: 420 / 11.0526… for the it URL, 20 / 200 for the unmeasured global MISC URL', async () => {
  const { body } = await h.json('/api/_/debug_prioritization?probe_cc=it');
  assert.deepEqual(body.test_items, [
    { category_code: 'MISC', url: WIKI.url, country_code: 'XX', msmt_cnt: 0, priority: 20, weight: 200 },
    { category_code: 'HUMR', url: OONI.url, country_code: 'IT', msmt_cnt: 38, priority: 420, weight: 11.052631578947368 },
  ]);
  assert.deepEqual(body.prio_rules, [ruleJson(RULES[3]!), ruleJson(RULES[2]!), ruleJson(RULES[0]!)]); // byte order: "*" < "ooni.org"
  assert.equal(body.entries.length, 3);

  // parameters: categories (any case, de-duplicated), limit, probe_asn (AS prefix optional)
  assert.deepEqual(
    (await h.json('/api/_/debug_prioritization?probe_cc=IT&category_codes=humr,HUMR')).body.test_items.map((i: any) => i.url),
    [OONI.url],
  );
  assert.deepEqual(
    (await h.json('/api/_/debug_prioritization?probe_cc=IT&limit=1')).body.test_items.map((i: any) => i.url),
    [WIKI.url],
  );
  for (const asn of ['AS2', '2']) {
    const items = (await h.json(`/api/_/debug_prioritization?probe_cc=IT&probe_asn=${asn}`)).body.test_items;
    assert.deepEqual(items[1], { category_code: 'HUMR', url: OONI.url, country_code: 'IT', msmt_cnt: 8, priority: 420, weight: 52.5 });
  }
});

test('debug_prioritization: default probe_cc ZZ (global list only); bad parameters → 400', async () => {
  const zz = (await h.json('/api/_/debug_prioritization')).body;
  assert.deepEqual(
    zz.entries.map((e: any) => e.url),
    [NEWS.url, WIKI.url],
  );
  for (const [q, message] of [
    ['probe_cc=ITA', 'missing or incorrect probe_cc'],
    ['probe_asn=ASX', 'missing or incorrect probe_asn'],
    ['category_codes=NE WS', 'category_codes must be a comma list of alphabetic codes'],
    ['limit=0', 'limit must be -1 or 1..9999'],
    ['limit=10000', 'limit must be -1 or 1..9999'],
  ] as const) {
    const { status, body } = await h.json(`/api/_/debug_prioritization?${q}`);
    assert.equal(status, 400, q);
    assert.deepEqual(body, { error: 'invalid_parameter', message }, q);
  }
});

const SHOWN = [
  // it list → IT: 7 measurements in the window, 3 anomalies → trunc(42.86) = 42; rules IT +20 +400
  { anomaly_perc: 42, category_code: 'HUMR', cc: 'IT', domain: 'ooni.org', msmt_cnt: 7, priority: 420, url: OONI.url },
  // global entries count measurements of probe_cc ZZ only (none): 0 / 0; ordered by priority descending
  { anomaly_perc: 0, category_code: 'NEWS', cc: 'ZZ', domain: 'news.example', msmt_cnt: 0, priority: 0, url: NEWS.url },
  { anomaly_perc: 0, category_code: 'MISC', cc: 'ZZ', domain: 'thehiddenwiki.org', msmt_cnt: 0, priority: -180, url: WIKI.url },
];

test('show_countries_prioritization JSON: every test-list URL, cc upper-cased, by cc then priority descending', async () => {
  const { status, body, res } = await h.json('/api/_/show_countries_prioritization');
  assert.equal(status, 200);
  assert.equal(res.headers.get('Cache-Control'), 'max-age=1');
  for (const row of body) assert.deepEqual(Object.keys(row).sort(), ['anomaly_perc', 'category_code', 'cc', 'domain', 'msmt_cnt', 'priority', 'url']);
  assert.deepEqual(
    body.map((r: any) => Object.fromEntries(Object.entries(r).sort())),
    SHOWN,
  );
  assert.deepEqual((await h.json('/api/_/show_countries_prioritization?format=json')).body, body);
});

test('show_countries_prioritization CSV: sorted header, CRLF rows; unknown format → 400', async () => {
  for (const f of ['CSV', 'csv']) {
    const res = await h.get(`/api/_/show_countries_prioritization?format=${f}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('Content-Type') ?? '', /^text\/csv/);
    assert.equal(
      await res.text(),
      'anomaly_perc,category_code,cc,domain,msmt_cnt,priority,url\r\n' +
        `42,HUMR,IT,ooni.org,7,420,${OONI.url}\r\n` +
        `0,NEWS,ZZ,news.example,0,0,${NEWS.url}\r\n` +
        `0,MISC,ZZ,thehiddenwiki.org,0,-180,${WIKI.url}\r\n`,
    );
  }
  const bad = await h.json('/api/_/show_countries_prioritization?format=xml');
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body, { error: 'invalid_parameter', message: 'format must be JSON or CSV' });
});
