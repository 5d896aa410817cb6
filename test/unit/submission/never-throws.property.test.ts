import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSubmission, SUBMISSION_ERROR_CODES, type SubmissionResult } from '../../../domain/submission/index.ts';
import { fixture, options, rleZstdBomb, utf8 } from '../../helpers/unit/submission.ts';

const small = { ...options, maxBodyBytes: 64 * 1024, maxDecompressedBytes: 256 * 1024 };

function assertTyped(r: SubmissionResult): void {
  if (r.kind === 'rejected') {
    assert.equal(r.status, SUBMISSION_ERROR_CODES[r.code].status);
    assert.equal(typeof r.message, 'string');
  } else {
    assert.ok(r.kind === 'accepted' || r.kind === 'discard');
  }
}

const reportIds = fc.oneof(
  fc.constant(undefined),
  fc.string(),
  fc.constantFrom('20240214T090617Z_webconnectivity_IT_30722_n1_1IvUiXNWHooB5rmD', '20240214T090617Z_ndt_IT_0_n1_x'),
);
const encodings = fc.oneof(fc.constant(null), fc.constantFrom('zstd', 'identity', '', 'gzip'), fc.string());

test('property: arbitrary bytes never throw and always give a typed result', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2048 }), encodings, reportIds, (body, enc, reportId) => {
      assertTyped(parseSubmission({ body, contentEncoding: enc, reportId }, small));
    }),
    { numRuns: 2000 },
  );
});

test('property: arbitrary bytes after a zstd magic never throw', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 512 }), (tail) => {
      const body = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, ...tail]);
      assertTyped(parseSubmission({ body, contentEncoding: 'zstd' }, small));
    }),
    { numRuns: 2000 },
  );
});

test('property: mutated zstd streams never throw', () => {
  const valid = rleZstdBomb(3);
  fc.assert(
    fc.property(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), (at, v) => {
      const body = valid.slice();
      body[at] = v;
      assertTyped(parseSubmission({ body, contentEncoding: 'zstd' }, small));
    }),
    { numRuns: 1000 },
  );
});

test('property: arbitrary JSON wrappers and contents never throw', () => {
  const content = fixture('web_connectivity.json');
  const patched = fc
    .record(
      {
        test_name: fc.oneof(fc.string(), fc.jsonValue()),
        probe_cc: fc.oneof(fc.string(), fc.jsonValue()),
        probe_asn: fc.oneof(fc.string(), fc.jsonValue()),
      },
      { requiredKeys: [] },
    )
    .map((p) => ({ ...content, ...p }));
  const contents = fc.oneof(
    fc.jsonValue(),
    patched,
    patched.map((c) => JSON.stringify(c)),
  );
  fc.assert(
    fc.property(fc.oneof(fc.constant('json'), fc.jsonValue()), contents, reportIds, (format, c, reportId) => {
      const body = utf8(JSON.stringify({ format, content: c }) ?? 'null');
      assertTyped(parseSubmission({ body, contentEncoding: null, reportId }, small));
    }),
    { numRuns: 1000 },
  );
});

test('property: any JSON document never throws', () => {
  fc.assert(
    fc.property(fc.jsonValue(), reportIds, (v, reportId) => {
      assertTyped(parseSubmission({ body: utf8(JSON.stringify(v)), contentEncoding: null, reportId }, small));
    }),
    { numRuns: 1000 },
  );
});
