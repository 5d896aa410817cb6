// Per-nettest transformers (§2.7–§2.9) on fixtures and small hand-made measurements; expected
// values follow from the reference text and, for fixtures, from reading the fixture by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asOn, parseAsOrgMap } from '../../../domain/enrichment/as-history.ts';
import type { IpDatabase } from '../../../domain/enrichment/lookup.ts';
import { measurementToObservations } from '../../../domain/observations/index.ts';
import { uidTimes } from '../../../domain/observations/uid-times.ts';
import type { ObservationResult, ObsHttpMiddleboxRow } from '../../../domain/observations/types.ts';
import { ctx, measurement, readFixture, UID } from './helpers.ts';

function ok(r: ObservationResult): Extract<ObservationResult, { ok: true }> {
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r;
}

function hirl(tk: Record<string, unknown>): ObsHttpMiddleboxRow {
  const r = ok(measurementToObservations(measurement('http_invalid_request_line', tk), UID, ctx));
  assert.equal(r.obs_http_middlebox.length, 1);
  assert.equal(r.obs_web.length, 0);
  return r.obs_http_middlebox[0]!;
}

const LINES = [
  'XyZw / HTTP/1.1\n\r',
  'aaaaa bbbbb ccccc ddddd\n\r',
  `${'A'.repeat(1024)} / HTTP/1.1\n\r`,
  'GET / HTTP/9.z\n\r',
  'GET cache_object://localhost/ HTTP/1.0\n\r',
];

test('HIRL: untouched lines → success, no slots; each tampered line lands in its slot; success stays true', () => {
  const same = hirl({ sent: LINES, received: LINES });
  assert.deepEqual([same.hirl_success, same.hirl_failure, same.observation_idx, same.created_at], [true, null, 1, ctx.createdAt]);
  assert.deepEqual([same.hirl_sent_0, same.hirl_received_0, same.hirl_sent_4], [null, null, null]);
  for (let slot = 0; slot < 5; slot++) {
    const received = LINES.map((l, i) => (i === slot ? `HTTP/1.1 400 Bad\r\n${i}` : l));
    const row = hirl({ sent: LINES, received });
    assert.equal(row.hirl_success, true);
    assert.equal(row[`hirl_sent_${slot as 0 | 1 | 2 | 3 | 4}`], LINES[slot]);
    assert.equal(row[`hirl_received_${slot as 0 | 1 | 2 | 3 | 4}`], `HTTP/1.1 400 Bad\r\n${slot}`);
    for (let other = 0; other < 5; other++) if (other !== slot) assert.equal(row[`hirl_sent_${other as 0 | 1 | 2 | 3 | 4}`], null);
  }
});

test('HIRL failures: missing_sent, missing_received, missing_received_<i>, unknown_payload (§11 #11)', () => {
  assert.deepEqual([hirl({ sent: [], received: LINES }).hirl_failure, hirl({}).hirl_success], ['missing_sent', false]);
  assert.equal(hirl({ sent: LINES, received: null }).hirl_failure, 'missing_received');
  const short = hirl({ sent: LINES, received: LINES.slice(0, 3) });
  assert.deepEqual([short.hirl_failure, short.hirl_success], ['missing_received_3', false]);
  const odd = hirl({ sent: ['PUT /x HTTP/1.1', ...LINES.slice(1)], received: ['nope', ...LINES.slice(1)] });
  assert.deepEqual([odd.hirl_failure, odd.hirl_success], ['unknown_payload', false]);
  // the spec's 2016 example has no sent/received lists at all
  const spec = ok(measurementToObservations(readFixture('v5', 'http_invalid_request_line_bk-001-ooni-backend.json'), UID, ctx));
  assert.equal(spec.obs_http_middlebox[0]!.hirl_failure, 'missing_sent');
});

test('HHFM: missing_requests, the request failure, missing_response_body, malformed_request, success; hfm_diff NULL', () => {
  const row = (tk: Record<string, unknown>) =>
    ok(measurementToObservations(measurement('http_header_field_manipulation', tk), UID, ctx)).obs_http_middlebox[0]!;
  const f1 = ok(measurementToObservations(readFixture('fastpath', 'http_header_field_manipulation_1.json'), UID, ctx)).obs_http_middlebox[0]!;
  assert.deepEqual([f1.hfm_failure, f1.hfm_success], ['missing_requests', false]);
  const f3 = ok(measurementToObservations(readFixture('fastpath', 'http_header_field_manipulation_3.json'), UID, ctx)).obs_http_middlebox[0]!;
  assert.deepEqual([f3.hfm_failure, f3.hfm_success], ['connection_refused_error', false]);
  assert.equal(row({ requests: [{ request: { headers: {} } }] }).hfm_failure, 'missing_response');
  assert.equal(row({ requests: [{ request: { headers: {} }, response: { code: 200 } }] }).hfm_failure, 'missing_response_body');
  assert.equal(row({ requests: [{ request: {}, response: { body: '{}' } }] }).hfm_failure, 'malformed_request');
  const good = row({ requests: [{ request: { headers: { Host: 'x' } }, response: { body: '{}' } }] });
  assert.deepEqual([good.hfm_success, good.hfm_failure, good.hfm_diff, good.hirl_success], [true, null, null, null]);
});

