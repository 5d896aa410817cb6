// ooni-data.md §12 "Observations", one test per item, on small hand-made measurements whose
// expected rows follow from the reference text (§2.5–§2.9, §4.1, §11).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseFailure } from '../../../domain/observations/failure.ts';
import { measurementToObservations } from '../../../domain/observations/index.ts';
import type { ObsWebRow } from '../../../domain/observations/types.ts';
import { ctx, measurement, readFixture, UID } from './helpers.ts';

function web(testName: string, tk: Record<string, unknown>, extra: Record<string, unknown> = {}): ObsWebRow[] {
  const r = measurementToObservations(measurement(testName, tk, extra), UID, ctx);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.obs_web;
}

test('failure normalisation: falsy → NULL, true → "true", unknown_failure mapped by first substring', () => {
  assert.equal(normaliseFailure(null), null);
  assert.equal(normaliseFailure(''), null);
  assert.equal(normaliseFailure(false), null);
  assert.equal(normaliseFailure(true), 'true');
  assert.equal(normaliseFailure('connection_reset'), 'connection_reset');
  assert.equal(normaliseFailure('unknown_failure: dial tcp: connect: network is unreachable'), 'network_unreachable');
  assert.equal(normaliseFailure('unknown_failure: lookup x on 1.1.1.1:53: server misbehaving'), 'dns_server_misbehaving');
  // ": read: connection refused" comes before "read: connection refused": both give the same name
  assert.equal(normaliseFailure('unknown_failure: read tcp 1.2.3.4:1->5.6.7.8:443: read: connection refused'), 'connection_refused');
  assert.equal(normaliseFailure('unknown_failure: wsarecv: An existing connection was forcibly closed by the remote host.'), 'connection_reset');
  assert.equal(normaliseFailure('unknown_failure: address family not supported by protocol'), 'address_family_not_supported');
  // only texts starting with unknown_failure are rewritten
  assert.equal(normaliseFailure('generic_timeout_error: connect: operation timed out'), 'generic_timeout_error: connect: operation timed out');
  assert.equal(normaliseFailure('unknown_failure: connect: operation timed out'), 'timed_out');
});

test('DNS: one row per answer, one for a query without answers; ipv4 → ipv6 → hostname; probe asn defaults', () => {
  const rows = web('urlgetter', {
    queries: [
      {
        engine: 'system',
        hostname: 'a.example',
        query_type: 'ANY',
        resolver_address: '',
        t: 0.5,
        failure: null,
        answers: [
          { answer_type: 'A', ipv4: '93.184.216.34', asn: 15133, as_org_name: 'Edgecast' },
          { answer_type: 'AAAA', ipv6: '2606:2800:220:1:248:1893:25c8:1946' },
          { answer_type: 'CNAME', hostname: 'b.example' },
        ],
      },
      { engine: 'udp', hostname: 'c.example', query_type: 'A', resolver_address: '8.8.8.8:53', t: 0.7, failure: 'dns_nxdomain_error', answers: null },
    ],
  });
  assert.deepEqual(
    rows.map((r) => [
      r.observation_idx,
      r.hostname,
      r.dns_answer_type,
      r.dns_answer,
      r.dns_answer_asn,
      r.dns_answer_as_org_name,
      r.ip,
      r.dns_failure,
    ]),
    [
      [1, 'a.example', 'A', '93.184.216.34', 15133, 'Edgecast', '93.184.216.34', null],
      [2, 'a.example', 'AAAA', '2606:2800:220:1:248:1893:25c8:1946', 0, '', '2606:2800:220:1:248:1893:25c8:1946', null],
      [3, 'a.example', 'CNAME', 'b.example', 0, '', null, null],
      [4, 'c.example', null, null, null, null, null, 'dns_nxdomain_error'],
    ],
  );
  assert.equal(rows[3]!.dns_engine_resolver_address, '8.8.8.8:53');
});

