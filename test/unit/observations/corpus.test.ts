// Every measurement fixture we have transforms: ok with sane rows (the §10.1 invariants), or — for
// the legacy spec examples without a measurement_start_time — a clear ok:false.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { measurementToObservations } from '../../../domain/observations/index.ts';
import type { ObservationResult } from '../../../domain/observations/types.ts';
import { ctx, FIXTURES, readFixture, UID } from './helpers.ts';

function checkInvariants(name: string, r: Extract<ObservationResult, { ok: true }>): void {
  const idx = r.obs_web.map((w) => w.observation_idx);
  assert.equal(new Set(idx).size, idx.length, `${name}: observation_idx unique`);
  assert.ok(
    idx.every((i) => i >= 1),
    `${name}: obs_web idx from 1`,
  );
  assert.deepEqual(
    r.obs_web_ctrl.map((c) => c.observation_idx),
    r.obs_web_ctrl.map((_, i) => i),
    `${name}: ctrl idx 0..n-1`,
  );
  // old probes (e.g. web_connectivity 0.1) record no `t` at all: the timing invariants are for those that do
  const timed = r.obs_web.some((w) => w.tcp_t !== null || w.dns_t !== null);
  for (const w of r.obs_web) {
    if (!timed) break;
    if (w.dns_engine !== null) assert.notEqual(w.dns_t, null, `${name}: dns_t with dns_engine`);
    if (w.tcp_success !== null) assert.notEqual(w.tcp_t, null, `${name}: tcp_t with tcp_success`);
    if (w.http_request_url !== null && w.test_name !== 'tor') assert.notEqual(w.http_t, null, `${name}: http_t with http_request_url`);
    if (w.tls_cipher_suite) assert.notEqual(w.tls_t, null, `${name}: tls_t with a cipher suite`);
  }
  for (const w of r.obs_web) {
    if (w.ip !== null) assert.equal(typeof w.ip_is_bogon, 'boolean', `${name}: ip rows are bogon-flagged`);
  }
  for (const c of r.obs_web_ctrl) if (c.ip !== '') assert.equal(typeof c.ip_is_bogon, 'boolean', `${name}: ctrl ip rows enriched`);
}

const folders = ['fastpath', 'v5', 'ooni-data-qa'];
const LEGACY = new Set(['http_header_field_manipulation.json', 'http_invalid_request_line.json', 'dummy_probe-cli-collector-update-request.json']);

for (const folder of folders) {
  test(`every ${folder} fixture transforms`, () => {
    const files = readdirSync(join(FIXTURES, folder)).filter(
      (f) => f.endsWith('.json') && !f.startsWith('expected_') && f !== 'expectations.json' && !f.startsWith('fingerprints_'),
    );
    assert.ok(files.length > 0);
    let rows = 0;
    for (const f of files) {
      const raw = readFixture(folder, f);
      const uid = typeof raw.measurement_uid === 'string' ? raw.measurement_uid : UID;
      const r = measurementToObservations(raw, uid, ctx);
      if (folder === 'v5' && LEGACY.has(f)) {
        assert.equal(r.ok, false, f);
        continue;
      }
      if (!r.ok) {
        // a few fastpath fixtures are deliberately broken (no test_keys, legacy YAML-era shapes)
        assert.match(r.reason, /test_keys missing|measurement_start_time|probe_asn/, `${folder}/${f}: ${r.reason}`);
        continue;
      }
      checkInvariants(`${folder}/${f}`, r);
      rows += r.obs_web.length + r.obs_web_ctrl.length + r.obs_http_middlebox.length;
    }
    assert.ok(rows > 0);
  });
}

test('the 50 QA measurements (web_connectivity 0.5) all transform with rows', () => {
  const files = readdirSync(join(FIXTURES, 'ooni-data-qa')).filter((f) => f.endsWith('.json') && f !== 'expectations.json');
  assert.equal(files.length, 50);
  for (const f of files) {
    const raw = readFixture('ooni-data-qa', f);
    assert.equal(raw.test_name, 'web_connectivity');
    const r = measurementToObservations(raw, f.replace(/\.json$/, ''), ctx);
    assert.ok(r.ok, f);
    assert.ok(r.obs_web.length > 0, `${f}: obs_web rows`);
  }
});
