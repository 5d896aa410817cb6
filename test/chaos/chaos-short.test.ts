// The chaos run, short: its own stack, a slow upload stream, and every fault once (worker and
// API SIGKILL, Temporal restart, S3 down 5 s, PostgreSQL restart); then seal and verify.
// Every acknowledged upload must end up exactly once in fastpath and in the archive.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printResult, runChaos } from '../../chaos/run.ts';

test('chaos (short): 0 losses and 0 duplicates across every fault', { timeout: 1_200_000 }, async () => {
  const result = await runChaos({ rate: 3, perPhase: 10, s3OutageSeconds: 5, log: (line) => process.stderr.write(`[chaos] ${line}\n`) });
  printResult(result);
  assert.deepEqual(result.problems, []);
  for (const row of result.report.phases) {
    assert.ok(row.acknowledged > 0, `${row.fault}: uploads acknowledged`);
    assert.equal(row.losses, 0, `${row.fault}: losses`);
    assert.equal(row.duplicates, 0, `${row.fault}: duplicates`);
    assert.equal(row.rows, row.acknowledged, `${row.fault}: one row per acknowledged upload`);
    assert.equal(row.archived, row.acknowledged, `${row.fault}: one archived line per acknowledged upload`);
  }
  assert.equal(result.report.verify.code, 0, result.report.verify.output);
});
