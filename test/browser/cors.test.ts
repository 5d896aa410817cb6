// A real browser (headless Chromium) calls the real API from pages on other origins with fetch():
// public routes read from any origin, a JSON POST passes its preflight, error bodies are
// readable, and a session route is readable from a listed origin only; from an unlisted one the
// browser itself blocks it (fetch rejects). Asserted on what the page could read.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Page } from 'playwright-core';
import { refreshCounters } from '../../activities/jobs/refresh-counters.ts';
import { createApp } from '../../api/app.ts';
import { fastpath } from '../../drizzle/schema.ts';
import { loadRuntimeConfig } from '../../lib/config.ts';
import { infraOf } from '../../lib/infra.ts';
import { createLogger } from '../../lib/logger.ts';
import type { ObjectStore } from '../../lib/s3.ts';
import {
  FETCH_PAGE_HTML,
  launchChromium,
  pageFetch,
  serveApi,
  servePage,
  type ApiServer,
  type PageServer,
  type TestBrowser,
} from '../helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { fpRow } from '../helpers/fastpath-rows.ts';
import { createTestBucket } from '../helpers/s3.ts';
import { connectTestEnvironment } from '../helpers/temporal.ts';

const OPERATOR_TOKEN = 'operator-browser-test-token-0123456789';

let db: TestDatabase;
let store: ObjectStore;
let env: TestWorkflowEnvironment;
let api: ApiServer;
let apiBase: string;
let listedSite: PageServer;
let unlistedSite: PageServer;
let browser: TestBrowser;
let listed: Page;
let unlisted: Page;

// three IT measurements yesterday (one anomaly), one DE
const yesterday = new Date(Date.now() - 24 * 3600_000);
const rows = [
  fpRow({ measurementStartTime: yesterday, probeCc: 'IT', anomaly: true }),
  fpRow({ measurementStartTime: new Date(yesterday.getTime() + 60_000), probeCc: 'IT' }),
  fpRow({ measurementStartTime: new Date(yesterday.getTime() + 120_000), probeCc: 'IT' }),
  fpRow({ measurementStartTime: yesterday, probeCc: 'DE' }),
];

before(async () => {
  [db, store, env, listedSite, unlistedSite] = await Promise.all([
    createTestDatabase(),
    createTestBucket(),
    connectTestEnvironment(),
    servePage(FETCH_PAGE_HTML),
    servePage(FETCH_PAGE_HTML),
  ]);
  await db.db.insert(fastpath).values(rows);
  await refreshCounters(db, { since: new Date(0) });
  const config = loadRuntimeConfig({ DATABASE_URL: db.url, NODE_ENV: 'test', CORS_ALLOWED_ORIGINS: listedSite.origin, OPERATOR_TOKEN });
  const app = createApp({ ...infraOf({ database: db, store, temporal: env.client, log: createLogger('browser-cors', 'silent') }), config });
  api = await serveApi(app);
  apiBase = api.base;
  browser = await launchChromium();
  listed = await browser.context.newPage();
  await listed.goto(`${listedSite.origin}/`);
  unlisted = await browser.context.newPage();
  await unlisted.goto(`${unlistedSite.origin}/`);
});

after(async () => {
  await browser?.close();
  await api?.close();
  await Promise.all([listedSite?.close(), unlistedSite?.close()]);
  store?.client.destroy();
  await db?.drop();
  await env?.teardown();
});

const requestsTo = (path: string) => api.received.filter((r) => r.endsWith(` ${path}`));

test('a public list route: the page reads the measurements (from the unlisted origin too)', async () => {
  for (const page of [listed, unlisted]) {
    const r = await pageFetch(page, `${apiBase}/api/v1/measurements?probe_cc=IT&limit=10`, {}, ['X-RateLimit-Remaining']);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.status, 200);
    const body = r.body as { results: { measurement_uid: string }[] };
    const expected = rows.filter((x) => x.probeCc === 'IT').map((x) => x.measurementUid);
    assert.deepEqual(body.results.map((m) => m.measurement_uid).sort(), [...expected].sort());
    // an exposed header: the page sees the quota left
    assert.match(r.headers['X-RateLimit-Remaining'] ?? '', /^\d+$/);
  }
});

test('an aggregation route and an /api/_/ route', async () => {
  const since = new Date(yesterday.getTime() - 86400_000).toISOString().slice(0, 10);
  const until = new Date(yesterday.getTime() + 2 * 86400_000).toISOString().slice(0, 10);
  const agg = await pageFetch(unlisted, `${apiBase}/api/v1/aggregation?probe_cc=IT&since=${since}&until=${until}`);
  assert.ok(agg.ok, JSON.stringify(agg));
  assert.equal(agg.status, 200);
  assert.deepEqual((agg.body as { result: unknown }).result, {
    anomaly_count: 1,
    confirmed_count: 0,
    failure_count: 0,
    measurement_count: 3,
    ok_count: 2,
  });

  const overview = await pageFetch(unlisted, `${apiBase}/api/_/global_overview`);
  assert.ok(overview.ok, JSON.stringify(overview));
  assert.deepEqual(overview.body, { measurement_count: 4, country_count: 2, network_count: 1 });
});

