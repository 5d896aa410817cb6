// The v2 magic-link login (OONI's ooniauth v2) on the real stack: a real SMTP server receives the
// mail, the link's token becomes a session, the session is refreshed; expired, used and forged
// tokens, redirect_to off the allow-list, bad inputs, roles from ADMIN_EMAILS, and the contract
// of api/auth/session.ts (sessionOf / requireRole) on a route of its own.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { SignJWT } from 'jose';
import { ApiError } from '../../api/errors.ts';
import { requireRole, sessionMiddleware, sessionOf } from '../../api/auth/session.ts';
import { loginTokenOf, signIn } from '../helpers/accounts.ts';
import { bearer, createAccountsHarness, jwtClaims, START, type AccountsHarness } from '../helpers/accounts-harness.ts';

const DAY = 86_400_000;
const ADMIN = 'admin@example.org';
let h: AccountsHarness;

before(async () => {
  h = await createAccountsHarness({ ADMIN_EMAILS: 'Other@Example.org, ADMIN@example.org', TRUSTED_PROXY_HOPS: '1' });
});
after(() => h?.close());

let n = 0;
/** a fresh address per call, so the per-address login limit never interferes */
const from = () => ({ 'X-Forwarded-For': `10.9.${Math.floor(++n / 250)}.${n % 250}` });

async function askLink(email: string, redirectTo = 'https://explorer.ooni.org') {
  const r = await h.post('/api/v2/ooniauth/user-login', { email_address: email, redirect_to: redirectTo }, from());
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return { answer: r.body, mail: await h.mail.nextMessage(email) };
}

