// The v1 account routes Explorer calls (user_register, user_login?k=, user_refresh_token,
// /api/_/account_metadata), with upstream ooniauth's v1 test facts, on the real stack.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loginTokenOf } from '../helpers/accounts.ts';
import { bearer, createAccountsHarness, jwtClaims, START, type AccountsHarness } from '../helpers/accounts-harness.ts';

const DAY = 86_400_000;
const EXPLORER = 'https://explorer.ooni.org';
let h: AccountsHarness;

before(async () => {
  h = await createAccountsHarness({ ADMIN_EMAILS: 'admin@ooni.org', TRUSTED_PROXY_HOPS: '1' });
});
after(() => h?.close());

let n = 0;
const from = () => ({ 'X-Forwarded-For': `10.8.${Math.floor(++n / 250)}.${n % 250}` });

async function register(email: string): Promise<string> {
  const r = await h.post('/api/v1/user_register', { email_address: email, redirect_to: EXPLORER }, from());
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body, { msg: 'ok' });
  return loginTokenOf(await h.mail.nextMessage(email));
}

async function registerAndLogin(email: string): Promise<Record<string, string>> {
  const r = await h.json(`/api/v1/user_login?k=${await register(email)}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.redirect_to, EXPLORER);
  assert.equal(r.body.email_address, email);
  assert.deepEqual(Object.keys(r.body).sort(), ['bearer', 'email_address', 'redirect_to']);
  return bearer(r.body.bearer);
}

test('account_metadata: logged out {logged_in:false, role:""}; logged in the role', async () => {
  const out = await h.json('/api/_/account_metadata');
  assert.deepEqual([out.status, out.body], [200, { logged_in: false, role: '' }]);
  assert.equal(out.res.headers.get('Cache-Control'), 'no-cache');
  const user = await registerAndLogin('root@nsa.gov');
  assert.deepEqual((await h.json('/api/_/account_metadata', { headers: user })).body, { logged_in: true, role: 'user' });
  const admin = await registerAndLogin('admin@ooni.org');
  assert.deepEqual((await h.json('/api/_/account_metadata', { headers: admin })).body, { logged_in: true, role: 'admin' });
  assert.deepEqual((await h.json('/api/_/account_metadata', { headers: bearer('invalidtoken') })).body, { logged_in: false, role: '' });
});

test('user_refresh_token: a new bearer for a session, 401 without one', async () => {
  const bad = await h.json('/api/v1/user_refresh_token', { headers: bearer('invalidtoken') });
  assert.deepEqual([bad.status, bad.body.error], [401, 'auth_required']);
  assert.equal((await h.json('/api/v1/user_refresh_token')).status, 401);
  const headers = await registerAndLogin('refresh-v1@example.org');
  const loginTime = jwtClaims(headers['Authorization']!.slice(7))['login_time'];
  h.advance(3600_000);
  const r = await h.json('/api/v1/user_refresh_token', { headers });
  assert.equal(r.status, 200);
  assert.deepEqual(Object.keys(r.body), ['bearer']);
  assert.ok(r.body.bearer.length > 100);
  assert.equal(jwtClaims(r.body.bearer)['login_time'], loginTime, 'a refresh keeps the login time');
  assert.deepEqual((await h.json('/api/_/account_metadata', { headers: bearer(r.body.bearer) })).body, { logged_in: true, role: 'user' });
});

test('user_login: bogus, missing, used and expired tokens', async () => {
  const bogus = await h.json('/api/v1/user_login?k=BOGUS');
  assert.deepEqual([bogus.status, bogus.body], [401, { error: 'login_token_invalid', message: 'Invalid credentials' }]);
  const missing = await h.json('/api/v1/user_login');
  assert.deepEqual([missing.status, missing.body.error], [400, 'missing_parameter']);
  const token = await register('twice@example.org');
  assert.equal((await h.json(`/api/v1/user_login?k=${token}`)).status, 200);
  const used = await h.json(`/api/v1/user_login?k=${token}`);
  assert.deepEqual([used.status, used.body.error], [401, 'login_token_used']);
  const old = await register('old@example.org');
  h.advance(DAY + 1000);
  const expired = await h.json(`/api/v1/user_login?k=${old}`);
  assert.deepEqual([expired.status, expired.body], [401, { error: 'login_token_expired', message: 'Expired token' }]);
  assert.ok(h.now().getTime() > START.getTime());
});

test('user_register: the v2 checks (email, allow-listed redirect_to)', async () => {
  for (const [body, status, code] of [
    [{ email_address: 'nick@localhost', redirect_to: EXPLORER }, 422, 'invalid_email_address'],
    [{ email_address: 'nick@a.org', redirect_to: 'https://BOGUS.example.com' }, 422, 'redirect_not_allowed'],
    [{ email_address: 'nick@a.org', redirect_to: 'http://explorer.ooni.org' }, 422, 'redirect_not_allowed'],
    [{ email_address: 'nick@a.org' }, 422, 'invalid_field'],
  ] as const) {
    const r = await h.post('/api/v1/user_register', body, from());
    assert.deepEqual([r.status, r.body.error], [status, code], JSON.stringify(body));
  }
  await register('nick@a.org');
});
