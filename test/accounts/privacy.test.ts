// Accounts and privacy: an email address is in no answer but its owner's own (session, login), in
// no log line and in no table but accounts and login_tokens; the client address of a login or a
// vote is stored nowhere (rate limit keys are keyed hashes) and answered nowhere.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loginTokenOf, signIn } from '../helpers/accounts.ts';
import { bearer, createAccountsHarness, type AccountsHarness } from '../helpers/accounts-harness.ts';

const ALICE = 'alice.private@example.org';
const IP = '203.0.113.99';
const IP6 = '2001:db8::a11c';
const UID = '20240115120000.000000_IT_webconnectivity_0123456789abcdef';
let h: AccountsHarness;
let alice: string;
let bob: string;
let admin: string;

before(async () => {
  h = await createAccountsHarness({ TRUSTED_PROXY_HOPS: '1', ADMIN_EMAILS: 'root@example.org' });
  const xff = { 'X-Forwarded-For': `${IP6}, ${IP}` };
  assert.equal((await h.post('/api/v2/ooniauth/user-login', { email_address: ALICE, redirect_to: 'https://explorer.ooni.org' }, xff)).status, 200);
  const s = await h.post('/api/v2/ooniauth/user-session', { login_token: loginTokenOf(await h.mail.nextMessage(ALICE)) }, xff);
  alice = s.body.session_token;
  assert.equal((await h.post('/api/_/measurement_feedback', { measurement_uid: UID, status: 'blocked' }, { ...xff, ...bearer(alice) })).status, 200);
  bob = (await signIn(h.request, h.mail, 'bob@example.org')).token;
  admin = (await signIn(h.request, h.mail, 'root@example.org')).token;
});
after(() => h?.close());

test('no answer to anyone but alice shows her address or her client address', async () => {
  const answers: string[] = [];
  for (const auth of [{}, bearer(bob), bearer(admin), bearer('invalid')]) {
    for (const path of [
      '/api/_/measurement_feedback/' + UID,
      '/api/_/account_metadata',
      '/api/v2/ooniauth/user-session',
      '/api/_/quotas_summary',
      '/openapi.json',
    ]) {
      const res = await h.request(path, { headers: { ...auth, 'X-Forwarded-For': '10.1.1.1' } });
      answers.push(`${path} ${res.status} ${JSON.stringify([...res.headers])} ${await res.text()}`);
    }
    answers.push(JSON.stringify((await h.post('/api/v2/ooniauth/user-session', {}, auth)).body));
    answers.push(JSON.stringify((await h.json('/api/v1/user_refresh_token', { headers: auth })).body));
  }
  assert.ok(
    answers.some((a) => a.includes('"summary":{"blocked":1}')),
    'alice vote is counted',
  );
  assert.ok(
    answers.some((a) => a.startsWith('/api/_/quotas_summary 200')),
    'the admin saw the quotas',
  );
  for (const a of answers) {
    for (const needle of [ALICE, 'alice.private', IP, IP6]) assert.ok(!a.includes(needle), `${needle} in ${a.slice(0, 200)}`);
  }
  // her own session answer is hers to see
  assert.equal((await h.json('/api/v2/ooniauth/user-session', { headers: bearer(alice) })).body.email_address, ALICE);
});

test('the client address is in no table; the email address only in accounts and login_tokens; no log line has either', async () => {
  const tables = await h.db.sql<{ name: string }[]>`
    select quote_ident(table_name) as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`;
  assert.ok(tables.length > 5);
  const holding: string[] = [];
  for (const { name } of tables) {
    for (const needle of [IP, IP6, ALICE]) {
      const [row] = await h.db.sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${name} t where t::text like '%' || $1 || '%'`, [needle]);
      if (row!.n > 0) holding.push(`${name}:${needle}`);
    }
  }
  assert.deepEqual(holding.sort(), [`accounts:${ALICE}`, `login_tokens:${ALICE}`]);
  assert.ok((await h.db.sql`select 1 from rate_limits where key like 'login-%'`).length >= 2, 'the login counters exist (hashed)');
  assert.ok(h.logs.length > 0);
  for (const l of h.logs) {
    const line = JSON.stringify(l);
    for (const needle of [ALICE, 'alice.private', IP, IP6]) assert.ok(!line.includes(needle), `${needle} in log ${line}`);
  }
  assert.ok(
    h.logs.some((l) => l['to'] === 'a***@example.org'),
    'the mail log line names the masked address',
  );
});