test('echcheck: tls_handshakes as is (0.2.0), else [control, target] with the target GREASE (0.1.x)', () => {
  const v2 = ok(measurementToObservations(readFixture('v5', 'echcheck.json'), UID, ctx)).obs_web;
  assert.deepEqual(
    v2.map((r) => r.tls_echconfig),
    ['', 'GREASE', 'GREASE'],
  );
  const handshake = { address: '1.1.1.1:443', server_name: 'cloudflare.com', t: 1, failure: null };
  const v1 = ok(
    measurementToObservations(measurement('echcheck', { control: handshake, target: { ...handshake, echconfig: 'AEX+DQ', t: 2 } }), UID, ctx),
  ).obs_web;
  assert.deepEqual(
    v1.map((r) => [r.observation_idx, r.tls_echconfig, r.tls_t, r.hostname]),
    [
      [1, '', 1, 'cloudflare.com'],
      [2, 'GREASE', 2, 'cloudflare.com'],
    ],
  );
});

test('dnscheck: bootstrap rows first, then every lookup; observation_idx runs across calls', () => {
  const raw = readFixture('v5', 'dnscheck.json');
  const rows = ok(measurementToObservations(raw, UID, ctx)).obs_web;
  assert.deepEqual(
    rows.map((r) => r.observation_idx),
    rows.map((_, i) => i + 1),
  );
  // bootstrap: two system queries of dns.google with two answers each
  assert.deepEqual(
    rows.slice(0, 4).map((r) => [r.dns_engine, r.hostname]),
    Array(4).fill(['system', 'dns.google']),
  );
  assert.ok(rows.slice(4).every((r) => r.dns_engine !== 'system'));
});

test('tor: one call per target, target_id = its key', () => {
  const raw = readFixture('v5', 'tor.json');
  const keys = Object.keys((raw.test_keys as { targets: object }).targets);
  const rows = ok(measurementToObservations(raw, UID, ctx)).obs_web;
  assert.ok(rows.length >= keys.length);
  assert.ok(rows.every((r) => r.target_id !== null && keys.includes(r.target_id)));
  assert.deepEqual(
    rows.map((r) => r.observation_idx),
    rows.map((_, i) => i + 1),
  );
  assert.deepEqual(ok(measurementToObservations(measurement('tor', { targets: null }), UID, ctx)).obs_web, []);
});

test('browser_web: one row, result and load time; idx 1 and created_at set (§11 #12)', () => {
  const [row, ...rest] = ok(measurementToObservations(readFixture('fastpath', 'browser_web_error.json'), UID, ctx)).obs_web;
  assert.equal(rest.length, 0);
  assert.deepEqual(
    [row!.http_failure, row!.http_runtime, row!.observation_idx, row!.created_at, row!.hostname, row!.ip],
    ['error', 680, 1, ctx.createdAt, null, null],
  );
});

test('stunreachability: DNS only (the probe name; the spec example says "stun_reachability", which has no transformer)', () => {
  const raw = readFixture('v5', 'stun_reachability.json');
  assert.deepEqual(ok(measurementToObservations(raw, UID, ctx)).obs_web, []);
  const rows = ok(measurementToObservations({ ...raw, test_name: 'stunreachability' }, UID, ctx)).obs_web;
  assert.deepEqual(
    rows.map((r) => [r.dns_engine, r.dns_query_type, r.dns_answer, r.hostname, r.tcp_success]),
    [
      ['system', 'A', '108.177.15.127', 'stun.l.google.com', null],
      ['system', 'AAAA', '2a00:1450:400c:c07::7f', 'stun.l.google.com', null],
    ],
  );
});

