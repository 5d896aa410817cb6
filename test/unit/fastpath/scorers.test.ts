// Scorer branches the fixtures do not reach, written from the reference rules (each threshold on
// both sides where there is one).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scoreMeasurement } from '../../../activities/fastpath/index.ts';
import type { FastpathRow } from '../../../activities/fastpath/index.ts';
import { snapshotFingerprints } from '../../helpers/unit/fastpath.ts';

const INIT = { blocking_general: 0, blocking_global: 0, blocking_country: 0, blocking_isp: 0, blocking_local: 0 };

function msm(testName: string, testKeys: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    report_id: 'r1',
    probe_cc: 'IT',
    probe_asn: 'AS30722',
    test_name: testName,
    test_start_time: '2023-06-01 10:00:00',
    measurement_start_time: '2023-06-01 10:00:05',
    input: null,
    test_keys: testKeys,
    ...extra,
  };
}

function run(m: unknown, uid = 'bogus_uid'): { scores: Record<string, unknown>; row: FastpathRow } {
  const r = scoreMeasurement(m, { measurementUid: uid, fingerprints: snapshotFingerprints() });
  assert.equal(r.kind, 'row', r.kind === 'rejected' ? `${r.code}: ${r.reason}` : '');
  if (r.kind !== 'row') throw new Error('unreachable');
  return { scores: JSON.parse(r.row.scores) as Record<string, unknown>, row: r.row };
}

function rejected(m: unknown, uid = 'bogus_uid'): string {
  const r = scoreMeasurement(m, { measurementUid: uid, fingerprints: snapshotFingerprints() });
  assert.equal(r.kind, 'rejected');
  return r.kind === 'rejected' ? r.code : '';
}

const flags = (row: FastpathRow) => `${row.anomaly}${row.confirmed}${row.msm_failure}`;

describe('web_connectivity', () => {
  const wc = (tk: unknown, extra?: Record<string, unknown>) => run(msm('web_connectivity', tk, { input: 'http://example.org/', ...extra }));
  it('each probe blocking type → 1.0 + analysis', () => {
    for (const b of ['tcp_ip', 'dns', 'http-diff', 'http-failure']) {
      const { scores, row } = wc({ blocking: b, accessible: false });
      assert.deepEqual(scores, { ...INIT, blocking_general: 1, analysis: { blocking_type: b } });
      assert.equal(row.blocking_type, b);
      assert.equal(flags(row), 'tff');
    }
  });
  it('blocking false (and 0) → clean', () => {
    assert.deepEqual(wc({ blocking: false, accessible: true }).scores, INIT);
    assert.deepEqual(wc({ blocking: 0, accessible: true }).scores, INIT);
  });
  it('unsupported blocking value → msg + accuracy 0', () => {
    const { scores, row } = wc({ blocking: 'weird', accessible: false });
    assert.deepEqual(scores, { ...INIT, analysis: { msg: 'Unsupported blocking type' }, accuracy: 0 });
    assert.equal(flags(row), 'fft');
  });
  it('invalid title_match returns early with accuracy 0; 1 and 0 are accepted', () => {
    assert.deepEqual(wc({ title_match: 'x', blocking: 'dns' }).scores, { ...INIT, accuracy: 0 });
    assert.deepEqual(wc({ title_match: 1, blocking: false }).scores, INIT);
  });
  it('unknown_failure in any *_failure key → accuracy 0', () => {
    const { scores } = wc({ blocking: 'http-failure', http_experiment_failure: 'unknown_failure: x' });
    assert.equal(scores.accuracy, 0);
    assert.equal(wc({ blocking: false, http_experiment_failure: 'generic_timeout_error' }).scores.accuracy, undefined);
  });
  it('accessible null without matches → accuracy 0', () => {
    assert.equal(wc({ blocking: false, accessible: null }).scores.accuracy, 0);
  });
  it('confirmed body fingerprint: country blockpage sums into blocking_general', () => {
    const tk = { blocking: false, accessible: true, requests: [{ response: { body: 'foo GdF Stop Page bar' } }] };
    const { scores, row } = wc(tk);
    assert.equal(scores.blocking_general, 1);
    assert.equal(scores.blocking_country, 1);
    assert.equal(scores.confirmed, true);
    assert.equal(flags(row), 'ttf');
  });
  it('a false-positive (fp scope) fingerprint is listed but changes nothing', () => {
    const tk = { blocking: false, accessible: true, requests: [{ response: { body: '<head><title>Document Moved</title></head>' } }] };
    const { scores, row } = wc(tk);
    assert.equal(scores.blocking_general, 0);
    assert.equal((scores.fingerprints as unknown[]).length, 1);
    assert.equal(scores.confirmed, undefined);
    assert.equal(flags(row), 'fff');
  });
  it('blocking null with a confirmed match keeps accuracy', () => {
    const tk = { blocking: null, accessible: null, queries: [{ answers: [{ ipv4: '10.10.34.36' }] }] };
    const { scores } = run(msm('web_connectivity', tk, { probe_cc: 'IR', input: 'http://x.org' }));
    assert.equal(scores.accuracy, undefined);
    assert.equal(scores.blocking_general, 1);
  });
  it('a base64 error gives no matches and accuracy 0', () => {
    const tk = { blocking: false, requests: [{ response: { body: { format: 'base64', data: 'aGk' } } }] };
    assert.equal(wc(tk).scores.accuracy, 0);
  });
  it('a header map that is a list drops the measurement', () => {
    assert.equal(rejected(msm('web_connectivity', { requests: [{ response: { headers: [['a', 'b']] } }] })), 'scoring_error');
  });
});

