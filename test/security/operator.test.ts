// Operator endpoints: off (404) without OPERATOR_TOKEN; with it, Bearer auth compared in
// constant time, then the archive's and the schedules' workflows are started by name.
// Also: development secrets refused in production.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { serve } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app.ts';
import type { ApiDeps } from '../../api/deps.ts';
import { tokenMatches } from '../../api/operator.ts';
import { ConfigError, loadRuntimeConfig } from '../../lib/config.ts';
import { infraOf } from '../../lib/infra.ts';
import { createLogger } from '../../lib/logger.ts';
import { postJson } from '../helpers/measurements.ts';
import { createTestPipeline, type TestPipeline } from '../helpers/pipeline.ts';

const TOKEN = 'operator-test-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };
let p: TestPipeline;
const servers: Array<() => Promise<unknown>> = [];

before(async () => {
  p = await createTestPipeline('operator', { OPERATOR_TOKEN: TOKEN });
  await p.startWorker();
});
after(async () => {
  for (const close of servers) await close();
  await p?.close();
});

async function serveApp(overrides: Partial<ApiDeps>): Promise<string> {
  const deps: ApiDeps = {
    ...infraOf({ database: p.database, store: p.store, temporal: p.env.client, log: createLogger('operator', 'silent') }),
    config: p.config,
    ...overrides,
  };
  const app = createApp(deps);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  servers.push(() => new Promise((r) => server.close(r)));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const ROUTES = ['/api/v1/operator/seal', '/api/v1/operator/reprocess', '/api/v1/operator/schedules/seal-archive/trigger'];

test('no OPERATOR_TOKEN configured: every operator route answers 404, even with a token', async () => {
  const url = await serveApp({ config: { ...p.config, OPERATOR_TOKEN: undefined } });
  for (const route of ROUTES) {
    for (const headers of [{}, auth, { authorization: 'Bearer ' }] as Record<string, string>[]) {
      const res = await postJson(`${url}${route}`, {}, headers);
      assert.equal(res.status, 404, route);
      assert.equal(res.json.error, 'not_found');
    }
  }
});

test('token configured: 401 without or with a wrong bearer token, WWW-Authenticate set', async () => {
  for (const route of ROUTES) {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}x` }, { authorization: TOKEN }, { authorization: `bearer  ${TOKEN}` }] as Record<
      string,
      string
    >[]) {
      const res = await postJson(`${p.baseUrl}${route}`, {}, headers);
      assert.equal(res.status, 401, `${route} ${JSON.stringify(headers)}`);
      assert.equal(res.json.error, 'unauthorized');
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    }
  }
});

test('the comparison does not depend on where the tokens differ or on their lengths', () => {
  assert.equal(tokenMatches(TOKEN, TOKEN), true);
  assert.equal(tokenMatches(`${TOKEN}x`, TOKEN), false);
  assert.equal(tokenMatches('', TOKEN), false);
  assert.equal(tokenMatches('x'.repeat(10_000), TOKEN), false);
});

test('POST /api/v1/operator/seal {hour} starts sealHourWorkflow seal-<hour>', async () => {
  const res = await postJson(`${p.baseUrl}/api/v1/operator/seal`, { hour: '2024010100' }, auth);
  assert.equal(res.status, 202, res.text);
  assert.equal(res.json.workflow_id, 'seal-2024010100');
  const result = await p.env.client.workflow.getHandle('seal-2024010100').result();
  assert.equal(result.measurements, 0);
  const d = await p.env.client.workflow.getHandle('seal-2024010100').describe();
  assert.equal(d.type, 'sealHourWorkflow');
});

test('POST /api/v1/operator/reprocess starts reprocessWorkflow', async () => {
  const res = await postJson(
    `${p.baseUrl}/api/v1/operator/reprocess`,
    { start_day: '2024-01-01', end_day: '2024-01-01', probe_cc: 'IT', test_name: 'web_connectivity' },
    auth,
  );
  assert.equal(res.status, 202, res.text);
  assert.equal(res.json.workflow_id, 'reprocess-2024-01-01-2024-01-01-IT-webconnectivity');
  const d = await p.env.client.workflow.getHandle(res.json.workflow_id).describe();
  assert.equal(d.type, 'reprocessWorkflow');
  await p.env.client.workflow.getHandle(res.json.workflow_id).result();
});

test('POST /api/v1/operator/schedules/{id}/trigger triggers that schedule (known ids only)', async () => {
  // schedule ids are global on the shared test server: a stand-in client records the call
  const triggered: string[] = [];
  const temporal = { schedule: { getHandle: (id: string) => ({ trigger: async () => void triggered.push(id) }) } } as unknown as Client;
  const url = await serveApp({ temporal });
  const ok = await postJson(`${url}/api/v1/operator/schedules/retention/trigger`, '', auth);
  assert.equal(ok.status, 202, ok.text);
  assert.deepEqual(triggered, ['retention']);
  const unknown = await postJson(`${url}/api/v1/operator/schedules/nope/trigger`, '', auth);
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json.error, 'unknown_schedule');
  assert.deepEqual(triggered, ['retention']);
});

test('production refuses the development secrets (probe and account tokens, account ids) and a short OPERATOR_TOKEN', () => {
  const accounts = { ACCOUNT_JWT_SECRET: 'a-real-account-secret-of-32-chars', ACCOUNT_ID_HASHING_KEY: 'a-real-hashing-key-of-32-chars!!' };
  const base = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db', ...accounts };
  assert.throws(
    () => loadRuntimeConfig(base),
    (e: Error) => e instanceof ConfigError && /PROBE_JWT_SECRET/.test(e.message) && !/ACCOUNT/.test(e.message),
  );
  for (const name of Object.keys(accounts)) {
    const { [name as keyof typeof accounts]: _, ...withoutOne } = base;
    assert.throws(
      () => loadRuntimeConfig({ ...withoutOne, PROBE_JWT_SECRET: 'a-real-secret-of-32-characters!!' }),
      (e: Error) => e instanceof ConfigError && new RegExp(`${name}: the development default is refused`).test(e.message),
      name,
    );
  }
  assert.throws(
    () => loadRuntimeConfig({ ...base, PROBE_JWT_SECRET: 'a-real-secret-of-32-characters!!', OPERATOR_TOKEN: 'short' }),
    /OPERATOR_TOKEN/,
  );
  const ok = loadRuntimeConfig({ ...base, PROBE_JWT_SECRET: 'a-real-secret-of-32-characters!!' });
  assert.equal(ok.OPERATOR_TOKEN, undefined, 'no default operator token: operator endpoints are off');
});
