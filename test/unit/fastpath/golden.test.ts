// Every fixture scored by the original (expected_outputs.json) must give the same scores,
// fingerprint matches and row, byte for byte in the scores column.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scoreMeasurement } from '../../../activities/fastpath/index.ts';
import { matchFingerprints } from '../../../activities/fastpath/fingerprints/match.ts';
import { Base64Error } from '../../../activities/fastpath/py/errors.ts';
import { readFixture, snapshotFingerprints } from '../../helpers/unit/fastpath.ts';

interface Golden {
  test_name: string;
  fingerprint_matches: unknown[] | null | string;
  scores: Record<string, unknown>;
  row: Record<string, unknown> | null;
}

const expected = JSON.parse(readFixture('expected_outputs.json')) as Record<string, Golden>;
const entries = Object.entries(expected).filter(([name]) => name !== '_about');

describe('golden outputs of the original fastpath', () => {
  it('covers every fixture entry', () => assert.equal(entries.length, 43));

  for (const [file, golden] of entries) {
    it(file, () => {
      const raw: unknown = JSON.parse(readFixture(file));
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
});