describe('telegram', () => {
  const tg = (tk: unknown) => run(msm('telegram', tk));
  it('no endpoints and no requests → 1.0 (0.5 + 0.5)', () => {
    const { scores, row } = tg({});
    assert.equal(scores.blocking_general, 1);
    assert.equal(flags(row), 'tff');
  });
  it('all endpoints and requests fine → 0.0; web blocked adds 1', () => {
    const tk = { tcp_connect: [{ status: { success: true } }], requests: [{ request: { url: 'http://a' }, failure: null }] };
    assert.equal(tg(tk).scores.blocking_general, 0);
    assert.equal(tg({ ...tk, telegram_web_status: 'blocked' }).scores.blocking_general, 1);
  });
  it('half the endpoints down → 0.5 (not an anomaly)', () => {
    const tk = {
      tcp_connect: [{ status: { success: true } }, { status: { success: false } }],
      requests: [{ request: { url: 'http://a' }, failure: null }],
    };
    const { scores, row } = tg(tk);
    assert.equal(scores.blocking_general, 0.5);
    assert.equal(row.anomaly, 'f');
  });
  it('web failure is reported in msg and not counted', () => {
    const tk = {
      tcp_connect: [{ status: { success: true } }],
      requests: [{ request: { url: 'https://web.telegram.org/' }, failure: 'connection_reset' }],
    };
    const { scores } = tg(tk);
    assert.equal(scores.blocking_general, 0.5);
    assert.equal(scores.web_failure, 'connection_reset');
    assert.equal(scores.msg, 'failure: connection_reset');
    assert.equal(scores.http_success_cnt, 0);
  });
});

describe('whatsapp', () => {
  const ok = [
    { request: { url: 'https://web.whatsapp.com/' }, failure: null },
    { request: { url: 'https://v.whatsapp.net/v2/register' }, failure: null },
  ];
  it('no requests → accuracy 0', () => assert.equal(run(msm('whatsapp', { requests: [] })).scores.accuracy, 0));
  it('registration server failing → 1.0 without analysis', () => {
    const reqs = [ok[0], { request: { url: 'https://v.whatsapp.net/v2/register' }, failure: 'x' }];
    assert.deepEqual(run(msm('whatsapp', { requests: reqs })).scores, { ...INIT, blocking_general: 1 });
  });
  it('all endpoints unreachable → 1.0; none at all → accuracy 0', () => {
    const down = run(msm('whatsapp', { requests: ok, tcp_connect: [{ status: { success: false } }] })).scores;
    assert.equal(down.blocking_general, 1);
    assert.deepEqual(down.analysis, { registration_server_accessible: true, whatsapp_web_accessible: true, whatsapp_endpoints_accessible: false });
    assert.equal(run(msm('whatsapp', { requests: ok })).scores.accuracy, 0);
  });
  it("unknown_failure 'ascii' codec in web failure → accuracy 0", () => {
    assert.equal(run(msm('whatsapp', { requests: ok, whatsapp_web_failure: "unknown_failure 'ascii' codec" })).scores.accuracy, 0);
  });
});

