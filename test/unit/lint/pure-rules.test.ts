// The lint setup keeps domain/ and activities/fastpath/ pure: no file, network, database, S3 or
// Temporal I/O, no imports of the layers that do it, no environment or fetch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintMessages as messages } from '../../helpers/unit/lint.ts';

const IMPURE = [
  "import { readFile } from 'node:fs/promises';",
  "import { createServer } from 'node:net';",
  "import { spawn } from 'child_process';",
  "import postgres from 'postgres';",
  "import { eq } from 'drizzle-orm';",
  "import { S3Client } from '@aws-sdk/client-s3';",
  "import { proxyActivities } from '@temporalio/workflow';",
  "import type { Database } from '../../lib/db.ts';",
  "import { staged } from '../../drizzle/schema.ts';",
  "import { refreshCountersJob } from '../../activities/jobs/counters.ts';",
  "import { createApp } from '../../api/app.ts';",
  'export const used = [readFile, createServer, spawn, postgres, eq, S3Client, proxyActivities, staged, refreshCountersJob, createApp];',
  'export type Used = Database;',
  'export const env = () => [process.env.X, fetch];',
].join('\n');

for (const filePath of ['domain/archive/plan.ts', 'activities/fastpath/row.ts']) {
  test(`${filePath}: pure code may not import I/O modules or layers, nor read the environment`, { timeout: 120_000 }, async () => {
    const found = await messages(IMPURE, filePath);
    const text = found.map((m) => `${m.ruleId}: ${m.message}`).join('\n');
    const imports = found.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
    for (const source of ['node:fs/promises', 'node:net', 'child_process', 'postgres', 'drizzle-orm', '@aws-sdk/client-s3', '@temporalio/workflow']) {
      assert.ok(
        imports.some((m) => m.includes(`'${source}'`)),
        `${source} not flagged:\n${text}`,
      );
    }
    const layers = found.filter((m) => m.ruleId === 'pure/relative-imports').map((m) => m.message);
    for (const source of ['lib/db.ts', 'drizzle/schema.ts', 'activities/jobs/counters.ts', 'api/app.ts']) {
      assert.ok(
        layers.some((m) => m.includes(source)),
        `${source} not flagged:\n${text}`,
      );
    }
    assert.equal(found.filter((m) => m.ruleId === 'no-restricted-globals').length, 2, text);
  });
}

test('a fastpath file may not reach a sibling activity folder', { timeout: 120_000 }, async () => {
  const found = await messages(
    "import { refreshCountersJob } from '../jobs/counters.ts';\nexport const f = refreshCountersJob;\n",
    'activities/fastpath/row.ts',
  );
  assert.ok(
    found.some((m) => m.ruleId === 'pure/relative-imports'),
    JSON.stringify(found),
  );
});

test('pure code may hash, compress, use isIP, type-import Temporal and import other pure code', { timeout: 120_000 }, async () => {
  const found = await messages(
    [
      "import { createHash } from 'node:crypto';",
      "import { gzipSync } from 'node:zlib';",
      "import { isIP } from 'node:net';",
      "import type { WorkflowInfo } from '@temporalio/workflow';",
      "import { parseCsv } from '../csv.ts';",
      "import { scoreMeasurement } from '../../activities/fastpath/score-measurement.ts';",
      'export const ok = [createHash, gzipSync, isIP, parseCsv, scoreMeasurement];',
      'export type Info = WorkflowInfo;',
    ].join('\n'),
    'domain/archive/plan.ts',
  );
  assert.deepEqual(found, []);
});

test('code outside the pure folders may do I/O', { timeout: 120_000 }, async () => {
  const found = await messages(
    "import { readFile } from 'node:fs/promises';\nexport const r = () => [readFile, process.env.X];\n",
    'activities/jobs/fingerprints-files.ts',
  );
  assert.deepEqual(found, []);
});
