import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { init, compress } from '@bokuweb/zstd-wasm';
import { checkSubmittedReportId } from '../../../domain/ids/report-id.ts';
import { parseSubmission, SUBMISSION_ERROR_CODES, type SubmissionResult } from '../../../domain/submission/index.ts';
import { fixture, options, utf8 } from '../../helpers/unit/submission.ts';

/** What probe-cli ≥ v3.30 sends: content as a JSON string, the credential fields null. */
function probeCliBody(content: unknown, asString = true): Uint8Array {
  return utf8(
    JSON.stringify({
      format: 'json',
      content: asString ? JSON.stringify(content) : content,
      nym: null,
      zkp_request: null,
      manifest_version: null,
      protocol_version: null,
    }),
  );
}

function submit(body: Uint8Array, contentEncoding: string | null = null): SubmissionResult {
  return parseSubmission({ body, contentEncoding }, options);
}

function rejectedCode(r: SubmissionResult): string | undefined {
  if (r.kind !== 'rejected') return undefined;
  assert.equal(r.status, SUBMISSION_ERROR_CODES[r.code].status);
  return r.code;
}

test("accepts probe-cli's string content, mints a report_id and stores the compact wrapper", () => {
  const content = fixture('urlgetter_probe-cli-oonireport-1.json');
  const body = probeCliBody(content);
  const r = submit(body);
  assert.equal(r.kind, 'accepted');
  if (r.kind !== 'accepted') return;
  assert.equal(r.protocol, 'submit_measurement');
  assert.match(r.reportId, /^20260301T123456Z_urlgetter_DE_6805_n7_[A-Za-z0-9]{16}$/);
  assert.deepEqual(checkSubmittedReportId(r.reportId), { kind: 'ok', cc: 'DE', asn: 6805, testName: 'urlgetter' });
  const stored = new TextDecoder().decode(r.storedBytes);
  assert.equal(stored, JSON.stringify({ format: 'json', content: { ...content, report_id: r.reportId } }));
  assert.deepEqual(r.content, { ...content, report_id: r.reportId });
  assert.equal(r.dedupeHash, createHash('sha512').update(JSON.stringify(content)).digest('hex'));
  assert.equal(r.uidCc, 'DE');
  assert.equal(r.uidTestName, 'urlgetter');
  assert.equal(r.input, 'ooni.org');
});

test('a measurement without report_id gains one; underscores leave the uid test name', () => {
  const content = fixture('web_connectivity.json');
  delete content['report_id'];
  const r = submit(probeCliBody(content));
  assert.equal(r.kind, 'accepted');
  if (r.kind !== 'accepted') return;
  assert.equal(r.testName, 'web_connectivity');
  assert.equal(r.uidTestName, 'webconnectivity');
  assert.equal(r.reportId.length, 61);
  assert.equal(r.content['report_id'], r.reportId);
});

test('content as an object is accepted too; zstd works', async () => {
  await init();
  const content = fixture('fastpath_ID_webconnectivity.json');
  const a = submit(probeCliBody(content, false));
  const b = submit(compress(probeCliBody(content), 3), 'zstd');
  assert.equal(a.kind, 'accepted');
  assert.equal(b.kind, 'accepted');
  if (a.kind === 'accepted' && b.kind === 'accepted') assert.deepEqual(a.content, b.content);
});

test('the same upload twice gives the same dedupeHash', () => {
  const body = probeCliBody(fixture('signal.json'));
  const a = submit(body);
  const b = parseSubmission({ body, contentEncoding: null }, { ...options, now: new Date('2026-03-02T00:00:00Z') });
  assert.ok(a.kind === 'accepted' && b.kind === 'accepted');
  assert.equal(a.dedupeHash, b.dedupeHash);
  assert.notEqual(a.reportId, b.reportId);
});

test('content that is not a JSON object → 400 invalid_content', () => {
  for (const c of ['not json', '[]', '"x"', 'null', 42, null, [1]]) {
    assert.equal(rejectedCode(submit(utf8(JSON.stringify({ format: 'json', content: c })))), 'invalid_content', String(c));
  }
});

test('metadata rules: bad_metadata sub-codes, asn_invalid, asn_0, cc_zz', () => {
  const base = fixture('web_connectivity.json');
  const cases: Array<[Record<string, unknown>, string, string[]?]> = [
    [{ probe_cc: 'it' }, 'bad_metadata', ['bad_cc']],
    [{ probe_cc: 'ITA' }, 'bad_metadata', ['bad_cc']],
    [{ probe_cc: 'A1' }, 'bad_metadata', ['bad_cc']],
    [{ test_name: 'x' }, 'bad_metadata', ['tn_len', 'tn_bad_chars']],
    [{ test_name: 'a'.repeat(31) }, 'bad_metadata', ['tn_len']],
    [{ test_name: 'Web_Connectivity' }, 'bad_metadata', ['tn_no_lower', 'tn_bad_chars']],
    [{ test_name: '../etc' }, 'bad_metadata', ['tn_bad_chars']],
    [{ test_name: 'a_' }, 'bad_metadata', ['tn_bad_chars']],
    [{ probe_asn: 'AS' }, 'bad_metadata', ['asn_len']],
    [{ probe_asn: 'AS4294967295' }, 'accepted'],
    [{ probe_asn: 'AS42949672950' }, 'bad_metadata', ['asn_len']],
    [{ probe_asn: '30722' }, 'bad_metadata', ['asn_no_as_prefix']],
    [{ probe_asn: 'AS030722' }, 'bad_metadata', ['asn_leading_zero']],
    [{ probe_asn: 'ASxyz' }, 'asn_invalid'],
    [{ probe_asn: 'AS0' }, 'asn_0'],
    [{ probe_cc: 'ZZ' }, 'cc_zz'],
    [{ test_name: undefined }, 'missing_metadata'],
  ];
  for (const [patch, expected, details] of cases) {
    const r = submit(probeCliBody({ ...base, ...patch }));
    if (expected === 'accepted') {
      assert.equal(r.kind, 'accepted');
      continue;
    }
    assert.equal(rejectedCode(r), expected, JSON.stringify(patch));
    if (details && r.kind === 'rejected') assert.deepEqual(r.details, details, JSON.stringify(patch));
  }
});

test('format must be "json"', () => {
  assert.equal(rejectedCode(submit(utf8(JSON.stringify({ format: 'yaml', content: '{}' })))), 'unsupported_format');
});

test('SUBMISSION_ERROR_CODES lists each code once with a 4xx status', () => {
  for (const [code, { status, description }] of Object.entries(SUBMISSION_ERROR_CODES)) {
    assert.match(code, /^[a-z0-9_]+$/);
    assert.ok([400, 413, 415, 422].includes(status));
    assert.ok(description.length > 0);
  }
});
