// The worked example of the reference (ooni-data.md §5.5): the shared 15 KB fastpath fixture gives
// 3 obs_web and 3 obs_web_ctrl rows. Expected values are written from the reference text and the
// fixture's own fields (body hash and length computed with Python's hashlib), not from our output.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measurementToObservations } from '../../../domain/observations/index.ts';
import type { ObsWebCtrlRow, ObsWebRow } from '../../../domain/observations/types.ts';
import { ctx, readFixture } from './helpers.ts';
import { NO_DNS, NO_HTTP, NO_TCP, NO_TLS } from '../../helpers/unit/v5-rows.ts';

const UID = '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3';
const raw = readFixture('fastpath', `${UID}.json`);
const result = measurementToObservations(raw, UID, ctx);
assert.ok(result.ok);
const { obs_web: web, obs_web_ctrl: ctrl, obs_http_middlebox: middlebox } = result;

const META = {
  measurement_uid: UID,
  input: 'http://archive.org',
  report_id: '20250527T233104Z_webconnectivity_ID_23693_n1_Ukv1uRt9GZcoX2jT',
  ooni_run_link_id: '',
  measurement_start_time: '2025-05-27 23:31:08.000',
  software_name: 'ooniprobe-android',
  software_version: '5.0.6',
  test_name: 'web_connectivity',
  test_version: '0.4.3',
  bucket_date: '2025-05-27',
  transformer_version: '1',
  enrichment_version: 'none',
  created_at: '2025-05-27 23:31:11.802',
};
const PROBE = {
  probe_asn: 23693,
  probe_cc: 'ID',
  // no AS database: lookup_asn knows nothing of AS23693
  probe_as_org_name: '',
  probe_as_cc: '',
  probe_as_name: '',
  network_type: 'mobile',
  platform: 'android',
  origin: 'ooni-run',
  engine_name: 'ooniprobe-engine',
  engine_version: '3.25.0',
  architecture: 'arm64',
  resolver_ip: '66.185.119.247',
  // our lookup of the resolver IP (unknown without a database), not the probe's claim
  resolver_asn: 0,
  resolver_cc: 'ZZ',
  resolver_as_org_name: '',
  resolver_as_cc: '',
  resolver_is_scrubbed: false,
  resolver_asn_probe: 1288,
  resolver_as_org_name_probe: 'Packet Clearing House, Inc.',
  probe_id: '',
};
const UNKNOWN_IP = { ip_asn: 0, ip_as_org_name: '', ip_as_cc: '', ip_cc: 'ZZ', ip_is_bogon: false };
const NO_IP = { ip: null, port: null, ip_asn: null, ip_as_org_name: null, ip_as_cc: null, ip_cc: null, ip_is_bogon: null };
const WEB_BASE = { ...META, ...PROBE, target_id: null, transaction_id: null, probe_analysis: 'false', ...NO_DNS, ...NO_TCP, ...NO_TLS, ...NO_HTTP };

const expectedWeb: ObsWebRow[] = [
  {
    ...WEB_BASE,
    observation_idx: 1,
    hostname: 'archive.org',
    ip: '207.241.224.2',
    port: 80,
    ...UNKNOWN_IP,
    dns_query_type: 'A',
    dns_engine: 'system',
    dns_engine_resolver_address: '',
    dns_answer_type: 'A',
    dns_answer: '207.241.224.2',
    // the probe's own annotation of the answer
    dns_answer_asn: 7941,
    dns_answer_as_org_name: 'Internet Archive',
    dns_t: 0.317122153,
    tcp_success: true,
    tcp_t: 1.3505053839999999,
  },
  {
    ...WEB_BASE,
    observation_idx: 2,
    hostname: 'lamanlabuh.aduankonten.id',
    ...NO_IP,
    http_request_url: 'http://lamanlabuh.aduankonten.id/',
    http_network: 'tcp',
    http_request_body_length: 0,
    http_request_method: 'GET',
    http_response_body_length: 7044,
    http_response_body_is_truncated: false,
    http_response_body_sha1: 'ff570c0dc9749d4356c64c070b6dbd5d52b26da1',
    http_response_status_code: 200,
    http_response_header_server: 'nginx/1.24.0 (Ubuntu)',
    http_request_redirect_from: 'http://archive.org',
    http_request_body_is_truncated: false,
    http_t: 1.7588416150000001,
  },
  {
    ...WEB_BASE,
    observation_idx: 3,
    hostname: 'archive.org',
    ...NO_IP,
    http_request_url: 'http://archive.org',
    http_network: 'tcp',
    http_request_body_length: 0,
    http_request_method: 'GET',
    // empty body: length and hash stay NULL, not 0
    http_response_body_is_truncated: false,
    http_response_status_code: 302,
    http_response_header_location: 'http://lamanlabuh.aduankonten.id/',
    http_request_body_is_truncated: false,
    http_t: 1.606936538,
  },
];

const CTRL_BASE = {
  ...META,
  hostname: 'archive.org',
  ip: '',
  port: null,
  ip_asn: null,
  ip_as_org_name: null,
  ip_as_cc: null,
  ip_cc: null,
  ip_is_bogon: null,
  dns_failure: null,
  dns_success: null,
  tcp_failure: null,
  tcp_success: null,
  tls_failure: null,
  tls_success: null,
  tls_server_name: null,
  http_request_url: null,
  http_failure: null,
  http_success: null,
  http_response_body_length: null,
};
const expectedCtrl: ObsWebCtrlRow[] = [
  {
    ...CTRL_BASE,
    observation_idx: 0,
    ip: '207.241.224.2',
    port: 443,
    ...UNKNOWN_IP,
    dns_success: true,
    tcp_success: true,
    tls_success: true,
    tls_server_name: 'archive.org',
  },
  { ...CTRL_BASE, observation_idx: 1, ip: '207.241.224.2', port: 80, ...UNKNOWN_IP, dns_success: true, tcp_success: true },
  { ...CTRL_BASE, observation_idx: 2, http_request_url: 'http://archive.org', http_success: true, http_response_body_length: 2997 },
];

test('§5.5 obs_web: DNS+TCP row, then the two HTTP hops (last hop first)', () => {
  assert.equal(web.length, 3);
  for (let i = 0; i < 3; i++) assert.deepEqual(web[i], expectedWeb[i], `obs_web idx ${i + 1}`);
});

test('§5.5 obs_web_ctrl: 443 (dns/tcp/tls), 80 (dns/tcp), the HTTP row; idx from 0', () => {
  assert.equal(ctrl.length, 3);
  for (let i = 0; i < 3; i++) assert.deepEqual(ctrl[i], expectedCtrl[i], `obs_web_ctrl idx ${i}`);
  assert.deepEqual(middlebox, []);
});

test('re-processing gives the same rows (deterministic keys and created_at)', () => {
  assert.deepEqual(measurementToObservations(structuredClone(raw), UID, ctx), result);
});
