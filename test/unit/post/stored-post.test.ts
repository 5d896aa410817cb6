// The `.post` object's one writer and reader (domain/stored-post.ts), and the readers built on
// it: every rule the four old readers had (validate, archive line, raw body, fastpath envelope).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkStoredMeasurement, readStoredMeasurement } from '../../../activities/measurement/stored-measurement.ts';
import { openEnvelope } from '../../../activities/fastpath/envelope.ts';
import { lineOfPost } from '../../../domain/archive/content-line.ts';
import { INGEST_REJECTION_CODES, isIngestRejectionCode } from '../../../domain/ingest-rejection-codes.ts';
import { decodeStoredPost, encodeStoredPost, readStoredPost, unwrapUpload } from '../../../domain/stored-post.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const codeOf = (bytes: Uint8Array) => {
  const r = decodeStoredPost(bytes);
  return r.ok ? 'ok' : r.code;
};
const msm = {
  test_name: 'signal',
  probe_cc: 'IT',
  probe_asn: 'AS3269',
  measurement_start_time: '2025-01-01 12:00:00',
  test_start_time: '2025-01-01 11:59:59',
  report_id: 'r',
};

test('encode writes the compact wrapper; decode reads it back', () => {
  const bytes = encodeStoredPost({ a: 1, s: 'é/' });
  assert.equal(new TextDecoder().decode(bytes), '{"format":"json","content":{"a":1,"s":"é/"}}');
  assert.deepEqual(decodeStoredPost(bytes), {
    ok: true,
    wrapper: { format: 'json', content: { a: 1, s: 'é/' } },
    content: { a: 1, s: 'é/' },
    contentText: null,
  });
});

test('content as a JSON string is parsed, its text kept as sent', () => {
  const r = decodeStoredPost(enc('{"format":"json","content":"{\\"a\\": 1}","is_verified":"t"}'));
  assert.ok(r.ok);
  assert.deepEqual(r.content, { a: 1 });
  assert.equal(r.contentText, '{"a": 1}');
  assert.equal(r.wrapper['is_verified'], 't');
});

test('bytes: strict UTF-8 JSON, never throws', () => {
  assert.equal(codeOf(enc('not json')), 'invalid_json');
  assert.equal(codeOf(enc('')), 'invalid_json');
  assert.equal(codeOf(Uint8Array.from([0x7b, 0xff, 0x7d])), 'invalid_json');
  assert.equal(codeOf(enc('\uFEFF{"format":"json","content":{}}')), 'invalid_json');
  assert.equal(codeOf(enc(`${'['.repeat(200_000)}${']'.repeat(200_000)}`)), 'not_an_object');
});

test('the object: a JSON object, format exactly "json", content an object or a string holding one', () => {
  assert.equal(codeOf(enc('[]')), 'not_an_object');
  assert.equal(codeOf(enc('null')), 'not_an_object');
  assert.equal(codeOf(enc('"x"')), 'not_an_object');
  assert.equal(codeOf(enc('{"content":{}}')), 'bad_wrapper_format');
  assert.equal(codeOf(enc('{"format":1,"content":{}}')), 'bad_wrapper_format');
  assert.equal(codeOf(enc('{"format":"JSON","content":{}}')), 'bad_wrapper_format');
  assert.equal(codeOf(enc('{"format":"xml","content":{}}')), 'bad_wrapper_format');
  assert.equal(codeOf(enc('{"format":"yaml","content":"a: 1"}')), 'yaml_not_supported');
  assert.equal(codeOf(enc('{"format":"YAML","content":"a: 1"}')), 'yaml_not_supported');
  assert.equal(codeOf(enc('{"format":"json"}')), 'bad_content');
  assert.equal(codeOf(enc('{"format":"json","content":null}')), 'bad_content');
  assert.equal(codeOf(enc('{"format":"json","content":[1]}')), 'bad_content');
  assert.equal(codeOf(enc('{"format":"json","content":"[1]"}')), 'bad_content');
  assert.equal(codeOf(enc('{"format":"json","content":"{"}')), 'bad_content');
  assert.equal(codeOf(enc('{"format":"json","content":{}}')), 'ok');
  assert.equal(readStoredPost({ format: 'json', content: {} }).ok, true);
});

