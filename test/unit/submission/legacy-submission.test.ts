import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { init, compress } from '@bokuweb/zstd-wasm';
import { parseSubmission, SUBMISSION_ERROR_CODES, type SubmissionResult } from '../../../domain/submission/index.ts';
import { fixture, options, utf8, wrap } from '../../helpers/unit/submission.ts';

const RID = '20240214T090617Z_webconnectivity_IT_30722_n1_1IvUiXNWHooB5rmD';
const base = () => fixture('web_connectivity.json');

function legacy(body: Uint8Array, reportId = RID, contentEncoding: string | null = null): SubmissionResult {
  return parseSubmission({ body, contentEncoding, reportId }, options);
}

function assertRejected(r: SubmissionResult, code: keyof typeof SUBMISSION_ERROR_CODES, status?: number): void {
  assert.equal(r.kind, 'rejected', JSON.stringify(r).slice(0, 200));
  if (r.kind !== 'rejected') return;
  assert.equal(r.code, code);
  assert.equal(r.status, SUBMISSION_ERROR_CODES[code].status);
  if (status !== undefined) assert.equal(r.status, status);
}

for (const name of ['web_connectivity.json', 'signal.json', 'tcpping.json', 'dnscheck.json', 'fastpath_ID_webconnectivity.json']) {
  test(`accepts the real measurement ${name} and stores the body bytes as received`, () => {
    const content = fixture(name);
    const body = wrap(content);
    const r = legacy(body, content['report_id'] as string);
    assert.equal(r.kind, 'accepted');
    if (r.kind !== 'accepted') return;
    assert.equal(r.protocol, 'legacy');
    assert.deepEqual(r.storedBytes, body);
    assert.equal(r.dedupeHash, createHash('sha512').update(body).digest('hex'));
    assert.deepEqual(r.content, content);
    assert.equal(r.reportId, content['report_id']);
    assert.equal(r.probeCc, content['probe_cc']);
    assert.equal(r.uidCc, content['probe_cc']);
    assert.equal(r.probeAsn, content['probe_asn']);
    assert.equal(r.probeAsnNumber, Number((content['probe_asn'] as string).slice(2)));
    assert.equal(r.testName, content['test_name']);
    assert.equal(r.uidTestName, (content['test_name'] as string).replaceAll('_', ''));
    assert.equal(r.input, typeof content['input'] === 'string' ? content['input'] : null);
    assert.equal(r.measurementStartTime, content['measurement_start_time']);
  });
}

test('platform and software come from the content', () => {
  const r = legacy(wrap(fixture('fastpath_ID_webconnectivity.json')), '20250527T233104Z_webconnectivity_ID_23693_n1_Ukv1uRt9GZcoX2jT');
  assert.equal(r.kind, 'accepted');
  if (r.kind === 'accepted') assert.equal(r.platform, 'android');
});

test('zstd round trip: stored bytes are the decompressed body', async () => {
  await init();
  const body = wrap(base());
  const r = legacy(compress(body, 3), RID, 'zstd');
  assert.equal(r.kind, 'accepted');
  if (r.kind === 'accepted') assert.deepEqual(Buffer.from(r.storedBytes), Buffer.from(body));
  assert.equal(legacy(compress(body, 3), RID, ' ZSTD ').kind, 'accepted');
  assert.equal(legacy(body, RID, 'identity').kind, 'accepted');
});

test('ASN 0 or CC ZZ in the report_id: discard, whatever the body', () => {
  assert.deepEqual(legacy(utf8('garbage'), '20240214T090617Z_webconnectivity_IT_0_n1_x'), { kind: 'discard', reason: 'asn_0' });
  assert.deepEqual(legacy(wrap(base()), '20240214T090617Z_webconnectivity_ZZ_30722_n1_x'), { kind: 'discard', reason: 'cc_zz' });
});

test('bad report_id → 400 invalid_report_id', () => {
  assertRejected(legacy(wrap(base()), '20240214T090617Z_webconnectivity_IT_30722_n1'), 'invalid_report_id', 400);
  assertRejected(legacy(wrap(base()), '../../etc/passwd'), 'invalid_report_id', 400);
});

test('unknown Content-Encoding → 415 unsupported_encoding', () => {
  assertRejected(legacy(wrap(base()), RID, 'gzip'), 'unsupported_encoding', 415);
  assertRejected(legacy(wrap(base()), RID, 'zstd, gzip'), 'unsupported_encoding', 415);
});

