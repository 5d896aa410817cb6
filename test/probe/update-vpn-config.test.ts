// PUT /api/v1/update/{client_id} and GET /api/v2/ooniprobe/vpn-config/{provider} through the real app
// (createApp with a real database), as OONI's ooniprobe service answers them; neither is rate limited.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { loadVpnProviders } from '../../api/probe/vpn-config.ts';
import { createQueryHarness, type QueryHarness } from '../helpers/query/harness.ts';

const VPN_FILE = fileURLToPath(new URL('../fixtures/probe/vpn-config.json', import.meta.url));
const SAMPLE_CERT = '-----BEGIN CERTIFICATE-----\nSAMPLE CERTIFICATE\n-----END CERTIFICATE-----\n';
const SAMPLE_KEY = '-----BEGIN RSA PRIVATE KEY-----\nSAMPLE KEY\n-----END RSA PRIVATE KEY-----\n';
const RISEUP_ENDPOINTS = [
  'openvpn://riseupvpn.corp/?address=192.0.2.1:1194&transport=tcp',
  'openvpn://riseupvpn.corp/?address=192.0.2.1:1194&transport=udp',
  'openvpn://riseupvpn.corp/?address=192.0.2.2:80&transport=tcp',
  'openvpn://riseupvpn.corp/?address=192.0.2.2:53&transport=udp',
  'openvpn://riseupvpn.corp/?address=192.0.2.3:1194&transport=tcp',
  'openvpn://riseupvpn.corp/?address=192.0.2.3:443&transport=tcp',
];

let h: QueryHarness;
let bare: QueryHarness;
before(async () => {
  h = await createQueryHarness({ VPN_CONFIG_FILE: VPN_FILE });
  bare = await createQueryHarness();
});
after(async () => {
  await h.close();
  await bare.close();
});

const put = (path: string, body: string) => h.request(path, { method: 'PUT', body, headers: { 'Content-Type': 'application/json' } });

// ooniprobe tests/test_probe_auth.py _get_update_data()
const UPDATE = {
  probe_cc: 'IT',
  probe_asn: 'AS1234',
  platform: 'android',
  software_name: 'ooni-testing',
  software_version: '0.0.1',
  supported_tests: ['web_connectivity'],
  network_type: 'wifi',
  available_bandwidth: '100',
  language: 'en',
  token: 'XXXX-TESTING',
  password: 'testingPassword',
};

test('update: any client_id and a body of the registry fields → {"status":"ok"}, nothing echoed, not metered', async () => {
  for (const clientId of ['BOGUSBOGUS', 'eyJhbGciOiJIUzI1NiJ9.e30.x', 'abc']) {
    const res = await put(`/api/v1/update/${clientId}`, JSON.stringify(UPDATE));
    assert.equal(res.status, 200, clientId);
    const text = await res.text();
    assert.deepEqual(JSON.parse(text), { status: 'ok' });
    assert.ok(!text.includes('testingPassword'));
    assert.equal(res.headers.get('X-RateLimit-Remaining'), null);
  }
  // every field optional, null as absent, unknown fields ignored, as the pydantic model
  for (const body of [{}, { probe_cc: null, supported_tests: null }, { extra: 1, probe_family: 'x', probe_id: 'y' }]) {
    const res = await put('/api/v1/update/x', JSON.stringify(body));
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.deepEqual(await res.json(), { status: 'ok' });
  }
});

