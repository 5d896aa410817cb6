// The 50 QA scenarios of ooni/data (test/fixtures/ooni-data-qa, expectations.json transcribed from
// the reference) through the whole pipeline: each uploaded as a probe does, moved to an hour of its
// own (they share one start time, and one's control must not leak into another's window), the
// coordinator run, then each scenario's analysis row checked. As upstream's QA run, with no IP
// enrichment (every public address unknown). Also the §5.5 worked example's verdict.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { eq, gt } from 'drizzle-orm';
import { analysisHours, analysisWebMeasurement } from '../../drizzle/schema.ts';
import type { AnalysisWebMeasurementRow } from '../../domain/analysis/types.ts';
import { webConnectivity, type Measurement } from '../helpers/measurements.ts';
import { createTestPipeline, type TestPipeline } from '../helpers/pipeline.ts';
import { atHour, runCoordinator, uploadAndProcess } from '../helpers/v5.ts';

const QA_DIR = fileURLToPath(new URL('../fixtures/ooni-data-qa/', import.meta.url));
type Expectation = Record<string, [number, number] | string | null>;
const expectations = JSON.parse(readFileSync(`${QA_DIR}expectations.json`, 'utf8')) as Record<string, Expectation>;
const scenarios = Object.keys(expectations).sort();

/** Scenario i is measured in hour 2024-02-11T00 + i. */
const hourOf = (i: number) => new Date(Date.parse('2024-02-11T00:00:00Z') + i * 3_600_000).toISOString().slice(0, 13);
const WORKED_EXAMPLE_HOUR = '2024-02-01T00';

let p: TestPipeline;
const uids = new Map<string, string>();
const rows = new Map<string, AnalysisWebMeasurementRow>();

before(async () => {
  p = await createTestPipeline('v5-qa', {}, { ipDatabase: async () => null });
  await p.startWorker();
  const queue = scenarios.map((name, i) => ({ name, i }));
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const m = JSON.parse(readFileSync(`${QA_DIR}${job.name}.json`, 'utf8')) as Measurement;
        uids.set(job.name, await uploadAndProcess(p, atHour(m, hourOf(job.i))));
      }
    }),
  );
  uids.set('worked-example', await uploadAndProcess(p, atHour(webConnectivity(), WORKED_EXAMPLE_HOUR)));
  // 51 hours: the coordinator runs 48, continues as new and runs the rest (its result is the last run's)
  await runCoordinator(p);
  const analysed = await p.database.db.$count(analysisHours, gt(analysisHours.analysed_seq, 0));
  assert.equal(analysed, scenarios.length + 1, 'one analysis per scenario hour');
  for (const [name, uid] of uids) {
    const [row] = await p.database.db.select().from(analysisWebMeasurement).where(eq(analysisWebMeasurement.measurement_uid, uid));
    if (row) rows.set(name, row);
  }
});
after(async () => p?.close());

test('the corpus holds the 50 scenarios', () => assert.equal(scenarios.length, 50));

for (const name of scenarios) {
  test(`QA ${name}`, () => {
    const row = rows.get(name);
    assert.ok(row, `${name}: an analysis row`);
    for (const [column, expected] of Object.entries(expectations[name]!)) {
      const actual: unknown = row[column as keyof AnalysisWebMeasurementRow];
      if (Array.isArray(expected)) {
        // scores are Float32 in the table: compare as stored
        const v = Math.fround(Number(actual));
        assert.ok(
          v >= Math.fround(expected[0]) && v <= Math.fround(expected[1]),
          `${column} = ${String(actual)}, expected in [${expected.join(', ')}]`,
        );
      } else {
        assert.equal(actual, expected, column);
      }
    }
  });
}

test('§5.5 worked example: DNS tls_consistent_answer (ok 1), TCP connect_ok (ok 1), TLS no_tls_data, nothing blocked', () => {
  const row = rows.get('worked-example');
  assert.ok(row);
  assert.deepEqual(
    [row.top_dns_rule_id, row.dns_ok, row.top_tcp_rule_id, row.tcp_ok, row.top_tls_rule_id],
    ['tls_consistent_answer', 1, 'connect_ok', 1, 'no_tls_data'],
  );
  assert.deepEqual([row.dns_blocked, row.tcp_blocked, row.tls_blocked], [0, 0, 0]);
  assert.equal(row.measurement_uid, uids.get('worked-example'));
});
