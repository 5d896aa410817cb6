// Every source file is formatted by Prettier (.prettierrc.json); `npm run format` rewrites them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

test('prettier --check finds no unformatted source file', { timeout: 300_000 }, () => {
  const run = spawnSync(process.execPath, ['node_modules/prettier/bin/prettier.cjs', '--check', '.'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, `run \`npm run format\`:\n${run.stdout}${run.stderr}`);
});

test('prettier --check fails on an unformatted file', { timeout: 120_000 }, () => {
  const run = spawnSync(process.execPath, ['node_modules/prettier/bin/prettier.cjs', '--check', '--stdin-filepath', 'api/x.ts'], {
    cwd: root,
    encoding: 'utf8',
    input: 'export const x = {a:1,\n  b : "two"}\n',
  });
  assert.notEqual(run.status, 0, run.stdout + run.stderr);
});
