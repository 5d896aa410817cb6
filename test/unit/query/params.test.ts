// Filter parameters that reach SQL: separators, quotes and traversal never pass the patterns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ApiError } from '../../../api/errors.ts';
import { ccList, measurementUid, reportIdParam, testNameList } from '../../../api/query/params.ts';

const refused = (fn: () => unknown) => assert.throws(fn, (e: unknown) => e instanceof ApiError && e.status === 422 && e.code === 'invalid_parameter');

test('probe_cc: comma list of two letters, upper-cased; anything else 422', () => {
  assert.deepEqual(ccList('probe_cc', 'it, US'), ['IT', 'US']);
  assert.equal(ccList('probe_cc', undefined), undefined);
  for (const bad of ['../', "IT' OR 1=1--", 'ITA', 'I', 'I1', 'IT,../']) refused(() => ccList('probe_cc', bad));
});

test('test_name: letters, digits and _ (unknown names such as BOGUS1234 simply find nothing)', () => {
  assert.deepEqual(testNameList('test_name', 'web_connectivity,BOGUS1234'), ['web_connectivity', 'BOGUS1234']);
  for (const bad of ['../../x', 'web-connectivity', "x'", 'a b']) refused(() => testNameList('test_name', bad));
});

test('measurement_uid: 3-100 of A-Z a-z 0-9 . _ -; report_id: OONI pattern', () => {
  assert.equal(
    measurementUid('measurement_uid', '20240101000000.123456_IT_signal_0123456789abcdef'),
    '20240101000000.123456_IT_signal_0123456789abcdef',
  );
  assert.equal(measurementUid('measurement_uid', 'temp-id-999999999999999999'), 'temp-id-999999999999999999');
  for (const bad of ['../../etc/passwd', "x' OR '1'='1", 'a/b', 'ab', 'x'.repeat(101)]) refused(() => measurementUid('measurement_uid', bad));
  assert.equal(
    reportIdParam('report_id', '20240101T000000Z_signal_IT_30722_n1_abcdefghijklmnop'),
    '20240101T000000Z_signal_IT_30722_n1_abcdefghijklmnop',
  );
  for (const bad of ['../../20240101T000000Z_x', 'short', '20240101T000000Z signal']) refused(() => reportIdParam('report_id', bad));
});

test('property: no accepted value holds a path separator, quote, space or control character', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), (s) => {
      for (const parse of [() => ccList('p', s), () => testNameList('p', s), () => measurementUid('p', s), () => reportIdParam('p', s)]) {
        let out: unknown;
        try {
          out = parse();
        } catch (e) {
          assert.ok(e instanceof ApiError);
          continue;
        }
        const values = out === undefined ? [] : Array.isArray(out) ? out : [out];
        for (const v of values) assert.doesNotMatch(String(v), /[/\\'" \u0000-\u001f]/);
      }
    }),
  );
});
