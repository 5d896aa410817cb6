// How login links reach people: without SMTP_URL in the API log (recipient masked), with an SMTP
// server that cannot be reached a 500 and nothing stored; and the login rate limits per client
// address and per email address (429 login_rate_limited, counters under keyed hashes).
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, test } from 'node:test';
import { signIn } from '../helpers/accounts.ts';
import { bearer, createAccountsHarness, type AccountsHarness } from '../helpers/accounts-harness.ts';

const harnesses: AccountsHarness[] = [];
after(async () => {
  for (const h of harnesses) await h.close();
});
const harness = async (env: Record<string, string>) => {
  const h = await createAccountsHarness(env);
  harnesses.push(h);
  return h;
};
const ask = (h: AccountsHarness, email: string, xff?: string) =>
  h.post('/api/v2/ooniauth/user-login', { email_address: email, redirect_to: 'http://localhost:3100/' }, xff ? { 'X-Forwarded-For': xff } : {});

test('without SMTP_URL the link is logged with the recipient masked, and it works', async () => {
  const h = await harness({ SMTP_URL: '' });
  const r = await ask(h, 'alice@example.org');
  assert.equal(r.status, 200);
  const line = h.logs.find((l) => typeof l['login_url'] === 'string');
  assert.ok(line, 'a log line with the link');
  assert.equal(line['to'], 'a***@example.org');
  assert.equal(line['level'], 30, 'info');
  for (const l of h.logs) assert.ok(!JSON.stringify(l).includes('alice@'), `the address is in a log line: ${JSON.stringify(l)}`);
  const token = new URL(line['login_url'] as string).searchParams.get('token')!;
  assert.ok((line['login_url'] as string).startsWith('http://localhost:3100/login?token='));
  const s = await h.post('/api/v2/ooniauth/user-session', { login_token: token });
  assert.equal(s.status, 200);
  assert.equal((await h.json('/api/_/account_metadata', { headers: bearer(s.body.session_token) })).body.logged_in, true);
});

test('an SMTP server that cannot be reached: 500 mail_failed, no token stored, no address logged', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as { port: number }).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const h = await harness({ SMTP_URL: `smtp://127.0.0.1:${port}` });
  const r = await ask(h, 'bob@example.org');
  assert.deepEqual([r.status, r.body], [500, { error: 'mail_failed', message: 'Unable to send the email' }]);
  assert.equal((await h.db.sql`select 1 from login_tokens`).length, 0);
  assert.ok(h.logs.some((l) => l['msg'] === 'login mail failed'));
  for (const l of h.logs) assert.ok(!JSON.stringify(l).includes('bob@'), 'no address in the log');
});

test('login rate limits: per client address and per email address, 429 with Retry-After, keys hashed', async () => {
  const h = await harness({ TRUSTED_PROXY_HOPS: '1', LOGIN_RATE_LIMITS_PER_ADDRESS: '3/hour', LOGIN_RATE_LIMITS_PER_EMAIL: '2/hour' });
  const ip = '198.51.100.7';
  for (const who of ['a1@example.org', 'a2@example.org', 'a3@example.org']) assert.equal((await ask(h, who, ip)).status, 200, who);
  const fourth = await ask(h, 'a4@example.org', ip);
  assert.deepEqual([fourth.status, fourth.body.error], [429, 'login_rate_limited']);
  const retry = Number(fourth.res.headers.get('Retry-After'));
  assert.ok(retry >= 1 && retry <= 3600, `Retry-After ${retry}`);
  // bad bodies count against the address too (no free guessing)
  assert.equal((await h.post('/api/v2/ooniauth/user-login', 'nope', { 'X-Forwarded-For': ip })).status, 429);
  assert.equal((await ask(h, 'a4@example.org', '198.51.100.8')).status, 200, 'another address is not limited');

  assert.equal((await ask(h, 'same@example.org', '198.51.100.20')).status, 200);
  assert.equal((await ask(h, 'SAME@example.org', '198.51.100.21')).status, 200);
  const third = await ask(h, 'same@example.org', '198.51.100.22');
  assert.deepEqual([third.status, third.body.error], [429, 'login_rate_limited']);
  await h.mail.nextMessage('same@example.org');
  await h.mail.nextMessage('same@example.org');
  await assert.rejects(h.mail.nextMessage('same@example.org', 300), /no mail/, 'the limited request sent no mail');

  // an hour later the windows are new
  h.advance(3600_000);
  assert.equal((await ask(h, 'same@example.org', ip)).status, 200);

  const keys = await h.db.sql<{ key: string }[]>`select distinct key from rate_limits where key like 'login-%'`;
  assert.ok(keys.length >= 5);
  for (const { key } of keys) assert.match(key, /^login-(address|email):[0-9a-f]{32}$/);
});

test('signIn (the test helper) through a real HTTP server and SMTP', async () => {
  const h = await harness({});
  const { serve } = await import('@hono/node-server');
  const { createApp } = await import('../../api/app.ts');
  const server = serve({ fetch: createApp(h.deps).fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const { token, accountId } = await signIn((path, init) => fetch(`${base}${path}`, init), h.mail, 'http@example.org');
    const me = (await (await fetch(`${base}/api/v2/ooniauth/user-session`, { headers: bearer(token) })).json()) as Record<string, unknown>;
    assert.equal(me['account_id'], accountId);
    assert.equal(me['is_logged_in'], true);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
