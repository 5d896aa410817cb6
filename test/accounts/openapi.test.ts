// /openapi.json documents every account, feedback and quota route; each route it lists exists, and
// every constraint a documented JSON body states is enforced (a breaking value gets a 4xx).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signIn } from '../helpers/accounts.ts';
import { bearer, createAccountsHarness, type AccountsHarness } from '../helpers/accounts-harness.ts';

let h: AccountsHarness;
let user: { token: string };
before(async () => {
  h = await createAccountsHarness({ TRUSTED_PROXY_HOPS: '1' });
  user = await signIn(h.request, h.mail, 'doc@example.org');
});
after(() => h?.close());

let n = 0;
const from = () => ({ 'X-Forwarded-For': `10.7.${Math.floor(++n / 250)}.${n % 250}` });

const ROUTES: [string, 'get' | 'post'][] = [
  ['/api/v2/ooniauth/user-login', 'post'],
  ['/api/v2/ooniauth/user-session', 'post'],
  ['/api/v2/ooniauth/user-session', 'get'],
  ['/api/v1/user_register', 'post'],
  ['/api/v1/user_login', 'get'],
  ['/api/v1/user_refresh_token', 'get'],
  ['/api/_/account_metadata', 'get'],
  ['/api/_/measurement_feedback/{measurement_uid}', 'get'],
  ['/api/_/measurement_feedback', 'post'],
  ['/api/_/quotas_summary', 'get'],
];

test('each account route is documented and exists', async () => {
  const { body: doc } = await h.json('/openapi.json');
  for (const [path, method] of ROUTES) {
    assert.ok(doc.paths[path]?.[method], `${method} ${path} documented`);
    const res = await h.request(path.replace('{measurement_uid}', 'some_uid'), { method: method.toUpperCase(), headers: from() });
    const body = (await res.json()) as { error?: string };
    assert.notEqual(body.error, 'not_found', `${method} ${path} exists`);
  }
  assert.ok(doc.components.securitySchemes.bearer);
});

/** Values breaking one constraint of a JSON body property's schema (none when it states none). */
function breakers(schema: Record<string, any>): unknown[] {
  const out: unknown[] = [];
  const s = schema.anyOf ? schema.anyOf.find((x: any) => x.type === 'string') : schema;
  if (s.type === 'string' || s.enum) out.push(12345);
  if (s.enum) out.push('not-one-of-them');
  if (s.pattern) out.push('x y/..');
  if (s.minLength) out.push('x'.repeat(s.minLength - 1));
  if (s.maxLength) out.push('x'.repeat(s.maxLength + 1));
  if (s.format === 'email') out.push('not-an-email@localhost');
  return out;
}

const VALID: Record<string, Record<string, unknown>> = {
  '/api/v2/ooniauth/user-login': { email_address: 'ok@example.org', redirect_to: 'https://explorer.ooni.org' },
  '/api/v1/user_register': { email_address: 'ok@example.org', redirect_to: 'https://explorer.ooni.org' },
  '/api/v2/ooniauth/user-session': { login_token: 'x'.repeat(43) },
  '/api/_/measurement_feedback': { measurement_uid: 'some_uid', status: 'ok' },
};

test('every constraint a documented body states is enforced: 400/422 with a registered code, and a missing required field too', async () => {
  const { body: doc } = await h.json('/openapi.json');
  const codes = new Set(Object.keys((await import('../../api/error-codes.ts')).API_ERROR_CODES));
  let checked = 0;
  for (const [path, valid] of Object.entries(VALID)) {
    const schema = doc.paths[path].post.requestBody.content['application/json'].schema;
    const cases: Record<string, unknown>[] = [];
    for (const [prop, propSchema] of Object.entries<Record<string, any>>(schema.properties)) {
      for (const bad of breakers(propSchema)) cases.push({ ...valid, [prop]: bad });
    }
    for (const req of schema.required ?? []) {
      const { [req]: _, ...without } = valid;
      cases.push(without);
    }
    for (const body of cases) {
      const r = await h.post(path, body, { ...from(), ...bearer(user.token) });
      assert.ok(r.status === 400 || r.status === 422, `${path} ${JSON.stringify(body).slice(0, 120)} answered ${r.status}`);
      assert.ok(codes.has(r.body.error), r.body.error);
      checked++;
    }
  }
  assert.ok(checked >= 15, `only ${checked} bodies checked`);
});