describe('v2 login', () => {
  test('logged out: GET user-session answers the empty session', async () => {
    const r = await h.json('/api/v2/ooniauth/user-session');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, {
      session_token: '',
      redirect_to: '',
      email_address: '',
      account_id: '',
      role: '',
      login_time: null,
      is_logged_in: false,
    });
  });

  test('the link is mailed, its token becomes a session, the session describes itself', async () => {
    const { answer, mail } = await askLink('Alice@Example.ORG', 'https://explorer.ooni.org/m/20240115abc?x=1');
    assert.deepEqual(answer, { email_address: 'alice@example.org', login_token_expiration: new Date(START.getTime() + DAY).toISOString() });
    assert.equal(mail.to, 'alice@example.org');
    assert.equal(mail.subject, 'OONI Account activation email');
    const token = loginTokenOf(mail);
    assert.match(mail.text, new RegExp(`https://explorer\\.ooni\\.org/login\\?token=${token}`));
    assert.match(mail.html!, new RegExp(`<a href="https://explorer\\.ooni\\.org/login\\?token=${token}"`));
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    // only its sha256 is stored
    const rows = await h.db.sql<{ token_hash: string; email_address: string }[]>`select token_hash, email_address from login_tokens`;
    assert.ok(rows.some((r) => r.email_address === 'alice@example.org'));
    assert.ok(rows.every((r) => r.token_hash !== token && !r.token_hash.includes(token)));

    const s = await h.post('/api/v2/ooniauth/user-session', { login_token: token });
    assert.equal(s.status, 200, JSON.stringify(s.body));
    assert.equal(s.body.redirect_to, 'https://explorer.ooni.org/m/20240115abc?x=1');
    assert.equal(s.body.email_address, 'alice@example.org');
    assert.equal(s.body.role, 'user');
    assert.equal(s.body.is_logged_in, true);
    assert.equal(s.body.login_time, START.toISOString());
    assert.match(s.body.account_id, /^[0-9a-f]{32}$/);
    assert.ok(s.body.session_token.length > 100);
    const claims = jwtClaims(s.body.session_token);
    assert.equal(claims['aud'], 'user_auth');
    assert.equal(claims['exp'], START.getTime() / 1000 + 10 * 86_400);
    assert.ok(!JSON.stringify(claims).includes('alice'), 'the session token carries no email address');

    const me = await h.json('/api/v2/ooniauth/user-session', { headers: bearer(s.body.session_token) });
    assert.deepEqual(me.body, {
      session_token: '',
      redirect_to: '',
      email_address: 'alice@example.org',
      account_id: s.body.account_id,
      role: 'user',
      login_time: START.toISOString(),
      is_logged_in: true,
    });
    const [account] = await h.db.sql<
      { email_address: string; role: string }[]
    >`select email_address, role from accounts where account_id = ${s.body.account_id}`;
    assert.deepEqual({ ...account }, { email_address: 'alice@example.org', role: 'user' });
  });

  test('a login token works once; forged and malformed tokens are refused', async () => {
    const token = loginTokenOf((await askLink('once@example.org')).mail);
    assert.equal((await h.post('/api/v2/ooniauth/user-session', { login_token: token })).status, 200);
    const again = await h.post('/api/v2/ooniauth/user-session', { login_token: token });
    assert.equal(again.status, 401);
    assert.equal(again.body.error, 'login_token_used');
    const forged = await h.post('/api/v2/ooniauth/user-session', { login_token: `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}` });
    assert.deepEqual([forged.status, forged.body.error, forged.body.message], [401, 'login_token_invalid', 'Invalid credentials']);
    const bogus = await h.post('/api/v2/ooniauth/user-session', { login_token: 'INVALID' });
    assert.deepEqual([bogus.status, bogus.body.error], [401, 'login_token_invalid']);
    const typed = await h.post('/api/v2/ooniauth/user-session', { login_token: 42 });
    assert.deepEqual([typed.status, typed.body.error], [422, 'invalid_field']);
  });

  test('a login token redeemed five times at once gives exactly one session', async () => {
    const token = loginTokenOf((await askLink('race@example.org')).mail);
    const answers = await Promise.all(Array.from({ length: 5 }, () => h.post('/api/v2/ooniauth/user-session', { login_token: token })));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 401, 401, 401, 401]);
    for (const a of answers.filter((x) => x.status === 401)) assert.equal(a.body.error, 'login_token_used');
  });

  test('a login link expires one day after it was asked for', async () => {
    const late = loginTokenOf((await askLink('late@example.org')).mail);
    const inTime = loginTokenOf((await askLink('intime@example.org')).mail);
    h.advance(DAY - 1000);
    assert.equal((await h.post('/api/v2/ooniauth/user-session', { login_token: inTime })).status, 200);
    h.advance(2000);
    const r = await h.post('/api/v2/ooniauth/user-session', { login_token: late });
    assert.deepEqual([r.status, r.body.error, r.body.message], [401, 'login_token_expired', 'Expired token']);
  });

  test('refresh: a new token for the same account, never past LOGIN_EXPIRY_DAYS after the login', async () => {
    const { token, accountId } = await signIn(h.request, h.mail, 'refresh@example.org');
    const loginTime = h.now().getTime() / 1000;
    h.advance(9 * DAY);
    const r = await h.post('/api/v2/ooniauth/user-session', {}, bearer(token));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.account_id, accountId);
    assert.equal(r.body.email_address, 'refresh@example.org');
    assert.equal(r.body.redirect_to, '');
    assert.notEqual(r.body.session_token, token);
    assert.equal(jwtClaims(r.body.session_token)['exp'], loginTime + 10 * 86_400, 'capped at login + 10 days, not now + 10 days');
    assert.equal(r.body.login_time, new Date(loginTime * 1000).toISOString());
    // an empty body refreshes too
    const empty = await h.request('/api/v2/ooniauth/user-session', { method: 'POST', headers: bearer(token) });
    assert.equal(empty.status, 200);
    h.advance(DAY + 1000);
    const expired = await h.post('/api/v2/ooniauth/user-session', {}, bearer(r.body.session_token));
    assert.deepEqual([expired.status, expired.body.error], [401, 'auth_required']);
    const me = await h.json('/api/v2/ooniauth/user-session', { headers: bearer(r.body.session_token) });
    assert.equal(me.body.is_logged_in, false, 'an expired session is anonymous');
  });

  test('no login token and no session: 401; an invalid Bearer is no session', async () => {
    for (const [body, headers] of [
      [{}, {}],
      [{ login_token: null }, {}],
      [{}, bearer('invalidtoken')],
    ] as const) {
      const r = await h.post('/api/v2/ooniauth/user-session', body, headers);
      assert.deepEqual([r.status, r.body.error, r.body.message], [401, 'auth_required', 'no valid session found']);
    }
  });

  test('redirect_to must be on the allow-list (upstream hosts over https, local Explorer on :3100)', async () => {
    for (const bad of [
      'https://BOGUS.example.com',
      'http://explorer.ooni.org',
      'https://explorer.ooni.org.evil.com/',
      'https://u:p@explorer.ooni.org',
      'javascript:alert(1)',
      'explorer.ooni.org',
      'http://localhost:3101',
    ]) {
      const r = await h.post('/api/v2/ooniauth/user-login', { email_address: 'nick@a.org', redirect_to: bad }, from());
      assert.deepEqual([r.status, r.body.error], [422, 'redirect_not_allowed'], bad);
    }
    for (const good of ['https://run.ooni.org/v2/x', 'https://test-lists.ooni.org', 'http://localhost:3100/']) {
      const { mail } = await askLink('good@example.org', good);
      assert.ok(mail.text.includes(`${new URL(good).origin}/login?token=`), good);
    }
    assert.equal((await h.db.sql`select 1 from login_tokens where email_address = 'nick@a.org'`).length, 0, 'nothing stored');
  });

  test('bad bodies: 4xx with a registered code, nothing stored, no mail', async () => {
    const before = (await h.db.sql<{ n: number }[]>`select count(*)::int as n from login_tokens`)[0]!.n;
    const cases: [unknown, number, string][] = [
      [{ email_address: 'nick@localhost', redirect_to: 'https://explorer.ooni.org' }, 422, 'invalid_email_address'],
      [{ email_address: 'a@b', redirect_to: 'https://explorer.ooni.org' }, 422, 'invalid_email_address'],
      [{ email_address: `${'x'.repeat(250)}@example.org`, redirect_to: 'https://explorer.ooni.org' }, 422, 'invalid_email_address'],
      [{ email_address: 7, redirect_to: 'https://explorer.ooni.org' }, 422, 'invalid_email_address'],
      [{ email_address: 'nick@a.org' }, 422, 'invalid_field'],
      [{ email_address: 'nick@a.org', redirect_to: ['https://explorer.ooni.org'] }, 422, 'invalid_field'],
      ['not json', 400, 'invalid_json'],
      ['[1]', 400, 'invalid_json'],
    ];
    for (const [body, status, code] of cases) {
      const r = await h.post('/api/v2/ooniauth/user-login', body, from());
      assert.deepEqual([r.status, r.body.error], [status, code], JSON.stringify(body));
      assert.equal(typeof r.body.message, 'string');
    }
    assert.equal((await h.db.sql<{ n: number }[]>`select count(*)::int as n from login_tokens`)[0]!.n, before);
    await assert.rejects(h.mail.nextMessage('nick@a.org', 300), /no mail/);
  });

  test('roles: ADMIN_EMAILS (case-insensitive) are admins; account_id is stable per address', async () => {
    const admin = await signIn(h.request, h.mail, 'Admin@Example.org');
    const me = await h.json('/api/v2/ooniauth/user-session', { headers: bearer(admin.token) });
    assert.equal(me.body.role, 'admin');
    assert.equal(me.body.email_address, ADMIN);
    const again = await signIn(h.request, h.mail, ADMIN);
    assert.equal(again.accountId, admin.accountId);
    const user = await signIn(h.request, h.mail, 'user@example.org');
    assert.notEqual(user.accountId, admin.accountId);
    assert.equal((await h.json('/api/v2/ooniauth/user-session', { headers: bearer(user.token) })).body.role, 'user');
  });
});

