// QA conformance (ooni-data.md §10.2 "QA corpus"): each of the 50 web_connectivity 0.5 scenarios,
// observed without enrichment and analysed alone (its own window, its own control), gives the
// verdicts upstream's tests expect (test/fixtures/ooni-data-qa/expectations.json, transcribed by hand).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readFingerprintsDir } from '../../../activities/jobs/fingerprints-files.ts';
import { analyseMeasurement, dnsFingerprintIndex, GroundTruth } from '../../../domain/analysis/index.ts';
import type { AnalysisWebMeasurementRow } from '../../../domain/analysis/types.ts';
import { measurementToObservations } from '../../../domain/observations/index.ts';
import { nodeObservationCrypto } from '../../../lib/observations/crypto.ts';

const DIR = fileURLToPath(new URL('../../fixtures/ooni-data-qa/', import.meta.url));
type Expected = Record<string, [number, number] | string | null>;
const expectations = JSON.parse(readFileSync(DIR + 'expectations.json', 'utf8')) as Record<string, Expected>;
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && f !== 'expectations.json')
  .map((f) => f.replace(/\.json$/, ''))
  .sort();
const dns = dnsFingerprintIndex(await readFingerprintsDir());

test('the corpus has 50 scenarios, each with expectations', () => {
  assert.equal(cases.length, 50);
  assert.deepEqual(Object.keys(expectations).sort(), cases);
});

function analyse(name: string): AnalysisWebMeasurementRow {
  const measurement: unknown = JSON.parse(readFileSync(`${DIR}${name}.json`, 'utf8'));
  // as upstream's test: the scenario name is the measurement_uid; no enrichment
  const obs = measurementToObservations(measurement, name, { bucketDate: '1984-01-01', createdAt: null, ipDb: null, crypto: nodeObservationCrypto });
  assert.ok(obs.ok, obs.ok ? '' : obs.reason);
  const truth = new GroundTruth();
  for (const r of obs.obs_web_ctrl) truth.addCtrlRow(r);
  for (const r of obs.obs_web) truth.addObsWebRow(r);
  const row = analyseMeasurement(obs.obs_web, truth, dns, { fingerprints_version: dns.version });
  assert.ok(row, 'one analysis row');
  return row;
}

for (const name of cases) {
  test(`QA ${name}`, () => {
    const row = analyse(name) as unknown as Record<string, unknown>;
    for (const [column, want] of Object.entries(expectations[name]!)) {
      const got = row[column];
      if (Array.isArray(want)) {
        assert.ok(typeof got === 'number' && want[0] <= got && got <= want[1], `${column} = ${String(got)}, want [${want.join(', ')}]`);
      } else assert.equal(got, want, column);
    }
    assert.equal(row.measurement_uid, name);
    assert.equal(row.analysis_rules_version, 2);
  });
}