describe('facebook_messenger', () => {
  it('one bad key (0.5) is not an anomaly, two are', () => {
    const one = run(msm('facebook_messenger', { facebook_edge_reachable: false }));
    assert.equal(one.scores.blocking_general, 0.5);
    assert.equal(one.scores.facebook_edge_reachable, false);
    assert.equal(one.row.anomaly, 'f');
    const two = run(msm('facebook_messenger', { facebook_edge_reachable: false, facebook_tcp_blocking: true }));
    assert.equal(two.scores.blocking_general, 1);
    assert.equal(two.row.anomaly, 't');
  });
  it('healthy measurement with a wrong dns_blocking flag → 0.0', () => {
    const keys = [
      'b_api_dns_consistent',
      'b_api_reachable',
      'b_graph_dns_consistent',
      'b_graph_reachable',
      'edge_dns_consistent',
      'edge_reachable',
      'star_dns_consistent',
      'star_reachable',
      'stun_dns_consistent',
    ];
    const tk: Record<string, unknown> = Object.fromEntries(keys.map((k) => [`facebook_${k}`, true]));
    tk.facebook_dns_blocking = true;
    tk.facebook_tcp_blocking = false;
    assert.deepEqual(run(msm('facebook_messenger', tk)).scores, INIT);
  });
});

describe('signal', () => {
  const base = { failed_operation: null, failure: null, signal_backend_status: 'ok' };
  const sig = (tk: unknown, extra: Record<string, unknown>) => run(msm('signal', tk, extra)).scores;
  const recent = { test_version: '0.2.5', annotations: { engine_version: '3.17.2' }, measurement_start_time: '2023-12-01 00:00:00' };
  it('ok → clean, blocked → 1.0 + analysis, other → accuracy 0', () => {
    assert.deepEqual(sig(base, recent), INIT);
    assert.deepEqual(sig({ ...base, signal_backend_status: 'blocked', signal_backend_failure: 'x' }, recent), {
      ...INIT,
      blocking_general: 1,
      analysis: { signal_backend_failure: 'x' },
    });
    assert.equal(sig({ ...base, signal_backend_status: 'odd' }, recent).accuracy, 0);
  });
  it('failed_operation / failure absent → accuracy 0', () => {
    assert.equal(sig({ signal_backend_status: 'ok' }, recent).accuracy, 0);
  });
  it('test_version 0.2.4 → accuracy 0', () => assert.equal(sig(base, { ...recent, test_version: '0.2.4' }).accuracy, 0));
  it('≤ 0.2.3 after 2023-11-07 → accuracy 0; before → fine', () => {
    assert.equal(sig(base, { ...recent, test_version: '0.2.3' }).accuracy, 0);
    assert.equal(sig(base, { ...recent, test_version: '0.2.3', measurement_start_time: '2023-11-06 23:59:59' }).accuracy, undefined);
  });
  it('< 0.2.2 after 2022-10-19 → accuracy 0; before → fine', () => {
    const v = { test_version: '0.2.1', annotations: { engine_version: '3.17.2' } };
    assert.equal(sig(base, { ...v, measurement_start_time: '2022-10-19 00:00:00' }).accuracy, 0);
    assert.equal(sig(base, { ...v, measurement_start_time: '2022-10-18 23:59:59' }).accuracy, undefined);
  });
  it('engine < 3.17.2 after 2023-05-02 → accuracy 0 (PEP 440: 3.17.2-alpha < 3.17.2)', () => {
    assert.equal(sig(base, { ...recent, annotations: { engine_version: '3.17.2-alpha' } }).accuracy, 0);
    assert.equal(sig(base, { ...recent, annotations: { engine_version: '3.18.0-beta.2' } }).accuracy, undefined);
    assert.equal(sig(base, { ...recent, annotations: { engine_version: '(devel)' } }).accuracy, 0);
  });
});

describe('http_header_field_manipulation', () => {
  const hhfm = (resp: unknown, sent: unknown = { Host: 'x' }) =>
    run(msm('http_header_field_manipulation', { requests: [{ request: { headers: sent }, response: resp }] })).scores;
  it('missing body → total tampering', () => {
    assert.deepEqual(hhfm({}), { ...INIT, total_tampering: true, blocking_general: 1, msg: 'Empty body' });
  });
  it('malformed control headers → 1.0', () => {
    assert.deepEqual(hhfm({ body: 'nope' }), { ...INIT, blocking_general: 1, msg: 'Malformed ctrl_headers' });
  });
  it('same headers (ignoring Connection: close) → clean; a changed one → 1.1', () => {
    const body = JSON.stringify({ headers_dict: { Host: ['x'], Connection: ['close'] } });
    assert.deepEqual(hhfm({ body }), INIT);
    const changed = JSON.stringify({ headers_dict: { host: ['x'] } });
    assert.deepEqual(hhfm({ body: changed }), { ...INIT, blocking_general: 1.1, msg: '2 unexpected header change' });
  });
});