test('update: the body (password, token, probe id) is kept in no table', async () => {
  const secret = { ...UPDATE, password: 'pw-7f3a9c-never-stored', token: 'tok-7f3a9c-never-stored', probe_id: 'id-7f3a9c-never-stored' };
  assert.equal((await put('/api/v1/update/client-7f3a9c', JSON.stringify(secret))).status, 200);
  const tables = await h.db.sql<{ t: string }[]>`select table_name as t from information_schema.tables where table_schema = 'public'`;
  assert.ok(tables.length > 10);
  for (const { t } of tables) {
    const [row] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from ${h.db.sql(t)} x where x::text like '%7f3a9c%'`;
    assert.equal(row!.n, 0, t);
  }
});

test('update: wrong field types → 422 invalid_probe_update naming them; not JSON → 400; GET is not a route', async () => {
  const res = await put('/api/v1/update/x', JSON.stringify({ probe_cc: 5, supported_tests: 'web_connectivity' }));
  assert.equal(res.status, 422);
  assert.deepEqual(await res.json(), { error: 'invalid_probe_update', message: 'wrong type for: probe_cc, supported_tests' });
  const list = await put('/api/v1/update/x', JSON.stringify({ supported_tests: ['a', 1] }));
  assert.equal(list.status, 422);
  for (const body of ['not json', '[1]', '"x"']) {
    const r = await put('/api/v1/update/x', body);
    assert.equal(r.status, 400, body);
    assert.equal(((await r.json()) as { error: string }).error, 'invalid_json');
  }
  assert.equal((await h.get('/api/v1/update/x')).status, 404);
});

test('vpn-config: the configured provider with its credentials and 4 of its endpoints, date_updated with microseconds', async () => {
  const seen = new Set<string>();
  for (let i = 0; i < 8; i++) {
    const res = await h.get('/api/v2/ooniprobe/vpn-config/riseupvpn');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('X-RateLimit-Remaining'), null);
    const j = (await res.json()) as Record<string, any>;
    assert.deepEqual(Object.keys(j).sort(), ['config', 'date_updated', 'endpoints', 'protocol', 'provider']);
    assert.equal(j.provider, 'riseupvpn');
    assert.equal(j.protocol, 'openvpn');
    assert.deepEqual(j.config, { ca: SAMPLE_CERT, cert: SAMPLE_CERT, key: SAMPLE_KEY });
    assert.ok(j.config.cert.startsWith('-----BEGIN CERTIFICATE'));
    assert.ok(j.config.key.startsWith('-----BEGIN RSA PRIVATE KEY'));
    assert.equal(j.date_updated, '2024-01-10T08:00:00.000000Z');
    assert.equal(j.endpoints.length, 4);
    assert.equal(new Set(j.endpoints).size, 4);
    for (const e of j.endpoints) {
      assert.ok(RISEUP_ENDPOINTS.includes(e), e);
      seen.add(e);
    }
  }
  assert.ok(seen.size > 4, 'the 4 endpoints are a sample, not always the same');
  const t = (await h.json('/api/v2/ooniprobe/vpn-config/testvpn')).body;
  assert.deepEqual(t, {
    provider: 'testvpn',
    protocol: 'openvpn',
    config: { ca: 'CA', cert: 'CERT', key: 'KEY' },
    date_updated: '2023-12-31T23:00:00.123000Z',
    endpoints: ['openvpn://testvpn.corp/?address=198.51.100.7:1194&transport=udp'],
  });
});

test('vpn-config: an unknown provider (or none configured) → 404 "provider not found"', async () => {
  for (const [app, name] of [
    [h, 'nsavpn'],
    [h, 'constructor'],
    [bare, 'riseupvpn'],
  ] as const) {
    const { status, body } = await app.json(`/api/v2/ooniprobe/vpn-config/${name}`);
    assert.equal(status, 404, name);
    assert.deepEqual(body, { error: 'vpn_provider_not_found', message: 'provider not found' });
  }
});

test('VPN_CONFIG_FILE: a missing or malformed file stops the start naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpn-'));
  try {
    const file = join(dir, 'vpn.json');
    assert.throws(() => loadVpnProviders(file), new RegExp(`VPN_CONFIG_FILE ${file}`));
    writeFileSync(file, JSON.stringify({ riseupvpn: { config: { ca: 'a', cert: 'b' }, date_updated: '2024-01-01T00:00:00Z' } }));
    assert.throws(() => loadVpnProviders(file), /key/);
    writeFileSync(file, JSON.stringify({ riseupvpn: { config: { ca: 'a', cert: 'b', key: 'c' }, date_updated: 'yesterday' } }));
    assert.throws(() => loadVpnProviders(file), /date_updated/);
    writeFileSync(file, '{');
    assert.throws(() => loadVpnProviders(file), /VPN_CONFIG_FILE/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
