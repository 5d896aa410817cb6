// The pure parts: key layout, part planning, jsonl lines, verify checks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineOfPost, serializeContent } from '../../domain/archive/content-line.ts';
import { buildJsonl, buildPostcan, readJsonl, readPostcan } from '../../domain/archive/files.ts';
import { archiveTestName, hourOf, parseHour } from '../../domain/archive/bucket.ts';
import {
  bucketPartsPrefix,
  dayKeyRange,
  incomingKey,
  parseJsonlKey,
  parsePartKey,
  partKeys,
  postcanKeyOf,
  uidOfIncomingKey,
} from '../../domain/s3-keys.ts';
import { planParts, tarMemberBytes } from '../../domain/archive/plan.ts';
import { checkCoverage, checkDuplicateMembers, checkPart } from '../../domain/archive/verify.ts';
import { verdictTransitions } from '../../domain/archive/verdicts.ts';

const enc = (s: string) => new TextEncoder().encode(s);

test('keys follow OONI layout and parse back', () => {
  const ref = { hour: '2021081715', cc: 'US', testName: archiveTestName('web_connectivity'), collectorId: '0', part: 0 };
  const keys = partKeys(ref);
  assert.equal(keys.jsonlKey, 'raw/20210817/15/US/webconnectivity/2021081715_US_webconnectivity.n0.0.jsonl.gz');
  assert.equal(keys.postcanKey, 'raw/20210817/15/US/webconnectivity/2021081715_US_webconnectivity.n0.0.tar.gz');
  assert.deepEqual(parseJsonlKey(keys.jsonlKey), ref);
  assert.equal(parseJsonlKey('raw/20210817/16/US/webconnectivity/2021081715_US_webconnectivity.n0.0.jsonl.gz'), null);
  assert.throws(() => partKeys({ ...ref, cc: 'us/../' }));
  assert.equal(parseHour('2021023100'), null);
  assert.equal(hourOf(parseHour('2021081715')!), '2021081715');
});

test('one module builds every S3 key: incoming objects, part prefixes, postcans, day ranges', () => {
  const uid = '20210817150102.123456_US_webconnectivity_0123456789abcdef';
  assert.equal(incomingKey(uid), `incoming/2021081715_US_webconnectivity/${uid}.post`);
  assert.equal(uidOfIncomingKey(incomingKey(uid)), uid);
  assert.equal(uidOfIncomingKey(`incoming/2021081716_US_webconnectivity/${uid}.post`), null);
  const ref = { hour: '2021081715', cc: 'US', testName: 'webconnectivity', collectorId: '0', part: 3 };
  const keys = partKeys(ref);
  assert.equal(bucketPartsPrefix(ref), 'raw/20210817/15/US/webconnectivity/2021081715_US_webconnectivity.n0.');
  assert.ok(keys.jsonlKey.startsWith(bucketPartsPrefix(ref)) && keys.postcanKey.startsWith(bucketPartsPrefix(ref)));
  assert.equal(postcanKeyOf(keys.jsonlKey), keys.postcanKey);
  assert.deepEqual(parsePartKey(keys.postcanKey), ref);
  assert.deepEqual(parsePartKey(keys.jsonlKey), ref);
  assert.equal(parsePartKey(incomingKey(uid)), null);
  const day = dayKeyRange('20210817');
  assert.ok(day.from <= keys.jsonlKey && keys.jsonlKey < day.to);
});

test('parts are cut at the cap in uid order; an oversized member stands alone', () => {
  const items = ['c', 'a', 'b', 'd'].map((uid) => ({ uid, size: uid === 'c' ? 5000 : 100 }));
  const parts = planParts(items, tarMemberBytes(100) * 2);
  assert.deepEqual(
    parts.map((p) => p.map((i) => i.uid)),
    [['a', 'b'], ['c'], ['d']],
  );
});

test('lines escape like ujson; string content and junk are handled', () => {
  assert.equal(serializeContent({ u: 'http://x/é' }), '{"u":"http:\\/\\/x\\/\\u00e9"}');
  assert.deepEqual(JSON.parse(serializeContent({ u: 'http://x/é' })), { u: 'http://x/é' });
  assert.deepEqual(lineOfPost(enc('{"format":"json","content":"{\\"a\\":1}"}')), { line: '{"a":1}', ok: true });
  assert.deepEqual(lineOfPost(enc('not json')), { line: '{}', ok: false });
  assert.deepEqual(lineOfPost(enc('{"format":"yaml","content":"a: 1"}')), { line: '{}', ok: false });
});

test('files round-trip and are byte-identical when rebuilt', async () => {
  const members = [
    { uid: 'u1', body: enc('{"format":"json","content":{}}') },
    { uid: 'u2', body: enc('x'.repeat(1000)) },
  ];
  const a = await buildPostcan(members, new Date(0));
  const b = await buildPostcan(members, new Date(0));
  assert.deepEqual(a, b);
  assert.deepEqual(await readPostcan(a), members);
  assert.deepEqual(readJsonl(buildJsonl(['{}', '{"a":1}'])), ['{}', '{"a":1}']);
});

test('verify checks report each kind of mismatch', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const out = checkCoverage({
    now,
    maxStagedAgeMs: 30 * 60_000,
    fastpathUids: ['a', 'b', 'c', 'd'],
    indexedUids: new Set(['a', 'x']),
    unsealed: new Map([
      ['b', new Date('2026-01-01T11:00:00Z')],
      ['c', new Date('2026-01-01T08:00:00Z')],
    ]),
  });
  assert.deepEqual(out.map((m) => m.split(':')[0]).sort(), ['c', 'd', 'x']);
  const body = enc('{"format":"json","content":{"k":1}}');
  const good = { jsonlKey: 'k', lines: ['{"k":1}'], members: [{ uid: 'a', body }], index: [{ uid: 'a', s3path: 'k', linenum: 0 }] };
  assert.deepEqual(checkPart(good), []);
  assert.equal(checkPart({ ...good, lines: ['{"k":2}'] }).length, 1);
  assert.equal(checkPart({ ...good, index: [{ uid: 'b', s3path: 'k', linenum: 0 }] }).length, 1);
  assert.equal(checkPart({ ...good, index: [{ uid: 'a', s3path: 'k', linenum: 3 }] }).length, 1);
  assert.equal(checkPart({ ...good, members: null }).length, 1);
  assert.deepEqual(
    checkDuplicateMembers(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
    ),
    ['b: in 2 postcan members'],
  );
});

test('verdict transitions', () => {
  const v = { anomaly: false, confirmed: false, msmFailure: false };
  assert.deepEqual(verdictTransitions(v, { ...v, anomaly: true, msmFailure: true }), ['anomaly f→t', 'failure f→t']);
  assert.deepEqual(verdictTransitions(undefined, v), ['new row']);
  assert.deepEqual(verdictTransitions(v, v), []);
});