describe('http_invalid_request_line', () => {
  it('equal lines → clean, both empty → accuracy 0', () => {
    assert.deepEqual(run(msm('http_invalid_request_line', { sent: ['a'], received: ['a'] })).scores, INIT);
    assert.equal(run(msm('http_invalid_request_line', {})).scores.accuracy, 0);
  });
  it('null sent drops the measurement', () => assert.equal(rejected(msm('http_invalid_request_line', { sent: null })), 'scoring_error'));
});

describe('vanilla_tor', () => {
  const vt = (tk: unknown) => run(msm('vanilla_tor', tk));
  it('no logs → accuracy 0', () => assert.equal(vt({}).scores.accuracy, 0));
  it('progress 99 → 0.604 (anomaly), 80 → 0.68, 100 → clean', () => {
    assert.equal(vt({ tor_log: 'x', tor_progress: 99 }).scores.blocking_general, 1.0 - 99 * 0.004);
    assert.equal(vt({ tor_log: 'x', tor_progress: 80 }).scores.blocking_general, 1.0 - 80 * 0.004);
    assert.equal(vt({ tor_log: 'x', tor_progress: 100 }).scores.blocking_general, 0);
    assert.equal(vt({ tor_log: 'x', tor_progress: 99 }).row.anomaly, 't');
  });
  it('"Bootstrapped 100%: Done" in a log string → clean', () => {
    assert.deepEqual(vt({ tor_log: 'a Bootstrapped 100%: Done b', tor_progress: 5 }).scores, INIT);
  });
});

describe('tor', () => {
  it('ratio of failed targets; none ran → accuracy 0', () => {
    const t = { a: { failure: 'x', network_events: [] }, b: { failure: null, network_events: [] }, c: { failure: false, network_events: [] } };
    const { scores } = run(msm('tor', { targets: t }, { test_runtime: 2 }));
    assert.equal(scores.blocking_general, 0.5);
    assert.deepEqual(scores.extra, { test_runtime: 2 });
    assert.equal(run(msm('tor', { targets: { c: { failure: false, network_events: [] } } })).scores.accuracy, 0);
  });
  it('a target without network_events → accuracy 0; failure "" drops', () => {
    assert.equal(run(msm('tor', { targets: { a: { failure: null } } })).scores.accuracy, 0);
    assert.equal(rejected(msm('tor', { targets: { a: { failure: '', network_events: [] } } })), 'scoring_error');
  });
});

describe('torsf, psiphon, tcp_connect, dash, meek, stun, openvpn, browser_web', () => {
  it('torsf failure → 1.0', () => assert.equal(run(msm('torsf', { failure: 'x' })).scores.blocking_general, 1));
  it('psiphon', () => {
    assert.deepEqual(run(msm('psiphon', { failure: null, bootstrap_time: 3 }, { resolver_ip: '1.1.1.1', test_runtime: 4 })).scores, {
      ...INIT,
      accuracy: 1,
      extra: { test_runtime: 4, bootstrap_time: 3 },
    });
    assert.equal(run(msm('psiphon', { failure: null, bootstrap_time: 0 }, { resolver_ip: 'x' })).scores.accuracy, 0);
    const failed = run(msm('psiphon', { failure: 'x' }, { resolver_ip: 'x' })).scores;
    assert.equal(failed.blocking_general, 1);
    assert.equal(failed.accuracy, 1);
    assert.equal(run(msm('psiphon', { failure: 'x' })).scores.accuracy, 0);
  });
  it('tcp_connect: success 0, known errors 0.8 (anomaly), other 1.0; no input drops', () => {
    const tc = (c: unknown) => run(msm('tcp_connect', { connection: c }, { input: '1.2.3.4:443' }));
    assert.equal(tc('success').scores.blocking_general, 0);
    assert.equal(tc('connect_error').scores.blocking_general, 0.8);
    assert.equal(tc('connect_error').row.anomaly, 't');
    assert.equal(tc('weird').scores.blocking_general, 1);
    assert.equal(rejected(msm('tcp_connect', { connection: 'success' })), 'scoring_error');
  });
  it('dash: 0.1 (never an anomaly) for network failures, msg for others', () => {
    const d = run(msm('dash', { failure: 'ssl_error: x' }));
    assert.deepEqual(d.scores, { ...INIT, blocking_general: 0.1, accuracy: 0 });
    assert.equal(flags(d.row), 'fft');
    assert.deepEqual(run(msm('dash', { failure: 'other' })).scores, { ...INIT, msg: 'Probe error', accuracy: 0 });
    assert.deepEqual(run(msm('dash', { failure: null, x: 1 })).scores, INIT);
  });
  it('meek: empty requests → 1.0 and the int accuracy 0', () => {
    const r = run(msm('meek_fronted_requests_test', { requests: [] }));
    assert.ok(r.row.scores.endsWith(',"accuracy":0}'));
    assert.equal(flags(r.row), 'tft');
    const hdr = (server: string) => [{ response: { code: 200, headers: [['Server', [server]]] } }];
    assert.equal(run(msm('meek_fronted_requests_test', { requests: hdr('ECAcc (x)') })).scores.blocking_general, 0);
    assert.equal(run(msm('meek_fronted_requests_test', { requests: hdr('nginx') })).scores.blocking_general, 0.5);
  });
  it('stunreachability failure → 1.0 + extra.failure', () => {
    assert.deepEqual(run(msm('stunreachability', { failure: 'boo' })).scores, {
      ...INIT,
      blocking_general: 1,
      extra: { endpoint: null, failure: 'boo' },
    });
  });
  it('openvpn: success false → 1.0, missing → accuracy 0', () => {
    assert.equal(run(msm('openvpn', { success: false })).scores.blocking_general, 1);
    assert.equal(run(msm('openvpn', {})).scores.accuracy, 0);
  });
  it('browser_web: other result → accuracy 0 with default extra', () => {
    assert.deepEqual(run(msm('browser_web', {})).scores, { ...INIT, accuracy: 0, extra: { browser_name: '', load_time_ms: 0 } });
  });
  it('ndt → {} and an unknown test → accuracy 0 (failure)', () => {
    assert.equal(run(msm('ndt', {})).row.scores, '{}');
    const u = run(msm('dnscheck', {}));
    assert.equal(
      u.row.scores,
      '{"blocking_general":0.0,"blocking_global":0.0,"blocking_country":0.0,"blocking_isp":0.0,"blocking_local":0.0,"accuracy":0.0}',
    );
    assert.equal(flags(u.row), 'fft');
  });
});

