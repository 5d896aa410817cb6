// The core never throws: any JSON value gives a row or a typed rejection.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SCORERS, scoreMeasurement } from '../../../activities/fastpath/index.ts';
import type { ScoreResult } from '../../../activities/fastpath/index.ts';
import { snapshotFingerprints } from '../../helpers/unit/fastpath.ts';

const fps = snapshotFingerprints();
const testNames = [...SCORERS.keys(), 'dnscheck'];

function check(raw: unknown, uid = '20230601100005.123456_IT_webconnectivity_0123456789abcdef'): ScoreResult {
  let r: ScoreResult | undefined;
  assert.doesNotThrow(() => (r = scoreMeasurement(raw, { measurementUid: uid, fingerprints: fps })));
  assert.ok(r);
  if (r.kind === 'row') {
    assert.equal(typeof r.row.scores, 'string');
    JSON.parse(r.row.scores);
    assert.equal(Object.keys(r.row).length, 26);
  } else {
    assert.equal(typeof r.code, 'string');
    assert.equal(typeof r.reason, 'string');
  }
  return r;
}

// Values that exercise the original's type checks: the usual shapes plus odd ones.
const anyJson = fc.jsonValue({ maxDepth: 3 });
const field = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 15, arbitrary: arb }, { weight: 1, arbitrary: anyJson });
const response = fc.record(
  {
    body: field(fc.oneof(fc.string(), fc.constant('GdF Stop Page'), fc.record({ format: fc.constant('base64'), data: fc.base64String() }))),
    headers: field(
      fc.dictionary(fc.constantFrom('Location', 'Server', 'via', 'X'), fc.oneof(fc.string(), fc.constant('http://lamanlabuh.aduankonten.id/'))),
    ),
    code: field(fc.constantFrom(200, 404)),
  },
  { requiredKeys: [] },
);
const request = fc.record(
  {
    request: field(fc.record({ url: field(fc.webUrl()), headers: field(fc.dictionary(fc.string(), fc.string())) }, { requiredKeys: [] })),
    response: field(response),
    failure: field(fc.constantFrom(null, 'generic_timeout_error', '', 'unknown_failure x')),
  },
  { requiredKeys: [] },
);
const testKeys = fc.record(
  {
    blocking: field(fc.constantFrom(false, null, 'dns', 'tcp_ip', 'http-diff', 'http-failure', 'x')),
    accessible: field(fc.constantFrom(true, false, null)),
    title_match: field(fc.constantFrom(true, false, null)),
    queries: field(fc.array(fc.record({ answers: field(fc.array(fc.record({ ipv4: field(fc.constantFrom('10.10.34.36', '1.1.1.1')) }))) }))),
    requests: field(fc.array(request, { maxLength: 3 })),
    tcp_connect: field(fc.array(fc.record({ status: field(fc.record({ success: field(fc.boolean()) })) }))),
    targets: field(fc.dictionary(fc.string(), fc.record({ failure: field(fc.constantFrom(null, false, 'x')), network_events: anyJson }))),
    failure: field(fc.constantFrom(null, 'x', '', 'ssl_error')),
    success: field(fc.boolean()),
    tor_progress: field(fc.oneof(fc.integer({ min: -10, max: 120 }), fc.constant('50'))),
    tor_log: field(fc.string()),
    sent: field(fc.array(fc.string())),
    received: field(fc.array(fc.string())),
    result: field(fc.constantFrom('ok', 'error')),
    http_experiment_failure: field(fc.constantFrom(null, 'unknown_failure: x')),
    signal_backend_status: field(fc.constantFrom('ok', 'blocked')),
  },
  { requiredKeys: [] },
);
const date = fc.oneof(
  {
    weight: 15,
    arbitrary: fc
      .date({ min: new Date('2015-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 19).replace('T', ' ')),
  },
  { weight: 1, arbitrary: anyJson },
);
const measurement = fc.record(
  {
    report_id: field(fc.string()),
    probe_cc: field(fc.constantFrom('IT', 'IR', 'ID', 'TR', 'MY', 'US', 'RU', 'ZZ', 'zz', '')),
    probe_asn: field(fc.constantFrom('AS30722', 'AS1', 'AS197207', 'AS3', 'AS5', 'AS7', 'AS0', 'ASx', 'AS99999999999')),
    test_name: field(fc.constantFrom(...testNames)),
    test_start_time: date,
    measurement_start_time: date,
    input: field(fc.oneof({ weight: 6, arbitrary: fc.webUrl() }, fc.string(), fc.array(fc.string()))),
    test_keys: field(testKeys),
    annotations: field(
      fc.record({ platform: field(fc.string()), ooni_run_link_id: field(fc.oneof(fc.string(), fc.integer())) }, { requiredKeys: [] }),
    ),
    test_helpers: field(fc.record({ backend: field(fc.record({ address: field(fc.string()), type: field(fc.string()) })) })),
    test_runtime: field(fc.double({ noNaN: true, noDefaultInfinity: true })),
    test_version: field(fc.constantFrom('0.2.2', '0.4.3', '(devel)')),
    software_name: field(fc.string()),
    software_version: field(fc.string()),
    resolver_ip: field(fc.string()),
  },
  { requiredKeys: ['report_id', 'probe_asn', 'test_name', 'test_start_time', 'measurement_start_time'] },
);

describe('scoreMeasurement never throws', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => void check(v)),
      { numRuns: 500 },
    );
  });
  it('on arbitrary JSON in the upload wrapper', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('json', 'JSON', 'yaml', 'x'), (v, format) => void check({ format, content: v })),
      { numRuns: 200 },
    );
  });
  it('on measurement-shaped objects with random fields, for every test name', () => {
    let rows = 0;
    fc.assert(
      fc.property(measurement, fc.boolean(), (m, wrap) => {
        if (check(wrap ? { format: 'json', content: m, is_verified: 't' } : m).kind === 'row') rows++;
      }),
      { numRuns: 1500 },
    );
    assert.ok(rows > 300, `only ${rows} rows produced: generator too narrow`);
  });
  it('with any measurement_uid', () => {
    fc.assert(
      fc.property(
        fc.string(),
        (uid) =>
          void check(
            {
              report_id: 'r',
              test_name: 'ndt',
              probe_asn: 'AS1',
              test_start_time: '2020-01-01 00:00:00',
              measurement_start_time: '2020-01-01 00:00:00',
            },
            uid,
          ),
      ),
    );
  });
});