test('validate: the measurement rules on top of the object rules', () => {
  const wrap = (content: unknown) => enc(JSON.stringify({ format: 'json', content }));
  assert.equal(readStoredMeasurement(wrap(msm)).ok, true);
  assert.equal(readStoredMeasurement(enc(JSON.stringify({ format: 'json', content: JSON.stringify(msm) }))).ok, true);
  const code = (b: Uint8Array) => {
    const r = readStoredMeasurement(b);
    return r.ok ? 'ok' : r.code;
  };
  assert.equal(code(enc('{')), 'invalid_json');
  assert.equal(code(wrap('nope')), 'bad_content');
  assert.equal(code(wrap({ test_name: 'signal' })), 'missing_field');
  assert.equal(code(wrap({ ...msm, probe_asn: 3269 })), 'missing_field');
  assert.equal(code(wrap({ ...msm, test_start_time: '2025-01-01T11:59:59Z' })), 'bad_time');
  const rejected = { ok: false, code: 'invalid_json', reason: 'x' } as const;
  assert.equal(checkStoredMeasurement(rejected), rejected);
});

test('archive line: an unreadable object is the `{}` line', () => {
  assert.deepEqual(lineOfPost(enc('{"format":"json","content":"{\\"a\\":1}"}')), { line: '{"a":1}', ok: true });
  assert.deepEqual(lineOfPost(enc('{"format":"JSON","content":{"a":1}}')), { line: '{}', ok: false });
  assert.deepEqual(lineOfPost(enc('{"content":{"a":1}}')), { line: '{}', ok: false });
  assert.deepEqual(lineOfPost(enc('{"format":"json","content":[]}')), { line: '{}', ok: false });
});

test('fastpath envelope (OONI semantics): a bare measurement is itself, format in any case, content as sent', () => {
  assert.deepEqual(unwrapUpload({ a: 1 }), { ok: true, content: { a: 1 } });
  assert.deepEqual(unwrapUpload({ format: 'json' }), { ok: true, content: { format: 'json' } });
  assert.deepEqual(unwrapUpload({ format: 'Json', content: 'x' }), { ok: true, content: 'x' });
  const code = (raw: unknown) => {
    const r = openEnvelope(raw);
    return 'kind' in r ? r.code : 'ok';
  };
  assert.equal(code([]), 'not_an_object');
  assert.equal(code({ format: 2, content: msm }), 'bad_wrapper_format');
  assert.equal(code({ format: 'yaml', content: msm }), 'yaml_not_supported');
  assert.equal(code({ format: 'xml', content: msm }), 'bad_wrapper_format');
  assert.equal(code({ format: 'json', content: JSON.stringify(msm) }), 'not_an_object');
  assert.equal(code({ format: 'JSON', content: msm }), 'ok');
  assert.equal(code(msm), 'ok');
});

test('every rejection code is registered with a description', () => {
  for (const [code, { description }] of Object.entries(INGEST_REJECTION_CODES)) {
    assert.ok(isIngestRejectionCode(code));
    assert.ok(description.length > 10, code);
  }
  assert.equal(isIngestRejectionCode('bad_json'), false);
  assert.equal(isIngestRejectionCode('toString'), false);
});

test('validate and score share one decode of a cached body', async () => {
  const { BodyCache } = await import('../../../activities/measurement/body-cache.ts');
  let reads = 0;
  const store = { get: (_key: string) => Promise.resolve((reads++, encodeStoredPost(msm))) };
  const cache = new BodyCache(store as unknown as ConstructorParameters<typeof BodyCache>[0]);
  const first = await cache.post('k');
  assert.equal(await cache.post('k'), first);
  assert.equal(reads, 1);
  assert.ok(first.ok);
});