describe('the session contract (api/auth/session.ts)', () => {
  const secret = 'a-secret-of-the-contract-test-1234';
  const app = new Hono();
  app.use('*', sessionMiddleware({ secret, clock: () => h.now() }));
  app.get('/who', (c) => c.json({ session: sessionOf(c) }));
  app.get('/admin', (c) => c.json(requireRole(c, 'admin')));
  app.get('/any', (c) => c.json(requireRole(c)));
  app.onError((err) => (err instanceof ApiError ? err.getResponse() : new Response('unexpected', { status: 500 })));
  const sign = (claims: Record<string, unknown>, key = secret, exp = h.now().getTime() / 1000 + 60) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setAudience('user_auth').setExpirationTime(exp).sign(new TextEncoder().encode(key));
  const call = async (path: string, token?: string) => {
    const res = await app.request(path, token ? { headers: bearer(token) } : {});
    return { status: res.status, body: (await res.json()) as any };
  };

  test('sessionOf: the Bearer session, or null for none, a bad signature, an expired or a malformed token', async () => {
    const user = await sign({ account_id: 'acc1', role: 'user', login_time: 1 });
    assert.deepEqual((await call('/who', user)).body, { session: { accountId: 'acc1', role: 'user' } });
    assert.deepEqual((await call('/who')).body, { session: null });
    assert.deepEqual((await call('/who', await sign({ account_id: 'acc1', role: 'user', login_time: 1 }, 'another-secret-0123456789'))).body, {
      session: null,
    });
    assert.deepEqual((await call('/who', await sign({ account_id: 'acc1', role: 'user', login_time: 1 }, secret, 1))).body, { session: null });
    assert.deepEqual((await call('/who', await sign({ account_id: 'acc1', role: 'root', login_time: 1 }))).body, { session: null });
    assert.deepEqual((await call('/who', 'not-a-jwt')).body, { session: null });
  });

  test('requireRole: 401 auth_required without a session, 403 auth_forbidden for another role', async () => {
    const user = await sign({ account_id: 'acc1', role: 'user', login_time: 1 });
    const admin = await sign({ account_id: 'acc2', role: 'admin', login_time: 1 });
    assert.deepEqual(await call('/admin'), { status: 401, body: { error: 'auth_required', message: 'Authentication required' } });
    assert.deepEqual(await call('/admin', user), { status: 403, body: { error: 'auth_forbidden', message: 'Role not authorized' } });
    assert.deepEqual(await call('/admin', admin), { status: 200, body: { accountId: 'acc2', role: 'admin' } });
    assert.deepEqual(await call('/any', user), { status: 200, body: { accountId: 'acc1', role: 'user' } });
    const expired = await call('/any', await sign({ account_id: 'acc1', role: 'user', login_time: 1 }, secret, 1));
    assert.deepEqual(expired, { status: 401, body: { error: 'auth_required', message: 'Expired token' } });
  });

  test('a token signed with PROBE_JWT_SECRET is no session of the API', async () => {
    const probeSigned = await sign({ account_id: 'x', role: 'admin', login_time: 1 }, h.deps.config.PROBE_JWT_SECRET);
    const r = await h.json('/api/v2/ooniauth/user-session', { headers: bearer(probeSigned) });
    assert.equal(r.body.is_logged_in, false);
  });
});
