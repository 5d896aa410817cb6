// POST /api/v1/geolookup (OONI's probe-services shape), /api/_/asnmeta and /api/_/networks on
// the real app and database; expected names are those of @ip-location-db/asn's lines
// (test/fixtures/enrichment/asn-rows.csv) or the ENRICHMENT_MMDB fixture's README.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { createApp } from '../../api/app.ts';
import { fastpath } from '../../drizzle/schema.ts';
import { createQueryHarness, fpRow, type QueryHarness } from '../helpers/query/harness.ts';

let h: QueryHarness;
before(async () => {
  h = await createQueryHarness();
});
after(() => h.close());

const MMDB = fileURLToPath(new URL('../fixtures/enrichment/ooni-style.mmdb', import.meta.url));
const AS_ORG_MAP = fileURLToPath(new URL('../fixtures/enrichment/all_as_org_map.json', import.meta.url));

async function geolookup(body: unknown, app = createApp(h.deps)) {
  const res = await app.request('/api/v1/geolookup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

test('geolookup: {v:1, geolocation:{ip:{cc, asn, as_name}}}; unplaced and bogon addresses cc ZZ, asn and as_name null', async () => {
  const res = await geolookup({
    addresses: ['8.8.8.8', '1.1.1.1', '151.99.1.1', '2001:4860:4860:0:0:0:0:8888', '10.0.0.1', '::1'],
    extra: 'ignored',
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  assert.equal(res.body.v, 1);
  assert.deepEqual(Object.keys(res.body), ['v', 'geolocation']);
  const g = res.body.geolocation;
  assert.deepEqual(g['8.8.8.8'], { cc: 'US', asn: 15169, as_name: 'Google LLC' });
  assert.deepEqual({ asn: g['1.1.1.1'].asn, as_name: g['1.1.1.1'].as_name }, { asn: 13335, as_name: 'Cloudflare, Inc.' });
  assert.deepEqual(g['151.99.1.1'], { cc: 'IT', asn: 3269, as_name: 'Telecom Italia S.p.A.' });
  // keys are the canonical form of each address
  assert.deepEqual(g['2001:4860:4860::8888'], { cc: 'US', asn: 15169, as_name: 'Google LLC' });
  assert.deepEqual(g['10.0.0.1'], { cc: 'ZZ', asn: null, as_name: null });
  assert.deepEqual(g['::1'], { cc: 'ZZ', asn: null, as_name: null });
  assert.equal(Object.keys(g).length, 6);
  assert.deepEqual(await geolookup({ addresses: [] }).then((r) => r.body), { v: 1, geolocation: {} });
});

test('geolookup with ENRICHMENT_MMDB: the MMDB answers', async () => {
  const app = createApp({ ...h.deps, config: { ...h.deps.config, ENRICHMENT_MMDB: MMDB } });
  const res = await geolookup({ addresses: ['8.8.8.8', '2001:4860::1', '1.1.1.1'] }, app);
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.geolocation, {
    '8.8.8.8': { cc: 'CA', asn: 64500, as_name: 'Example Resolver Org' },
    '2001:4860::1': { cc: 'DE', asn: 64502, as_name: 'Example IPv6 Org' },
    '1.1.1.1': { cc: 'ZZ', asn: null, as_name: null },
  });
});

test("asnmeta with ENRICHMENT_AS_ORG_MAP: the ASN's newest record; an ASN the file does not know keeps the packaged name", async () => {
  const app = createApp({ ...h.deps, config: { ...h.deps.config, ENRICHMENT_AS_ORG_MAP: AS_ORG_MAP } });
  const org = async (asn: string) => ((await (await app.request(`/api/_/asnmeta?asn=${asn}`)).json()) as { org_name: string }).org_name;
  assert.equal(await org('1'), 'Level 3 Parent, LLC');
  assert.equal(await org('AS64510'), 'Example Telecom After');
  assert.equal(await org('15169'), 'Google LLC');
});

test('geolookup: bad bodies are 4xx with a registered code', async () => {
  for (const [body, status, code] of [
    ['not json', 400, 'invalid_json'],
    ['["8.8.8.8"]', 400, 'invalid_json'],
    [{}, 422, 'invalid_addresses'],
    [{ addresses: '8.8.8.8' }, 422, 'invalid_addresses'],
    [{ addresses: ['8.8.8'] }, 422, 'invalid_addresses'],
    [{ addresses: ['8.8.8.8', 42] }, 422, 'invalid_addresses'],
    [{ addresses: ['example.org'] }, 422, 'invalid_addresses'],
    [{ addresses: Array.from({ length: 1001 }, (_, i) => `8.8.${i >> 8}.${i & 255}`) }, 422, 'too_many_addresses'],
  ] as const) {
    const res = await geolookup(body);
    assert.equal(res.status, status, JSON.stringify(body).slice(0, 60));
    assert.equal(res.body.error, code, JSON.stringify(body).slice(0, 60));
  }
  assert.equal((await geolookup({ addresses: Array.from({ length: 1000 }, (_, i) => `8.8.${i >> 8}.${i & 255}`) })).status, 200);
});

test('asnmeta: the organisation name, "Unknown" when none; a missing or bad asn is 400', async () => {
  const get = async (q: string) => {
    const res = await h.get(`/api/_/asnmeta${q}`);
    return { status: res.status, cache: res.headers.get('cache-control'), body: (await res.json()) as any };
  };
  assert.deepEqual(await get('?asn=15169'), { status: 200, cache: 'max-age=7200', body: { org_name: 'Google LLC' } });
  assert.deepEqual((await get('?asn=AS3269')).body, { org_name: 'Telecom Italia S.p.A.' });
  assert.deepEqual((await get('?asn=0')).body, { org_name: 'Unknown' });
  // an ASN no line of the package has (grep ',4000000000,' finds none)
  assert.deepEqual((await get('?asn=4000000000')).body, { org_name: 'Unknown' });
  const missing = await get('');
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error, 'missing_parameter');
  const bad = await get('?asn=google');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error, 'invalid_parameter');
});

test('networks: every measured ASN with its all-time count and organisation ("" when unknown)', async () => {
  const empty = await h.json('/api/_/networks');
  assert.deepEqual(empty.body, { v: 0, results: [] });
  const rows = (day: string, probeCc: string, probeAsn: number, testName: string, n: number) =>
    Array.from({ length: n }, () => fpRow({ measurementStartTime: new Date(`${day}T10:00:00Z`), probeCc, probeAsn, testName }));
  await h.db.db
    .insert(fastpath)
    .values([
      ...rows('2024-01-01', 'US', 15169, 'web_connectivity', 3),
      ...rows('2024-01-02', 'US', 15169, 'signal', 4),
      ...rows('2020-05-01', 'CA', 15169, 'web_connectivity', 1),
      ...rows('2024-01-01', 'IT', 3269, 'web_connectivity', 7),
      ...rows('2024-01-01', 'IT', 4000000000, 'web_connectivity', 2),
    ]);
  const { status, body, res } = await h.json('/api/_/networks');
  assert.equal(status, 200);
  assert.equal(res.headers.get('cache-control'), 'max-age=7200');
  assert.deepEqual(body, {
    v: 0,
    results: [
      { probe_asn: 3269, cnt: 7, org_name: 'Telecom Italia S.p.A.' },
      { probe_asn: 15169, cnt: 8, org_name: 'Google LLC' },
      { probe_asn: 4000000000, cnt: 2, org_name: '' },
    ],
  });
});