test('TCP: non-IP entries skipped unless [scrubbed]; [scrubbed] → scrubbed', () => {
  const rows = web('urlgetter', {
    tcp_connect: [
      { ip: 'www.example.org', port: 80, status: { success: true, failure: null }, t: 1 },
      { ip: '[scrubbed]', port: 443, status: { success: false, failure: 'connection_refused' }, t: 2 },
      { ip: '1.2.3.4', port: 443, status: { success: true, failure: null }, t: 3 },
    ],
  });
  assert.deepEqual(
    rows.map((r) => [r.ip, r.port, r.tcp_success, r.tcp_failure, r.tcp_t, r.ip_is_bogon, r.ip_cc]),
    [
      ['scrubbed', 443, false, 'connection_refused', 2, false, 'ZZ'],
      ['1.2.3.4', 443, true, null, 3, false, 'ZZ'],
    ],
  );
});

const HANDSHAKE = { address: '1.2.3.4:443', t: 2.5, tls_version: 'TLSv1.3', cipher_suite: 'TLS_AES_128_GCM_SHA256', failure: null };

test('TLS: empty-string defaults; is_certificate_valid three ways (NULL when no_tls_verify absent)', () => {
  const rows = web('urlgetter', {
    tls_handshakes: [
      { address: '1.1.1.1:443', t: 1, failure: null, no_tls_verify: false },
      { address: '1.1.1.2:443', t: 1, failure: 'ssl_unknown_authority', no_tls_verify: false },
      { address: '1.1.1.3:443', t: 1, failure: 'generic_timeout_error', no_tls_verify: false },
      { address: '1.1.1.4:443', t: 1, failure: null },
      { address: '1.1.1.5:443', t: 1, failure: null, no_tls_verify: true },
    ],
  });
  assert.deepEqual(
    rows.map((r) => r.tls_is_certificate_valid),
    [true, false, null, null, null],
  );
  const r = rows[0]!;
  assert.deepEqual([r.tls_server_name, r.tls_outer_server_name, r.tls_echconfig, r.tls_version, r.tls_cipher_suite], ['', '', '', '', '']);
  assert.deepEqual([r.ip, r.port, r.tls_t, r.tls_certificate_chain_length, r.tls_handshake_time], ['1.1.1.1', 443, 1, null, null]);
});

test('TLS network events without transaction ids: the connect…tls_handshake_done window ending at t', () => {
  const rows = web('urlgetter', {
    tls_handshakes: [HANDSHAKE],
    network_events: [
      { operation: 'connect', address: '9.9.9.9:443', t: 0.1 },
      { operation: 'tls_handshake_done', t: 0.2 },
      { operation: 'connect', address: '1.2.3.4:443', t: 2.0 },
      { operation: 'write', num_bytes: 300, t: 2.1 },
      { operation: 'read', num_bytes: 0, t: 2.2 },
      { operation: 'read', num_bytes: 1200, t: 2.3 },
      { operation: 'write', num_bytes: 0, t: 2.4 },
      { operation: 'tls_handshake_done', t: 2.5 },
    ],
  });
  const r = rows[0]!;
  assert.equal(r.tls_handshake_write_count, 1);
  assert.equal(r.tls_handshake_write_bytes, 300);
  assert.equal(r.tls_handshake_read_count, 1);
  assert.equal(r.tls_handshake_read_bytes, 1200);
  // a write with no bytes still counts as the last operation, with the count so far
  assert.equal(r.tls_handshake_last_operation, 'write_1');
  assert.ok(Math.abs(r.tls_handshake_time! - 0.5) < 1e-9);
  assert.equal(r.ip, '1.2.3.4');
});

test('TLS network events with transaction ids: by id and sorted by t; a mismatch does not abort (§11 #6)', () => {
  const events = [
    { operation: 'read', num_bytes: 100, t: 3.0, transaction_id: 7, address: '1.2.3.4:443' },
    { operation: 'write', num_bytes: 50, t: 2.8, transaction_id: 7, address: '1.2.3.4:443' },
    { operation: 'write', num_bytes: 99, t: 2.9, transaction_id: 8, address: '5.6.7.8:443' },
  ];
  const [r] = web('urlgetter', { tls_handshakes: [{ ...HANDSHAKE, transaction_id: 7 }], network_events: events });
  assert.deepEqual([r!.tls_handshake_write_count, r!.tls_handshake_read_count, r!.tls_handshake_last_operation], [1, 1, 'read_1']);
  assert.ok(Math.abs(r!.tls_handshake_time! - 0.2) < 1e-9);
  // no event of that id / first event at another address: upstream crashes; we keep the handshake, no counters
  for (const tid of [9, 8]) {
    const r2 = measurementToObservations(
      measurement('urlgetter', { tls_handshakes: [{ ...HANDSHAKE, transaction_id: tid }], network_events: events }),
      UID,
      ctx,
    );
    assert.ok(r2.ok);
    assert.equal(r2.obs_web.length, 1);
    assert.equal(r2.obs_web[0]!.tls_handshake_write_count, null);
    assert.equal(r2.obs_web[0]!.ip, '1.2.3.4');
  }
});