describe('envelope, date check and row', () => {
  it('drops: no report_id, ZZ, AS0, missing test_name / probe_asn / bad dates', () => {
    assert.equal(rejected({ ...msm('ndt', {}), report_id: null }), 'discarded_no_report_id');
    assert.equal(rejected({ ...msm('ndt', {}), probe_cc: 'zz' }), 'discarded_probe_cc_zz');
    assert.equal(rejected({ ...msm('ndt', {}), probe_asn: 'as0' }), 'discarded_probe_asn_0');
    const noName = msm('ndt', {});
    delete noName.test_name;
    assert.equal(rejected(noName), 'scoring_error');
    assert.equal(rejected({ ...msm('ndt', {}), measurement_start_time: '2023-06-01T10:00:00Z' }), 'bad_field');
  });
  it('unwraps {format, content} and reads is_verified from the wrapper', () => {
    const r = run({ format: 'JSON', content: msm('ndt', {}), is_verified: 't' });
    assert.equal(r.row.is_verified, 't');
    assert.equal(run({ format: 'json', content: msm('ndt', {}), is_verified: 'x' }).row.is_verified, 'u');
  });
  it('start time more than 1 h after receive → "from the future"; 1 h exactly is fine', () => {
    const m = { ...msm('ndt', {}), measurement_start_time: '2021-11-09 12:59:47' };
    assert.deepEqual(run(m, '20211109115946.000000_IT_ndt_0123456789abcdef').scores, { accuracy: 0, msg: 'Measurement start time from the future' });
    assert.deepEqual(run(m, '20211109115947.000000_IT_ndt_0123456789abcdef').scores, {});
  });
  it('start time more than 365 days before receive → "too old"', () => {
    const m = { ...msm('ndt', {}), measurement_start_time: '2020-01-01 00:00:00' };
    assert.equal(run(m, '20201231000000.000001_IT_ndt_0123456789abcdef').scores.msg, 'Measurement start time too old');
    assert.deepEqual(run(m, '20201231000000.000000_IT_ndt_0123456789abcdef').scores, {});
    assert.deepEqual(run(m, '01202001019876543210').scores, {});
  });
  it('metadata: ooni_run_link_id, test helpers as a string, meek list input', () => {
    const r = run({ ...msm('ndt', {}), annotations: { ooni_run_link_id: '12' }, test_helpers: { backend: 'x' } });
    assert.equal(r.row.ooni_run_link_id, 12);
    assert.equal(r.row.test_helper_address, '');
    assert.equal(run({ ...msm('ndt', {}), annotations: { ooni_run_link_id: 'abc' } }).row.ooni_run_link_id, null);
    const meek = run(msm('meek_fronted_requests_test', { requests: [] }, { input: ['b', 'a'] }));
    assert.equal(meek.row.input, '{b,a}');
    assert.equal(meek.row.domain, 'b');
  });
});
