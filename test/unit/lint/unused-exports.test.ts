// No export, file or dependency that nothing uses (knip, configured in knip.json: the entry points
// are the processes, the CLI, the benches, the workflow bundle and the tests).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

test('knip reports no unused file, export or dependency', { timeout: 300_000 }, () => {
  const run = spawnSync(process.execPath, ['node_modules/knip/bin/knip.js', '--no-progress'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