test('TLS certificates: chain fingerprints exclude the leaf; leaf metadata as RFC 4514; Signal CA store validates', () => {
  const raw = readFixture('fastpath', 'signal_022.json');
  const r = measurementToObservations(raw, UID, ctx);
  assert.ok(r.ok);
  const row = r.obs_web.find((w) => w.hostname === 'api.directory.signal.org' && w.tls_certificate_chain_length !== null)!;
  // values read with `openssl x509 -inform der -nameopt RFC2253 -subject -issuer -dates -fingerprint -sha256`
  assert.equal(row.tls_certificate_chain_length, 2);
  assert.equal(row.tls_end_entity_certificate_fingerprint, 'be41c919bc74eeb70e66e3c6573c5af14c0aec486a42ea4e3a239637c453b6ca');
  assert.deepEqual(row.tls_certificate_chain_fingerprints, ['ddb0f92bb95c8d6fd202ea6e8cc5ccd182b544f8cd696f47d580659ddc9df65a']);
  assert.equal(row.tls_end_entity_certificate_subject, '');
  assert.equal(row.tls_end_entity_certificate_subject_common_name, '');
  assert.equal(row.tls_end_entity_certificate_issuer, 'CN=Signal Messenger,O=Signal Messenger\\, LLC,L=Mountain View,ST=California,C=US');
  assert.equal(row.tls_end_entity_certificate_issuer_common_name, 'Signal Messenger');
  assert.deepEqual(row.tls_end_entity_certificate_san_list, ['api.directory.signal.org']);
  assert.equal(row.tls_end_entity_certificate_not_valid_after, '2023-11-26 20:58:34.000');
  assert.equal(row.tls_end_entity_certificate_not_valid_before, '2022-10-26 15:09:49.000');
  // issued by the 2022 Signal root, valid at the measurement time (2022-11-18)
  assert.equal(row.tls_is_certificate_valid, true);
  assert.equal(row.target_id, 'signal/directory');
  // the same chain two years after the leaf expired is not valid
  const later = measurementToObservations({ ...raw, measurement_start_time: '2025-11-18 10:44:20' }, UID, ctx);
  assert.ok(later.ok);
  assert.equal(
    later.obs_web.find((w) => w.hostname === 'api.directory.signal.org' && w.tls_certificate_chain_length !== null)!.tls_is_certificate_valid,
    false,
  );
});

test('HTTP: network fallback and quic → udp; empty body → NULL length and sha1; redirect_from from the next element', () => {
  const rows = web('urlgetter', {
    requests: [
      {
        network: 'quic',
        request: { url: 'https://b.example/x', method: 'GET', body: '' },
        response: { code: 200, body: '', headers_list: [] },
        t: 2,
      },
      {
        request: { url: 'http://a.example/', x_transport: 'tcp', body: 'ab' },
        response: { code: 301, body: { format: 'base64', data: 'AAEC' }, headers_list: [['Location', 'https://b.example/x']] },
        t: 1,
        t0: 0.25,
      },
      { request: null, response: { code: 200 } },
      { request: { url: 'http://c.example/' }, t: 3 },
    ],
  });
  assert.deepEqual(
    rows.map((r) => [
      r.http_request_url,
      r.http_network,
      r.hostname,
      r.http_request_redirect_from,
      r.http_response_body_length,
      r.http_request_body_length,
      r.http_runtime,
      r.http_request_method,
    ]),
    [
      ['https://b.example/x', 'udp', 'b.example', 'http://a.example/', null, 0, null, 'GET'],
      ['http://a.example/', 'tcp', 'a.example', null, 3, 2, 0.75, ''],
      ['http://c.example/', 'tcp', 'c.example', null, null, 0, null, ''],
    ],
  );
  assert.equal(rows[0]!.http_response_body_sha1, null);
  // sha1 of the bytes 00 01 02 (python3 -c "import hashlib;print(hashlib.sha1(bytes([0,1,2])).hexdigest())")
  assert.equal(rows[1]!.http_response_body_sha1, '0c7a623fd2bbc05b06423be359e4021d36e721ad');
  assert.equal(rows[1]!.http_response_header_location, 'https://b.example/x');
});