test('facebook_messenger: DNS + TCP only, every endpoint and its target', () => {
  const rows = ok(measurementToObservations(readFixture('v5', 'facebook_messenger.json'), UID, ctx)).obs_web;
  // 13 answers; each of the 6 TCP connects matches one answer IP, so no TCP-only rows
  assert.equal(rows.length, 13);
  assert.equal(rows.filter((r) => r.tcp_success !== null).length, 6);
  const endpoints = [
    'b-api.facebook.com',
    'b-graph.facebook.com',
    'edge-mqtt.facebook.com',
    'external.xx.fbcdn.net',
    'scontent.xx.fbcdn.net',
    'star.c10r.facebook.com',
    'stun.fbsbx.com',
  ];
  assert.deepEqual([...new Set(rows.map((r) => r.hostname))].sort(), endpoints);
  assert.deepEqual(
    [...new Set(rows.map((r) => r.target_id))].sort(),
    ['b_api', 'b_graph', 'edge', 'external_cdn', 'scontent_cdn', 'star', 'stun'].map((s) => `facebook_messenger/${s}`),
  );
});

test('uid times: bucket_date = receive day, created_at = receive time (ms)', () => {
  assert.deepEqual(uidTimes('20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3'), {
    bucketDate: '2025-05-27',
    createdAt: '2025-05-27 23:31:11.802',
  });
  assert.equal(uidTimes('signal_022'), null);
  assert.equal(uidTimes('2025052723311x.802678_ID_x_0'), null);
});

test('meta: input list joined with ":", ooni_run_link_id stringified, annotations default "unknown", scrubbed resolver', () => {
  const r = ok(
    measurementToObservations(
      measurement(
        'urlgetter',
        { client_resolver: '[scrubbed]', queries: [{ engine: 'system', hostname: 'x', query_type: 'A', t: 1 }] },
        {
          input: ['a', 'b'],
          annotations: { ooni_run_link_id: 10042, platform: 'linux' },
          resolver_ip: '[scrubbed]',
          resolver_asn: 'AS3269',
          resolver_network_name: 'TIM',
          probe_id: 'p'.repeat(64),
        },
      ),
      UID,
      ctx,
    ),
  );
  const row = r.obs_web[0]!;
  assert.deepEqual(
    [
      row.input,
      row.ooni_run_link_id,
      row.platform,
      row.network_type,
      row.resolver_is_scrubbed,
      row.resolver_ip,
      row.resolver_asn,
      row.resolver_as_org_name,
      row.resolver_cc,
      row.probe_id,
    ],
    ['a:b', '10042', 'linux', 'unknown', true, '', 3269, 'TIM', '', 'p'.repeat(64)],
  );
  // AS0 and private ASNs: lookup_asn's fixed answers
  const zero = ok(measurementToObservations(measurement('urlgetter', { queries: [{ hostname: 'x' }] }, { probe_asn: 'AS0' }), UID, ctx)).obs_web[0]!;
  assert.deepEqual([zero.probe_as_org_name, zero.probe_as_cc, zero.probe_as_name], ['Unknown', 'ZZ', 'Unknown']);
  const priv = ok(measurementToObservations(measurement('urlgetter', { queries: [{ hostname: 'x' }] }, { probe_asn: 'AS64512' }), UID, ctx))
    .obs_web[0]!;
  assert.deepEqual([priv.probe_as_org_name, priv.probe_as_cc], ['Private use (RFC1930)', 'ZZ']);
});

test('probe AS metadata from an AS history (ENRICHMENT_AS_ORG_MAP) as of the measurement start day, on every row', () => {
  const history = parseAsOrgMap({
    30722: [
      ['Vodafone Omnitel B.V.', 'IT', '20050101', 'VODAFONE-IT-ASN', 'RIPE'],
      ['Vodafone Italia S.p.A.', 'IT', '20240102', 'VODAFONE-IT', 'RIPE'],
    ],
  });
  const ipDb: IpDatabase = { version: 'h', record: () => undefined, orgName: () => 'table', asOn: (n, d) => asOn(history, n, d) };
  const keys = { queries: [{ hostname: 'x' }, { hostname: 'y' }] };
  const asOf = (start: string) =>
    ok(measurementToObservations(measurement('urlgetter', keys, { measurement_start_time: start }), UID, { ...ctx, ipDb })).obs_web.map((r) => [
      r.probe_as_org_name,
      r.probe_as_cc,
      r.probe_as_name,
    ]);
  assert.deepEqual(asOf('2024-01-01 23:59:59'), [
    ['Vodafone Omnitel B.V.', 'IT', 'VODAFONE-IT-ASN'],
    ['Vodafone Omnitel B.V.', 'IT', 'VODAFONE-IT-ASN'],
  ]);
  assert.deepEqual(asOf('2024-01-02 00:00:00'), [
    ['Vodafone Italia S.p.A.', 'IT', 'VODAFONE-IT'],
    ['Vodafone Italia S.p.A.', 'IT', 'VODAFONE-IT'],
  ]);
});
