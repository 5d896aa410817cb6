// GET /api/_/quotas_summary: admins only (401 anonymous, 403 a user); the 20 lowest remaining
// query quotas as [key, seconds left], the keys being the limiter's keyed hashes of the addresses.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { signIn } from '../helpers/accounts.ts';
import { bearer, createAccountsHarness, type AccountsHarness } from '../helpers/accounts-harness.ts';

let h: AccountsHarness;
before(async () => {
  h = await createAccountsHarness({ ADMIN_EMAILS: 'boss@example.org', TRUSTED_PROXY_HOPS: '1' });
});
after(() => h?.close());

test('401 anonymous, 403 for a user, 200 for an admin with the lowest quotas first', async () => {
  const anon = await h.json('/api/_/quotas_summary');
  assert.deepEqual([anon.status, anon.body.error], [401, 'auth_required']);
  const user = await signIn(h.request, h.mail, 'user@example.org');
  const forbidden = await h.json('/api/_/quotas_summary', { headers: bearer(user.token) });
  assert.deepEqual([forbidden.status, forbidden.body.error], [403, 'auth_forbidden']);

  const busy = '192.0.2.10';
  const calm = '192.0.2.11';
  for (let i = 0; i < 20; i++) assert.equal((await h.request('/api/_/test_names', { headers: { 'X-Forwarded-For': busy } })).status, 200);
  assert.equal((await h.request('/api/_/test_names', { headers: { 'X-Forwarded-For': calm } })).status, 200);

  const admin = await signIn(h.request, h.mail, 'boss@example.org');
  const r = await h.json('/api/_/quotas_summary', { headers: bearer(admin.token) });
  assert.equal(r.status, 200);
  assert.ok(Array.isArray(r.body) && r.body.length >= 2 && r.body.length <= 20);
  const keyOf = (ip: string) => createHash('sha256').update(`${h.deps.config.PROBE_JWT_SECRET}\0${ip}`).digest('hex').slice(0, 32);
  const entry = (ip: string) => (r.body as [string, number][]).find(([k]) => k === keyOf(ip));
  assert.ok(entry(busy) && entry(calm), 'both addresses listed under their hashes');
  // the per-minute quota is 1000 units of 10 ms: 10 s; twenty requests cost at least 20 units
  assert.ok(entry(busy)![1] <= 10 - 0.2 && entry(busy)![1] >= 0);
  assert.ok(entry(busy)![1] < entry(calm)![1], 'the busier address has less left');
  const values = (r.body as [string, number][]).map(([, v]) => v);
  assert.deepEqual(
    values,
    [...values].sort((a, b) => a - b),
    'lowest first',
  );
  for (const [k] of r.body as [string, number][]) assert.match(k, /^[0-9a-f]{32}$/, 'hashes, never addresses or login counters');
  assert.ok(!JSON.stringify(r.body).includes('192.0.2.'));
});