test('row linking: DNS → TCP → TLS → HTTP, transaction id before ip, pool removal, idx from 1', () => {
  const rows = web('urlgetter', {
    queries: [{ engine: 'getaddrinfo', hostname: 'x.example', query_type: 'A', t: 0.1, answers: [{ answer_type: 'A', ipv4: '1.1.1.1' }] }],
    tcp_connect: [
      { ip: '1.1.1.1', port: 443, status: { success: true }, t: 0.2, transaction_id: 5 },
      { ip: '1.1.1.1', port: 80, status: { success: true }, t: 0.3, transaction_id: 6 },
      { ip: '2.2.2.2', port: 443, status: { success: true }, t: 0.4, transaction_id: 7 },
    ],
    tls_handshakes: [
      { address: '1.1.1.1:443', t: 0.5, transaction_id: 6, server_name: 'x.example' },
      { address: '3.3.3.3:443', t: 0.6, transaction_id: 8, server_name: 'sni.example' },
      { address: '4.4.4.4:443', t: 0.7, transaction_id: 9, server_name: '4.4.4.4' },
    ],
    requests: [{ request: { url: 'https://z.example/' }, t: 0.9, transaction_id: 8 }],
  });
  assert.deepEqual(
    rows.map((r) => [r.observation_idx, r.hostname, r.ip, r.port, r.transaction_id, r.dns_answer, r.tcp_t, r.tls_t, r.http_t]),
    [
      // DNS answer 1.1.1.1 (no DNS transaction id): first TCP and first TLS with that ip
      [1, 'x.example', '1.1.1.1', 443, 5, '1.1.1.1', 0.2, 0.5, null],
      [2, null, '1.1.1.1', 80, 6, null, 0.3, null, null],
      [3, null, '2.2.2.2', 443, 7, null, 0.4, null, null],
      // TLS with transaction id 8 takes the HTTP of id 8; hostname from HTTP before SNI
      [4, 'z.example', '3.3.3.3', 443, 8, null, null, 0.6, 0.9],
      // an IP-literal SNI is no hostname
      [5, null, '4.4.4.4', 443, 9, null, null, 0.7, null],
    ],
  );
});

test('web_connectivity: probe_analysis false → "false", control DNS answers name rows without a hostname', () => {
  const tk = {
    blocking: false,
    tcp_connect: [{ ip: '5.5.5.5', port: 443, status: { success: true }, t: 1 }],
    control: { dns: { addrs: ['5.5.5.5'], failure: null }, tcp_connect: {} },
  };
  const rows = web('web_connectivity', tk);
  assert.deepEqual([rows[0]!.hostname, rows[0]!.probe_analysis], ['example.org', 'false']);
  assert.equal(web('web_connectivity', { ...tk, blocking: 'dns' })[0]!.probe_analysis, 'dns');
  assert.equal(web('web_connectivity', { ...tk, blocking: null })[0]!.probe_analysis, null);
});

