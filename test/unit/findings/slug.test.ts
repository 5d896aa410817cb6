// Slugs as oonifindings' generate_finding_slug makes them, numbered when taken; id-or-slug keys.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingSlug, isIdKey, isValidSlug, slugCandidate } from '../../../domain/findings/slug.ts';

const T = new Date('2024-07-17T16:45:25Z');

test('year of creation, then the title lower-cased, spaces to dashes, other characters dropped', () => {
  assert.equal(findingSlug(T, 'sample oonifinding'), '2024-sample-oonifinding');
  assert.equal(findingSlug(T, 'China is blocking OONI!'), '2024-china-is-blocking-ooni');
  assert.equal(findingSlug(T, 'Iran: WhatsApp & Signal — blocked'), '2024-iran-whatsapp--signal--blocked');
  assert.equal(findingSlug(T, 'Ελλάδα'), '2024-');
});

test('cut at 64 characters, numbered candidates too', () => {
  const long = findingSlug(T, 'x'.repeat(100));
  assert.equal(long, `2024-${'x'.repeat(59)}`);
  assert.equal(long.length, 64);
  assert.equal(slugCandidate('2024-a', 1), '2024-a');
  assert.equal(slugCandidate('2024-a', 2), '2024-a-2');
  assert.equal(slugCandidate(long, 12), `2024-${'x'.repeat(56)}-12`);
  assert.equal(slugCandidate(long, 12).length, 64);
});

test('integers are ids (Python int() syntax), anything else a slug', () => {
  for (const k of ['1234', '-5', '+7', '1_000', ' 42 ']) assert.ok(isIdKey(k), k);
  for (const k of ['2024-sample', 'this-is-my-slug', '12a', '1__0', '']) assert.ok(!isIdKey(k), k);
});

test('a chosen slug: 1-64 of [0-9A-Za-z-], never an integer', () => {
  for (const s of ['this-is-my-slug', '2024-x', 'A', 'x'.repeat(64)]) assert.ok(isValidSlug(s), s);
  for (const s of ['', '123', '-5', 'a b', 'a/b', 'é', 'x'.repeat(65), '../x']) assert.ok(!isValidSlug(s), s);
});