test('body over the compressed or decompressed cap → 413 body_too_large', () => {
  const body = wrap(base());
  assertRejected(parseSubmission({ body, contentEncoding: null, reportId: RID }, { ...options, maxBodyBytes: 100 }), 'body_too_large', 413);
  assertRejected(parseSubmission({ body, contentEncoding: null, reportId: RID }, { ...options, maxDecompressedBytes: 100 }), 'body_too_large', 413);
});

test('bad zstd → 400 invalid_zstd', async () => {
  await init();
  assertRejected(legacy(wrap(base()), RID, 'zstd'), 'invalid_zstd', 400);
  const z = compress(wrap(base()), 3);
  assertRejected(legacy(z.subarray(0, z.length - 10), RID, 'zstd'), 'invalid_zstd', 400);
  assertRejected(legacy(new Uint8Array(0), RID, 'zstd'), 'invalid_zstd', 400);
});

test('not UTF-8 or not JSON → 400 invalid_json', () => {
  assertRejected(legacy(Uint8Array.from([0x7b, 0xff, 0x7d])), 'invalid_json', 400);
  assertRejected(legacy(utf8('{"format":')), 'invalid_json', 400);
  assertRejected(legacy(utf8('\uFEFF{}')), 'invalid_json', 400);
});

test('JSON that is not an object → 400 not_a_json_object', () => {
  for (const s of ['[]', 'null', '"x"', '42']) assertRejected(legacy(utf8(s)), 'not_a_json_object', 400);
});

test('format other than "json" → 400 unsupported_format', () => {
  assertRejected(legacy(wrap(base(), 'yaml')), 'unsupported_format', 400);
  assertRejected(legacy(utf8(JSON.stringify({ content: base() }))), 'unsupported_format', 400);
});

test('content not an object → 400 invalid_content (legacy does not take strings)', () => {
  assertRejected(legacy(wrap(JSON.stringify(base()))), 'invalid_content', 400);
  assertRejected(legacy(wrap([base()])), 'invalid_content', 400);
  assertRejected(legacy(wrap(null)), 'invalid_content', 400);
});

test('missing or non-string metadata → 422 missing_metadata', () => {
  for (const key of ['test_name', 'probe_cc', 'probe_asn']) {
    const c = base();
    delete c[key];
    assertRejected(legacy(wrap(c)), 'missing_metadata', 422);
    assertRejected(legacy(wrap({ ...base(), [key]: 12 })), 'missing_metadata', 422);
  }
});

test('report_id and body disagree → 400 inconsistent_measurement', () => {
  assertRejected(legacy(wrap({ ...base(), probe_cc: 'DE' })), 'inconsistent_measurement', 400);
  assertRejected(legacy(wrap({ ...base(), probe_asn: 'AS30723' })), 'inconsistent_measurement', 400);
  assertRejected(legacy(wrap({ ...base(), test_name: 'urlgetter' })), 'inconsistent_measurement', 400);
  assertRejected(legacy(wrap(base()), '20240214T090617Z_WebConnectivity_IT_30722_n1_x'), 'inconsistent_measurement', 400);
});

test('consistency is case-insensitive on CC, then the body CC must be upper case', () => {
  const r = legacy(wrap({ ...base(), probe_cc: 'it' }));
  assertRejected(r, 'bad_metadata', 400);
  if (r.kind === 'rejected') assert.deepEqual(r.details, ['bad_cc']);
  const lower = legacy(wrap(base()), '20240214T090617Z_webconnectivity_it_30722_n1_x');
  assert.equal(lower.kind, 'accepted');
  if (lower.kind === 'accepted') assert.equal(lower.uidCc, 'IT');
});

test('body metadata rules → 400 bad_metadata with OONI sub-codes', () => {
  const upper = legacy(wrap({ ...base(), test_name: 'Web_Connectivity' }), '20240214T090617Z_WebConnectivity_IT_30722_n1_x');
  assertRejected(upper, 'bad_metadata', 400);
  if (upper.kind === 'rejected') assert.deepEqual(upper.details, ['tn_no_lower', 'tn_bad_chars']);
  const zero = legacy(wrap({ ...base(), probe_asn: 'AS030722' }), '20240214T090617Z_webconnectivity_IT_030722_n1_x');
  assertRejected(zero, 'bad_metadata', 400);
  if (zero.kind === 'rejected') {
    assert.deepEqual(zero.details, ['asn_leading_zero']);
    assert.equal(zero.message, 'Errors: [ asn_leading_zero ]');
  }
});

test('deeply nested JSON is a typed result, not a crash', () => {
  const deep = utf8(`{"format":"json","content":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
  assert.notEqual(legacy(deep).kind, 'accepted');
});