test('ctrl rows: TLS without TCP uses the input hostname and sets ip/port (§11 #4); DNS-only IPs sorted and enriched (§11 #5)', () => {
  const r = measurementToObservations(
    measurement('web_connectivity', {
      control: {
        dns: { addrs: ['9.9.9.9', '10.0.0.1', '5.5.5.5'], failure: null },
        tcp_connect: { '5.5.5.5:443': { status: true, failure: null } },
        tls_handshake: { '6.6.6.6:443': { server_name: 'example.org', status: false, failure: 'ssl_invalid_hostname' } },
        http_request: { failure: 'connection_reset', body_length: -1 },
      },
    }),
    UID,
    ctx,
  );
  assert.ok(r.ok);
  assert.deepEqual(
    r.obs_web_ctrl.map((c) => [
      c.observation_idx,
      c.hostname,
      c.ip,
      c.port,
      c.dns_success,
      c.tcp_success,
      c.tls_success,
      c.tls_failure,
      c.ip_is_bogon,
      c.ip_asn,
      c.http_failure,
      c.http_success,
    ]),
    [
      [0, 'example.org', '5.5.5.5', 443, true, true, null, null, false, 0, null, null],
      [1, 'example.org', '6.6.6.6', 443, null, null, false, 'ssl_invalid_hostname', false, 0, null, null],
      // bogon flag and AS64666 on a DNS-only private address
      [2, 'example.org', '10.0.0.1', null, true, null, null, null, true, 64666, null, null],
      [3, 'example.org', '9.9.9.9', null, true, null, null, null, false, 0, null, null],
      [4, 'example.org', '', null, null, null, null, null, null, null, 'connection_reset', false],
    ],
  );
  // no control rows at all: control_failure, no control, no hostname in input
  for (const tk of [{ control_failure: 'x', control: { dns: { addrs: ['1.1.1.1'] } } }, { control: null }]) {
    const r2 = measurementToObservations(measurement('web_connectivity', tk), UID, ctx);
    assert.ok(r2.ok);
    assert.equal(r2.obs_web_ctrl.length, 0);
  }
  const r3 = measurementToObservations(
    measurement('web_connectivity', { control: { dns: { failure: 'dns_nxdomain_error' } } }, { input: 'not a url' }),
    UID,
    ctx,
  );
  assert.ok(r3.ok);
  assert.equal(r3.obs_web_ctrl.length, 0);
  const r4 = measurementToObservations(
    measurement('web_connectivity', { control: { dns: { failure: 'dns_nxdomain_error', addrs: null } } }),
    UID,
    ctx,
  );
  assert.ok(r4.ok);
  assert.deepEqual(
    r4.obs_web_ctrl.map((c) => [c.ip, c.dns_failure, c.dns_success]),
    [['', 'dns_nxdomain_error', null]],
  );
});

test('IM target ids: exact names, regexes, telegram IP pool', () => {
  const tcp = (ips: string[]) => ips.map((ip) => ({ ip, port: 443, status: { success: true }, t: 1 }));
  const q = (hosts: string[]) => hosts.map((hostname) => ({ engine: 'system', hostname, query_type: 'A', t: 1, answers: null }));
  assert.deepEqual(
    web('telegram', { tcp_connect: tcp(['149.154.167.51']), queries: q(['web.telegram.org', 'other.telegram.org']) }).map((r) => r.target_id),
    ['telegram/web', null, 'telegram/dc_pool'],
  );
  assert.deepEqual(
    web('whatsapp', { queries: q(['e1.whatsapp.net', 'e12.whatsapp.net', 'v.whatsapp.net', 'web.whatsapp.com', 'ex.whatsapp.net']) }).map(
      (r) => r.target_id,
    ),
    ['whatsapp/endpoints', 'whatsapp/endpoints', 'whatsapp/registration', 'whatsapp/web', null],
  );
  assert.deepEqual(
    web('signal', {
      queries: q([
        'chat.signal.org',
        'cdn.signal.org',
        'cdn3.signal.org',
        'cdsi.signal.org',
        'sfu.voip.signal.org',
        'storage.signal.org',
        'uptime.signal.org',
      ]),
    }).map((r) => r.target_id),
    ['signal/chat', 'signal/cdn', 'signal/cdn', 'signal/directory', 'signal/sfu', 'signal/storage', 'signal/uptime'],
  );
  // IP literals are not telegram's only: whatsapp keeps them untargeted
  assert.deepEqual(
    web('whatsapp', { tcp_connect: tcp(['1.2.3.4']) }).map((r) => r.target_id),
    [null],
  );
});

test('unknown test names: ok with no rows; unreadable shapes: ok:false with a reason', () => {
  const r = measurementToObservations(measurement('ndt', {}), UID, ctx);
  assert.deepEqual(r, { ok: true, obs_web: [], obs_web_ctrl: [], obs_http_middlebox: [] });
  for (const [m, reason] of [
    [null, /not a JSON object/],
    [measurement('web_connectivity', {}, { measurement_start_time: '2024-13-01 00:00:00' }), /measurement_start_time/],
    [measurement('web_connectivity', {}, { probe_asn: '30722' }), /probe_asn/],
    [measurement('web_connectivity', {}, { test_keys: null }), /test_keys/],
  ] as const) {
    const bad = measurementToObservations(m, UID, ctx);
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.match(bad.reason, reason);
  }
});
