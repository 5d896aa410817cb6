// stack.env: what npm start writes is what the CLI reads, only for a running stack, never over
// settings the environment already has; DATA_DIR as the launcher reads it; one message when none runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadStackEnv, noStackMessage, parseStackEnv, removeStackEnv, stackDataDir, stackEnvPath, writeStackEnv } from '../../../lib/stack-env.ts';

const stackEnv = {
  DATABASE_URL: 'postgres://ooni:ooni@127.0.0.1:5433/ooni',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  S3_ENDPOINT: 'http://127.0.0.1:7070',
  S3_ACCESS_KEY_ID: 'k',
  S3_SECRET_ACCESS_KEY: 's',
  HOME: '/root',
};

function dataDir(pid: number | null) {
  const root = mkdtempSync(join(tmpdir(), 'stack-env-'));
  const dir = join(root, '.data');
  mkdirSync(dir, { recursive: true });
  writeStackEnv(dir, stackEnv);
  if (pid !== null) writeFileSync(join(dir, 'stack.pid'), String(pid));
  return { root, dir };
}

test('written with mode 0600, connection keys only; parse reads them back', () => {
  const { dir } = dataDir(process.pid);
  assert.equal(statSync(stackEnvPath(dir)).mode & 0o777, 0o600);
  const { HOME: _home, ...expected } = stackEnv;
  assert.deepEqual(
    parseStackEnv(
      `x\nPATH=/bin\n${Object.entries(expected)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n')}`,
    ),
    expected,
  );
  removeStackEnv(dir);
});

test('loaded for a running stack when the environment names no database', () => {
  const { root } = dataDir(process.pid);
  const env: NodeJS.ProcessEnv = { S3_ENDPOINT: 'http://elsewhere:9000' };
  assert.ok(loadStackEnv(env, root));
  assert.equal(env.DATABASE_URL, stackEnv.DATABASE_URL);
  assert.equal(env.TEMPORAL_ADDRESS, stackEnv.TEMPORAL_ADDRESS);
  assert.equal(env.S3_ENDPOINT, 'http://elsewhere:9000', 'a set variable wins');
  assert.equal(env.HOME, undefined);
});

test('ignored when DATABASE_URL is set, or when the stack that wrote it is gone', () => {
  const running = dataDir(process.pid);
  const env: NodeJS.ProcessEnv = { DATABASE_URL: 'postgres://x@db/ooni' };
  assert.equal(loadStackEnv(env, running.root), null);
  assert.equal(env.TEMPORAL_ADDRESS, undefined);
  const dead = dataDir(2 ** 22 + 12345); // above pid_max: no such process
  const empty: NodeJS.ProcessEnv = {};
  assert.equal(loadStackEnv(empty, dead.root), null);
  assert.deepEqual(empty, {});
});

test('DATA_DIR picks the folder, with the launcher default .data when unset', () => {
  const { root } = dataDir(process.pid);
  const other = join(root, 'second');
  mkdirSync(other);
  writeStackEnv(other, { ...stackEnv, DATABASE_URL: 'postgres://ooni:ooni@127.0.0.1:6543/ooni' });
  writeFileSync(join(other, 'stack.pid'), String(process.pid));
  assert.equal(stackDataDir({}, root), join(root, '.data'));
  assert.equal(stackDataDir({ DATA_DIR: '' }, root), join(root, '.data'));
  const env: NodeJS.ProcessEnv = { DATA_DIR: 'second' };
  assert.equal(loadStackEnv(env, root), stackEnvPath(other));
  assert.equal(env.DATABASE_URL, 'postgres://ooni:ooni@127.0.0.1:6543/ooni');
});

test('no running stack: one message naming the file, the way out, and stacks running elsewhere', () => {
  const dead = dataDir(2 ** 22 + 12345);
  const alone = noStackMessage({}, dead.root);
  assert.equal(
    alone,
    `no running stack found in ${join(dead.root, '.data', 'stack.env')}; start one with npm start (DATA_DIR=.data)\n` +
      'or set DATABASE_URL, TEMPORAL_ADDRESS and the S3_* settings of the services to use.',
  );
  const other = join(dead.root, 'second');
  mkdirSync(other);
  writeStackEnv(other, stackEnv);
  writeFileSync(join(other, 'stack.pid'), String(process.pid));
  const hinted = noStackMessage({}, dead.root).split('\n');
  assert.equal(hinted.length, 3);
  assert.equal(hinted[2], `a stack is running in ${other}: DATA_DIR=second npx ooni-pipeline …`);
  assert.equal(noStackMessage({ DATA_DIR: 'second' }, dead.root).split('\n').length, 2, 'the folder asked for is not hinted again');
});

test('the CLI prints that message, not a configuration dump, when it finds no stack', () => {
  const dead = dataDir(2 ** 22 + 12345);
  const bin = fileURLToPath(new URL('../../../bin/ooni-pipeline.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [bin, 'seal'], { env: { PATH: process.env.PATH, DATA_DIR: dead.dir }, encoding: 'utf8' });
  assert.equal(result.status, 1);
  assert.match(
    result.stderr,
    new RegExp(`^no running stack found in ${join(dead.dir, 'stack.env').replaceAll('.', '\\.')}; start one with npm start`),
  );
  assert.doesNotMatch(result.stderr, /invalid configuration|received undefined/);
});
