// Every fixture scored by the original (expected_outputs.json) must give the same scores,
// fingerprint matches and row, byte for byte in the scores column: parsed by JSON.parse, and by
// the lazy parse of stored objects (domain/lazy-json) with every string left lazy or only long ones.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scoreMeasurement } from '../../../activities/fastpath/index.ts';
import { matchFingerprints } from '../../../activities/fastpath/fingerprints/match.ts';
import { Base64Error } from '../../../activities/fastpath/py/errors.ts';
import { parseJsonLazily } from '../../../domain/lazy-json/parse-lazily.ts';
import { LAZY_DECODING } from '../../../domain/stored-post.ts';
import { readFixture, snapshotFingerprints } from '../../helpers/unit/fastpath.ts';

interface Golden {
  test_name: string;
  fingerprint_matches: unknown[] | null | string;
  scores: Record<string, unknown>;
  row: Record<string, unknown> | null;
}

const expected = JSON.parse(readFixture('expected_outputs.json')) as Record<string, Golden>;
const entries = Object.entries(expected).filter(([name]) => name !== '_about');

const PARSES: Record<string, (text: string) => unknown> = {
  'JSON.parse': (text) => JSON.parse(text),
  'lazy parse, every string lazy': (text) => parseJsonLazily(Buffer.from(text), 1)!.value,
  'lazy parse, long strings lazy': (text) => (parseJsonLazily(Buffer.from(text), LAZY_DECODING.minStringBytes) ?? { value: JSON.parse(text) }).value,
};

describe('golden outputs of the original fastpath', () => {
  it('covers every fixture entry', () => assert.equal(entries.length, 43));
  it('has fixtures with strings the lazy parse leaves undecoded', () => {
    const lazyFiles = entries.filter(([file]) => parseJsonLazily(Buffer.from(readFixture(file)), LAZY_DECODING.minStringBytes) !== null);
    assert.ok(lazyFiles.length >= 1, 'mbx-1 at least');
  });

  for (const [parseName, parse] of Object.entries(PARSES)) describe(parseName, () => goldenCases(parse));
});

function goldenCases(parse: (text: string) => unknown): void {
  for (const [file, golden] of entries) {
    it(file, () => {
      const raw: unknown = parse(readFixture(file));
      const uid = file.startsWith('20') ? file.replace(/\.json$/, '') : 'bogus_uid';
      const fps = snapshotFingerprints();
      const result = scoreMeasurement(raw, { measurementUid: uid, fingerprints: fps });

      if (golden.fingerprint_matches === 'raises Error') {
        assert.throws(() => matchFingerprints(fps, raw as Record<string, unknown>), Base64Error);
      } else if (golden.fingerprint_matches !== null) {
        const matches = matchFingerprints(fps, raw as Record<string, unknown>).map((fp) => (fp.locationFound === 'dns' ? fp.full : fp.mini));
        assert.deepStrictEqual(matches, golden.fingerprint_matches, 'fingerprint_matches');
      }

      if (golden.row === null) {
        assert.equal(result.kind, 'rejected', 'the original wrote no row');
        return;
      }
      assert.equal(result.kind, 'row', result.kind === 'rejected' ? `rejected: ${result.code} ${result.reason}` : '');
      if (result.kind !== 'row') return;
      assert.deepStrictEqual(result.scores, golden.scores, 'scores object');
      for (const [k, v] of Object.entries(golden.row)) assert.deepStrictEqual(result.row[k as keyof typeof result.row], v, `row field ${k}`);
      assert.deepStrictEqual({ ...result.row }, golden.row, 'whole row');
      assert.deepStrictEqual(Object.keys(result.row), Object.keys(golden.row), 'column order');
      assert.equal(result.fingerprintsVersion, fps.version);
    });
  }
}