test('a probe POST with a JSON body: the browser preflights it, then the page reads the check-in', async () => {
  const r = await pageFetch(unlisted, `${apiBase}/api/v1/check-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      probe_cc: 'IT',
      probe_asn: 'AS30722',
      software_name: 'ooniprobe-web',
      software_version: '1.0.0',
      web_connectivity: { category_codes: [] },
    }),
  });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.status, 200);
  const body = r.body as { probe_cc: string; tests: { web_connectivity: { report_id: string } } };
  assert.equal(body.probe_cc, 'IT');
  assert.match(body.tests.web_connectivity.report_id, /_webconnectivity_IT_30722_n0_/);
  assert.deepEqual(requestsTo('/api/v1/check-in'), ['OPTIONS /api/v1/check-in', 'POST /api/v1/check-in']);
});

test('4xx answers are readable by the page: their JSON error body and status', async () => {
  const bad = await pageFetch(unlisted, `${apiBase}/api/v1/aggregation?axis_x=nonsense`);
  assert.ok(bad.ok, JSON.stringify(bad));
  assert.equal(bad.status, 400);
  assert.equal((bad.body as { error: string }).error, 'invalid_axis');

  const missing = await pageFetch(unlisted, `${apiBase}/api/v1/no_such_route`);
  assert.ok(missing.ok, JSON.stringify(missing));
  assert.equal(missing.status, 404);
  assert.equal((missing.body as { error: string }).error, 'not_found');
});

test('a session route from the listed origin, with Authorization and credentials: the preflight passes and the page reads the 401', async () => {
  const r = await pageFetch(
    listed,
    `${apiBase}/api/v1/operator/seal`,
    { method: 'POST', credentials: 'include', headers: { Authorization: 'Bearer not-the-token', 'Content-Type': 'application/json' }, body: '{}' },
    ['WWW-Authenticate'],
  );
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.status, 401);
  assert.equal((r.body as { error: string }).error, 'unauthorized');
  assert.equal(r.headers['WWW-Authenticate'], 'Bearer');
  assert.deepEqual(requestsTo('/api/v1/operator/seal'), ['OPTIONS /api/v1/operator/seal', 'POST /api/v1/operator/seal']);
});

test('an account route from the listed origin with a bad session token: the preflight passes and the page reads the 401', async () => {
  const r = await pageFetch(listed, `${apiBase}/api/v1/user_refresh_token`, {
    credentials: 'include',
    headers: { Authorization: 'Bearer not.a.session' },
  });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.status, 401);
  assert.equal((r.body as { error: string }).error, 'auth_required');
  assert.deepEqual(requestsTo('/api/v1/user_refresh_token'), ['OPTIONS /api/v1/user_refresh_token', 'GET /api/v1/user_refresh_token']);
});

test('the same from an unlisted origin: the browser blocks it after the preflight, and the request is never sent', async () => {
  const before = requestsTo('/api/v1/operator/reprocess').length;
  const r = await pageFetch(unlisted, `${apiBase}/api/v1/operator/reprocess`, {
    method: 'POST',
    credentials: 'include',
    headers: { Authorization: 'Bearer not-the-token', 'Content-Type': 'application/json' },
    body: '{}',
  });
  assert.deepEqual(r, { ok: false, error: 'TypeError: Failed to fetch' });
  assert.deepEqual(requestsTo('/api/v1/operator/reprocess').slice(before), ['OPTIONS /api/v1/operator/reprocess']);
});

test('a simple GET of a session path from an unlisted origin is sent but its answer is not readable; from the listed one it is', async () => {
  const blocked = await pageFetch(unlisted, `${apiBase}/api/v2/ooniauth/no-such-route`);
  assert.deepEqual(blocked, { ok: false, error: 'TypeError: Failed to fetch' });
  const read = await pageFetch(listed, `${apiBase}/api/v2/ooniauth/no-such-route`, { credentials: 'include' });
  assert.ok(read.ok, JSON.stringify(read));
  assert.equal(read.status, 404);
  assert.equal((read.body as { error: string }).error, 'not_found');
  assert.deepEqual(requestsTo('/api/v2/ooniauth/no-such-route'), ['GET /api/v2/ooniauth/no-such-route', 'GET /api/v2/ooniauth/no-such-route']);
});
