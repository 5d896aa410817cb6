// Issue #12's "done when", in a real browser: a page on a listed origin other than the API's logs
// in through the v2 magic link (the mail goes through a real SMTP server; the browser follows the
// link back to the page) and then uses a session route; a page on an unlisted origin cannot even
// ask for a link.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Client } from '@temporalio/client';
import type { Page } from 'playwright-core';
import { createApp } from '../../api/app.ts';
import { loadRuntimeConfig } from '../../lib/config.ts';
import { infraOf } from '../../lib/infra.ts';
import { createLogger } from '../../lib/logger.ts';
import type { ObjectStore } from '../../lib/s3.ts';
import { startMailCatcher, type MailCatcher } from '../helpers/accounts.ts';
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
import { createTestBucket } from '../helpers/s3.ts';

const EMAIL = 'browser-login@example.org';

let db: TestDatabase;
let store: ObjectStore;
let mail: MailCatcher;
let api: ApiServer;
let site: PageServer;
let otherSite: PageServer;
let browser: TestBrowser;
let page: Page;

before(async () => {
  [db, store, mail, site, otherSite] = await Promise.all([
    createTestDatabase(),
    createTestBucket(),
    startMailCatcher(),
    servePage(FETCH_PAGE_HTML),
    servePage(FETCH_PAGE_HTML),
  ]);
  // the page's origin may call the session routes and be sent back to by the login link
  const config = loadRuntimeConfig({
    DATABASE_URL: db.url,
    NODE_ENV: 'test',
    SMTP_URL: mail.url,
    CORS_ALLOWED_ORIGINS: site.origin,
    LOGIN_REDIRECT_ALLOWLIST: `${site.origin},${otherSite.origin}`,
  });
  // the account routes never touch Temporal
  const temporal = {} as Client;
  api = await serveApi(createApp({ ...infraOf({ database: db, store, temporal, log: createLogger('browser-login', 'silent') }), config }));
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(`${site.origin}/`);
});

after(async () => {
  await browser?.close();
  await api?.close();
  await Promise.all([site?.close(), otherSite?.close(), mail?.close()]);
  store?.client.destroy();
  await db?.drop();
});

const json = (body: unknown) => ({
  method: 'POST',
  credentials: 'include' as const,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

test('a page on a listed origin logs in by mail and then reads its session', async () => {
  const anonymous = await pageFetch(page, `${api.base}/api/_/account_metadata`, { credentials: 'include' });
  assert.ok(anonymous.ok, JSON.stringify(anonymous));
  assert.deepEqual(anonymous.body, { logged_in: false, role: '' });

  // 1. the page asks for a login link to come back to it
  const asked = await pageFetch(page, `${api.base}/api/v2/ooniauth/user-login`, json({ email_address: EMAIL, redirect_to: `${site.origin}/` }));
  assert.ok(asked.ok, JSON.stringify(asked));
  assert.equal(asked.status, 200);
  assert.equal((asked.body as { email_address: string }).email_address, EMAIL);

  // 2. the mail arrives over SMTP; the person follows its link, which opens the page again
  const message = await mail.nextMessage(EMAIL);
  const link = new RegExp(`${site.origin.replace(/[.]/g, '\\.')}/login\\?token=[A-Za-z0-9_%.-]+`).exec(message.text)?.[0];
  assert.ok(link, `no link back to the page in the mail: ${message.text}`);
  await page.goto(link);

  // 3. the page turns the token of its address into a session
  const loginToken = new URL(page.url()).searchParams.get('token');
  assert.ok(loginToken);
  const session = await pageFetch(page, `${api.base}/api/v2/ooniauth/user-session`, json({ login_token: loginToken }));
  assert.ok(session.ok, JSON.stringify(session));
  assert.equal(session.status, 200);
  const { session_token: token, is_logged_in: isLoggedIn, role } = session.body as { session_token: string; is_logged_in: boolean; role: string };
  assert.equal(isLoggedIn, true);
  assert.equal(role, 'user');
  assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);

  // 4. with it, the session routes know the page's user
  const auth = { credentials: 'include' as const, headers: { Authorization: `Bearer ${token}` } };
  const metadata = await pageFetch(page, `${api.base}/api/_/account_metadata`, auth);
  assert.ok(metadata.ok, JSON.stringify(metadata));
  assert.deepEqual(metadata.body, { logged_in: true, role: 'user' });
  const described = await pageFetch(page, `${api.base}/api/v2/ooniauth/user-session`, auth);
  assert.ok(described.ok, JSON.stringify(described));
  assert.equal((described.body as { email_address: string }).email_address, EMAIL);
  const refreshed = await pageFetch(page, `${api.base}/api/v1/user_refresh_token`, auth);
  assert.ok(refreshed.ok, JSON.stringify(refreshed));
  assert.equal(refreshed.status, 200);
  assert.match((refreshed.body as { bearer: string }).bearer, /^[\w-]+\.[\w-]+\.[\w-]+$/);
});

test('a page on an unlisted origin cannot ask for a link: the browser stops at the preflight', async () => {
  const other = await browser.context.newPage();
  await other.goto(`${otherSite.origin}/`);
  const before = api.received.length;
  const r = await pageFetch(other, `${api.base}/api/v2/ooniauth/user-login`, json({ email_address: EMAIL, redirect_to: `${otherSite.origin}/` }));
  assert.deepEqual(r, { ok: false, error: 'TypeError: Failed to fetch' });
  assert.deepEqual(api.received.slice(before), ['OPTIONS /api/v2/ooniauth/user-login']);
  await other.close();
});
