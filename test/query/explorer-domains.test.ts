// /api/_/domains, /api/_/domain_metadata and /api/_/check_report_id: the facts of OONI's
// test_private_api.py on the same Citizen Lab rows, and counts computed from the inserted fastpath rows.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { refreshCounters } from '../../activities/jobs/refresh-counters.ts';
import { citizenlab, fastpath } from '../../drizzle/schema.ts';
import { CITIZENLAB, dataset } from '../helpers/query/dataset.ts';
import { createQueryHarness, fpRow, type QueryHarness } from '../helpers/query/harness.ts';

let h: QueryHarness;
const LISTS = [
  ...CITIZENLAB,
  { url: 'http://www.cabofrio.rj.gov.br/', cc: 'br', categoryCode: 'CULTR', domain: 'www.cabofrio.rj.gov.br' },
  // a domain in the global list and in a country list: the global category wins, even with a longer URL
  { url: 'https://twitter.com/amnesty', cc: 'it', categoryCode: 'HUMR', domain: 'twitter.com' },
  { url: 'https://www.bbc.com/news/world', cc: 'ZZ', categoryCode: 'NEWS', domain: 'www.bbc.com' },
  { url: 'https://bbc.com/', cc: 'it', categoryCode: 'MMED', domain: 'bbc.com' },
  // only in country lists: the shortest URL wins
  { url: 'https://country.example/some/long/path', cc: 'it', categoryCode: 'HUMR', domain: 'country.example' },
  { url: 'https://www.country.example/', cc: 'br', categoryCode: 'POLR', domain: 'www.country.example' },
  // a test-list domain nobody measured
  { url: 'https://never.example/', cc: 'us', categoryCode: 'GAME', domain: 'never.example' },
];
const rows = [
  ...dataset(400),
  // measured, but not by web_connectivity: not counted
  fpRow({ measurementStartTime: new Date('2024-01-10T10:00:00Z'), testName: 'urlgetter', input: 'https://twitter.com/', domain: 'twitter.com' }),
  // an old web_connectivity measurement counts (all time)
  fpRow({ measurementStartTime: new Date('2022-03-01T10:00:00Z'), input: 'http://ncac.org/', domain: 'ncac.org' }),
];

before(async () => {
  h = await createQueryHarness();
  await h.db.db.insert(citizenlab).values(LISTS);
  await h.db.db.insert(fastpath).values(rows);
  await refreshCounters(h.db, { since: new Date(0) });
});
after(() => h.close());

test('domain_metadata: the facts of OONI test_private_api.py', async () => {
  for (const [domain, expected] of [
    ['facebook.com', { category_code: 'GRP', canonical_domain: 'www.facebook.com' }],
    ['www.facebook.com', { category_code: 'GRP', canonical_domain: 'www.facebook.com' }],
    ['www.twitter.com', { category_code: 'GRP', canonical_domain: 'twitter.com' }],
    ['twitter.com', { category_code: 'GRP', canonical_domain: 'twitter.com' }],
    ['www.unknown-domain.example', { category_code: 'MISC', canonical_domain: 'unknown-domain.example' }],
    ['unknown-domain.example', { category_code: 'MISC', canonical_domain: 'unknown-domain.example' }],
  ] as const) {
    const { status, body, res } = await h.json(`/api/_/domain_metadata?domain=${domain}`);
    assert.equal(status, 200, domain);
    assert.deepEqual(body, expected, domain);
    assert.equal(res.headers.get('Cache-Control'), 'max-age=7200');
  }
});

test('domain_metadata: global list first whatever the URL length, else the shortest URL of any list', async () => {
  assert.deepEqual((await h.json('/api/_/domain_metadata?domain=bbc.com')).body, { category_code: 'NEWS', canonical_domain: 'www.bbc.com' });
  assert.deepEqual((await h.json('/api/_/domain_metadata?domain=country.example')).body, {
    category_code: 'POLR',
    canonical_domain: 'www.country.example',
  });
  assert.deepEqual((await h.json('/api/_/domain_metadata?domain=www.cabofrio.rj.gov.br')).body, {
    category_code: 'CULTR',
    canonical_domain: 'www.cabofrio.rj.gov.br',
  });
});

test('domain_metadata: a missing domain → 400 "missing domain"; quotes are data, not SQL', async () => {
  const { status, body, res } = await h.json('/api/_/domain_metadata');
  assert.equal(status, 400);
  assert.deepEqual(body, { error: 'missing_parameter', message: 'missing domain' });
  assert.equal(res.headers.get('Cache-Control'), 'no-cache');
  const evil = await h.json(`/api/_/domain_metadata?domain=${encodeURIComponent("x' OR '1'='1")}`);
  assert.deepEqual(evil.body, { category_code: 'MISC', canonical_domain: "x' OR '1'='1" });
});

test('domains: every test-list domain once, global category first, all-time web_connectivity count (0 when none), by domain', async () => {
  const { status, body, res } = await h.json('/api/_/domains');
  assert.equal(status, 200);
  assert.equal(res.headers.get('Cache-Control'), 'max-age=7200');
  assert.equal(body.v, 0);
  const domains = [...new Set(LISTS.map((l) => l.domain))].sort();
  assert.deepEqual(
    body.results.map((r: any) => r.domain_name),
    domains,
  );
  for (const r of body.results) assert.deepEqual(Object.keys(r).sort(), ['category_code', 'domain_name', 'measurement_count']);
  const wc = (d: string) => rows.filter((r) => r.testName === 'web_connectivity' && r.domain === d).length;
  const byName = new Map(body.results.map((r: any) => [r.domain_name, r]));
  // OONI's test: facebook, ncac.org and twitter.com with their global categories
  assert.deepEqual(byName.get('ncac.org'), { domain_name: 'ncac.org', category_code: 'NEWS', measurement_count: wc('ncac.org') });
  assert.deepEqual(byName.get('twitter.com'), { domain_name: 'twitter.com', category_code: 'GRP', measurement_count: wc('twitter.com') });
  assert.deepEqual(byName.get('www.facebook.com'), {
    domain_name: 'www.facebook.com',
    category_code: 'GRP',
    measurement_count: wc('www.facebook.com'),
  });
  assert.ok(wc('twitter.com') > 0 && wc('ncac.org') > 1);
  assert.deepEqual(byName.get('never.example'), { domain_name: 'never.example', category_code: 'GAME', measurement_count: 0 });
  assert.equal((byName.get('www.example.com') as any).measurement_count, wc('www.example.com'));
});

test('check_report_id: always {"v":0,"found":true}, cached 1 s (legacy)', async () => {
  for (const q of ['?report_id=BOGUS', '?report_id=20210709T004340Z_webconnectivity_MY_4818_n1_YCM7J9mGcEHds2K3', '']) {
    const { status, body, res } = await h.json(`/api/_/check_report_id${q}`);
    assert.equal(status, 200);
    assert.deepEqual(body, { v: 0, found: true });
    assert.equal(res.headers.get('Cache-Control'), 'max-age=1');
  }
});

test('the new /api/_/ routes are metered like the other query routes', async () => {
  for (const path of [
    '/api/_/domains',
    '/api/_/domain_metadata?domain=x.org',
    '/api/_/check_report_id',
    '/api/_/show_countries_prioritization',
    '/api/_/debug_prioritization',
  ]) {
    const res = await h.get(path);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('X-RateLimit-Remaining') ?? '', /^\d+$/, path);
  }
});
