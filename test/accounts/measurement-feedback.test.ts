// Measurement feedback as OONI's integration test of it (test_integration_auth.py): anonymous
// summary, anonymous vote refused, a logged-in vote counted and shown as the caller's own, a changed
// vote replacing the first; one vote per (measurement, account); bad inputs with their codes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signIn } from '../helpers/accounts.ts';
import { bearer, createAccountsHarness, type AccountsHarness } from '../helpers/accounts-harness.ts';

const UID = '20210208220710.181572_MA_ndt_7888edc7748936bf';
let h: AccountsHarness;
let voters: { token: string }[];
let me: { token: string; accountId: string };

before(async () => {
  h = await createAccountsHarness({ TRUSTED_PROXY_HOPS: '1' });
  voters = [];
  for (const email of ['v1@example.org', 'v2@example.org', 'v3@example.org']) voters.push(await signIn(h.request, h.mail, email));
  me = await signIn(h.request, h.mail, 'me@example.org');
});
after(() => h?.close());

const vote = (token: string | undefined, body: unknown) => h.post('/api/_/measurement_feedback', body, token ? bearer(token) : {});
const summaryOf = (token?: string, uid = UID) => h.json(`/api/_/measurement_feedback/${uid}`, token ? { headers: bearer(token) } : {});

test('no votes: an empty summary', async () => {
  const r = await summaryOf();
  assert.deepEqual([r.status, r.body], [200, { summary: {} }]);
  assert.equal(r.res.headers.get('Cache-Control'), 'no-cache');
  assert.ok(r.res.headers.get('X-RateLimit-Remaining') !== null, 'metered like the other query routes');
});

test('votes, the caller own vote, a changed vote replacing the first', async () => {
  for (const [i, status] of ['blocked', 'ok', 'ok'].entries()) {
    const r = await vote(voters[i]!.token, { measurement_uid: UID, status });
    assert.deepEqual([r.status, r.body], [200, {}]);
  }
  assert.deepEqual((await summaryOf()).body, { summary: { blocked: 1, ok: 2 } });

  const anon = await vote(undefined, { measurement_uid: UID, status: 'ok' });
  assert.deepEqual([anon.status, anon.body], [401, { error: 'auth_required', message: 'Authentication required' }]);
  const forged = await vote('invalidtoken', { measurement_uid: UID, status: 'ok' });
  assert.equal(forged.status, 401);
  assert.deepEqual((await summaryOf()).body, { summary: { blocked: 1, ok: 2 } }, 'nothing counted');

  assert.deepEqual((await vote(me.token, { measurement_uid: UID, status: 'ok' })).body, {});
  assert.deepEqual((await summaryOf(me.token)).body, { summary: { blocked: 1, ok: 3 }, user_feedback: 'ok' });
  assert.deepEqual((await summaryOf()).body, { summary: { blocked: 1, ok: 3 } }, 'anonymous: no user_feedback');
  assert.deepEqual((await summaryOf(voters[0]!.token)).body, { summary: { blocked: 1, ok: 3 }, user_feedback: 'blocked' });

  assert.deepEqual((await vote(me.token, { measurement_uid: UID, status: 'blocked' })).body, {});
  assert.deepEqual((await summaryOf(me.token)).body, { summary: { blocked: 2, ok: 2 }, user_feedback: 'blocked' });
  const rows = await h.db.sql<{ n: number }[]>`select count(*)::int as n from measurement_feedback where account_id = ${me.accountId}`;
  assert.equal(rows[0]!.n, 1, 'one vote per account and measurement');
  // another measurement is counted apart
  assert.deepEqual((await vote(me.token, { measurement_uid: ' other_uid.1 ', status: 'down.unreachable' })).body, {});
  assert.deepEqual((await summaryOf(me.token, 'other_uid.1')).body, { summary: { 'down.unreachable': 1 }, user_feedback: 'down.unreachable' });
});

test('bad votes: 400 with a code, nothing stored', async () => {
  const before = (await h.db.sql<{ n: number }[]>`select count(*)::int as n from measurement_feedback`)[0]!.n;
  const cases: [unknown, number, string][] = [
    [{ measurement_uid: UID, status: 'blocked.bogus' }, 400, 'invalid_feedback_status'],
    [{ measurement_uid: UID }, 400, 'invalid_feedback_status'],
    [{ measurement_uid: UID, status: 3 }, 400, 'invalid_feedback_status'],
    [{ status: 'ok' }, 400, 'invalid_measurement_uid'],
    [{ measurement_uid: 'a b c', status: 'ok' }, 400, 'invalid_measurement_uid'],
    [{ measurement_uid: 'x'.repeat(101), status: 'ok' }, 400, 'invalid_measurement_uid'],
    ['not json', 400, 'invalid_json'],
  ];
  for (const [body, status, code] of cases) {
    const r = await vote(me.token, body);
    assert.deepEqual([r.status, r.body.error], [status, code], JSON.stringify(body));
  }
  const invalidStatus = await vote(me.token, { measurement_uid: UID, status: 'nope' });
  assert.equal(invalidStatus.body.message, 'Invalid status');
  assert.equal((await h.db.sql<{ n: number }[]>`select count(*)::int as n from measurement_feedback`)[0]!.n, before);
  const badUid = await summaryOf(undefined, 'a%20b');
  assert.deepEqual([badUid.status, badUid.body.error], [400, 'invalid_measurement_uid']);
});
