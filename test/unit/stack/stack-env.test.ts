// stack.env: what npm start writes is what the CLI reads, only for a running stack, never over
// settings the environment already has.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadStackEnv, parseStackEnv, removeStackEnv, stackEnvPath, writeStackEnv } from '../../../lib/stack-env.ts';

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
  assert.deepEqual(parseStackEnv(`x\nPATH=/bin\n${Object.entries(expected).map(([k, v]) => `${k}=${v}`).join('\n')}`), expected);
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
