// The one-pass body matcher gives exactly the naive per-fingerprint search's results.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BodyMatcher } from '../../../activities/fastpath/fingerprints/body-matcher.ts';
import { naiveMatchBody } from '../../../activities/fastpath/fingerprints/naive-body-matcher.ts';
import { csvFingerprints } from '../../helpers/unit/fastpath.ts';

const fps = csvFingerprints();
const patterns = fps.body.map((f) => f.pattern);
const pattern = fc.constantFrom(...patterns);
// Random text around random fingerprints, sometimes cut so that only a prefix of one appears.
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  pattern,
  pattern.chain((p) => fc.integer({ min: 0, max: p.length }).map((n) => p.slice(0, n))),
  pattern.chain((p) => fc.integer({ min: 0, max: p.length }).map((n) => p.slice(n))),
);
const body = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

describe('fast body matcher = naive matcher', () => {
  it('on random text bodies with embedded fingerprints (canonical list)', () => {
    fc.assert(
      fc.property(body, (b) => assert.deepEqual(fps.bodyMatcher.match(b), naiveMatchBody(patterns, b))),
      { numRuns: 1500 },
    );
  });
  it('on the same bodies as bytes (base64-decoded bodies)', () => {
    fc.assert(
      fc.property(body, fc.uint8Array({ maxLength: 30 }), (b, junk) => {
        const bytes = Buffer.concat([Buffer.from(b, 'utf8'), junk]);
        assert.deepEqual(fps.bodyMatcher.match(bytes), naiveMatchBody(patterns, bytes));
      }),
      { numRuns: 800 },
    );
  });
  it('on bytes at any alignment (views at offsets 0-3 of a larger buffer)', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 3 }), (b, shift) => {
        const text = Buffer.from(b, 'utf8');
        const backing = new Uint8Array(text.length + 8);
        backing.set(text, shift);
        const view = backing.subarray(shift, shift + text.length);
        assert.deepEqual(fps.bodyMatcher.match(view), naiveMatchBody(patterns, view));
      }),
      { numRuns: 800 },
    );
  });
  it('on small random alphabets with overlapping patterns (including duplicates and "")', () => {
    const small = fc.array(fc.stringMatching(/^(?:a|b|\u00e9|\ud83d\ude00){0,4}$/), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(small, fc.stringMatching(/^(?:a|b|\u00e9|\ud83d\ude00|\ud800|\ud83d){0,30}$/), (pats, b) => {
        assert.deepEqual(new BodyMatcher(pats).match(b), naiveMatchBody(pats, b));
      }),
      { numRuns: 1500 },
    );
  });
  it('on small alphabets with longer patterns sharing grams (anchors collide, overlaps, short ones)', () => {
    const pats = fc.array(fc.stringMatching(/^(?:a|b|\u00e9){0,12}$/), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(pats, fc.stringMatching(/^(?:a|b|\u00e9|c){0,60}$/), (ps, b) => {
        const m = new BodyMatcher(ps);
        assert.deepEqual(m.match(b), naiveMatchBody(ps, b));
        assert.deepEqual(m.match(Buffer.from(b, 'utf8')), naiveMatchBody(ps, Buffer.from(b, 'utf8')));
      }),
      { numRuns: 1500 },
    );
  });
  it('every pattern is found in a body made of itself', () => {
    fps.body.forEach((f, i) => assert.ok(fps.bodyMatcher.match(`..${f.pattern}..`).includes(i), f.name));
  });
});
