// The facts of oonifindings' own tests (tests/test_oonifindings.py), through real logins: the
// admin is ADMIN_EMAIL logged in where it is an admin; "the user role with the same email" is
// the same address logged in where nobody is an admin (same account, role user); other users
// are other addresses.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_EMAIL, createFindingsHarness, type FindingsClient, type FindingsHarness } from '../helpers/findings.ts';
import { FINDING_PUBLIC_KEYS } from '../helpers/unit/findings.ts';

let h: FindingsHarness;
let admin: FindingsClient;
let ownerAsUser: FindingsClient;
let otherUser: FindingsClient;
let mismatched: FindingsClient;

// upstream: start a minute before "now", end 30 days after, formatted %Y-%m-%dT%H:%M:%S.%fZ
const SAMPLE_START = '2024-07-17T16:44:25.000000Z';
const SAMPLE_END = '2024-08-16T16:45:25.000000Z';
const SAMPLE = {
  title: 'sample oonifinding',
  short_description: 'sample oonifinding description',
  reported_by: 'sample user',
  email_address: ADMIN_EMAIL,
  text: 'this is a sample oonifinding incident',
  published: false,
  event_type: 'incident',
  start_time: SAMPLE_START,
  ASNs: [],
  CCs: ['IN', 'TZ'],
  tags: [],
  test_names: ['webconnectivity'],
  domains: ['www.google.com'],
  links: [],
};
const PUBLIC_KEYS = [...FINDING_PUBLIC_KEYS].sort();
const LIST_KEYS = PUBLIC_KEYS.filter((k) => k !== 'text');

before(async () => {
  h = await createFindingsHarness();
  admin = await h.login(ADMIN_EMAIL, 'admin');
  ownerAsUser = await h.login(ADMIN_EMAIL, 'user');
  otherUser = await h.login('oonitarian@example.com', 'user');
  mismatched = await h.login('user@ooni.org', 'user');
});
after(() => h.close());

const count = async () => (await h.db.sql<{ n: number }[]>`select count(*)::int as n from findings`)[0]!.n;

async function create(body: object = SAMPLE): Promise<string> {
  const r = await admin.post('/api/v1/incidents/create', body);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.r, 1);
  assert.equal(r.res.headers.get('Cache-Control'), 'no-cache');
  assert.match(r.body.id, /^\d+$/);
  return r.body.id;
}

test('the same address is one account whatever its role', () => {
  assert.equal((ownerAsUser as any).accountId, (admin as any).accountId);
  assert.notEqual((otherUser as any).accountId, (admin as any).accountId);
});

test('only admins can create incidents (a user: 401); anonymous: 401 auth_required', async () => {
  const before = await count();
  const r = await otherUser.post('/api/v1/incidents/create', { ...SAMPLE, email_address: 'oonitarian@example.com' });
  assert.equal(r.status, 401);
  assert.equal(r.body.error, 'finding_role_not_authorized');
  assert.equal((await ownerAsUser.post('/api/v1/incidents/create', SAMPLE)).status, 401);
  const anon = await h.anonymous.post('/api/v1/incidents/create', SAMPLE);
  assert.equal(anon.status, 401);
  assert.equal(anon.body.error, 'auth_required');
  assert.equal(await count(), before, 'nothing stored');
});

test('creator validation: own email, non-empty title and text, end_time not before start_time', async () => {
  const before = await count();
  const bad = async (body: object | string, status: number, error: string) => {
    const r = await admin.post('/api/v1/incidents/create', body);
    assert.equal(r.status, status, JSON.stringify(body));
    assert.equal(r.body.error, error);
    assert.equal(r.res.headers.get('Cache-Control'), 'no-cache');
  };
  await bad({ ...SAMPLE, email_address: '' }, 400, 'invalid_creator_email');
  await bad({ ...SAMPLE, email_address: 'someone@else.org' }, 400, 'invalid_creator_email');
  await bad({ ...SAMPLE, title: '' }, 422, 'invalid_finding');
  await bad({ ...SAMPLE, text: '' }, 422, 'invalid_finding');
  await bad({ ...SAMPLE, end_time: '2024-07-17T16:43:25.000000Z' }, 422, 'invalid_finding');
  await bad({ ...SAMPLE, ASNs: ['AS1234'] }, 422, 'invalid_finding');
  await bad({ ...SAMPLE, start_time: 'yesterday' }, 422, 'invalid_finding');
  await bad('{"title": ', 422, 'invalid_finding');
  await bad({ ...SAMPLE, slug: '12345' }, 422, 'invalid_slug');
  await bad({ ...SAMPLE, slug: 'a/b' }, 422, 'invalid_slug');
  assert.equal(await count(), before, 'nothing stored');
  await create({ ...SAMPLE, end_time: '2024-07-17T16:45:25.000000Z' });
  assert.equal(await count(), before + 1);
});

test('publish: created published is accepted; publish/unpublish by admins only; unknown id 404; bad action 400', async () => {
  await create({ ...SAMPLE, published: true });
  const id = await create();
  const payload = (await admin.get(`/api/v1/incidents/show/${id}`)).body.incident;

  const random = await admin.post('/api/v1/incidents/random', payload);
  assert.equal(random.status, 400, 'only publish and unpublish are valid actions');
  assert.equal(random.body.error, 'invalid_finding_action');
  const byUser = await ownerAsUser.post('/api/v1/incidents/publish', payload);
  assert.equal(byUser.status, 401, 'only admins can publish incidents');
  assert.equal((await ownerAsUser.post('/api/v1/incidents/random', payload)).status, 401, 'the role is checked first');
  assert.equal((await h.anonymous.post('/api/v1/incidents/publish', { id })).status, 401);
  assert.equal((await admin.get(`/api/v1/incidents/show/${id}`)).body.incident.published, false, 'nothing changed');
  const unknown = await admin.post('/api/v1/incidents/publish', { id: '12341512' });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.error, 'finding_not_found');

  for (const [action, published] of [
    ['publish', true],
    ['unpublish', false],
  ] as const) {
    const r = await admin.post(`/api/v1/incidents/${action}`, action === 'publish' ? { id } : payload);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { id, r: 1 });
    assert.equal(r.res.headers.get('Cache-Control'), 'no-cache');
    assert.equal((await admin.get(`/api/v1/incidents/show/${id}`)).body.incident.published, published);
  }
});

test('delete: unknown 404; admin deletes; a user only their own and with their own address (403)', async () => {
  const id = await create();
  assert.equal((await admin.post('/api/v1/incidents/delete', { ...SAMPLE, id: 'not-exist' })).status, 404);
  const del = await admin.post('/api/v1/incidents/delete', { ...SAMPLE, id });
  assert.equal(del.status, 200);
  assert.deepEqual(del.body, {});
  assert.equal(del.res.headers.get('Cache-Control'), 'no-cache');
  assert.equal((await admin.get(`/api/v1/incidents/show/${id}`)).status, 404);

  const id2 = await create({ ...SAMPLE, id });
  assert.notEqual(id2, id);
  const noEmail = await ownerAsUser.post('/api/v1/incidents/delete', { ...SAMPLE, id: id2, email_address: '' });
  assert.equal(noEmail.status, 403);
  assert.equal(noEmail.body.error, 'finding_email_not_yours');
  assert.equal((await mismatched.post('/api/v1/incidents/delete', { ...SAMPLE, id: id2 })).status, 403);
  assert.equal((await otherUser.post('/api/v1/incidents/delete', { id: id2, email_address: 'oonitarian@example.com' })).status, 404, 'not theirs');
  assert.equal((await h.anonymous.post('/api/v1/incidents/delete', { id: id2 })).status, 401);
  assert.equal((await admin.get(`/api/v1/incidents/show/${id2}`)).status, 200, 'still there');
  assert.equal((await ownerAsUser.post('/api/v1/incidents/delete', { ...SAMPLE, id: id2 })).status, 200);
  assert.equal((await admin.get(`/api/v1/incidents/show/${id2}`)).status, 404);
});

test('update: unknown 404; fields replaced; empty text/title 422; a user: own address, own finding, no publishing', async () => {
  const id = await create();
  let payload = (await admin.get(`/api/v1/incidents/show/${id}`)).body.incident;
  const created = { slug: payload.slug, create_time: payload.create_time };

  assert.equal((await admin.post('/api/v1/incidents/update', { ...payload, id: 'does-not-exist' })).status, 404);
  const text = 'sample replacement text for update';
  let r = await admin.post('/api/v1/incidents/update', { ...payload, text });
  assert.deepEqual(r.body, { id, r: 1 });
  assert.equal(r.res.headers.get('Cache-Control'), 'no-cache');
  payload = (await admin.get(`/api/v1/incidents/show/${id}`)).body.incident;
  assert.equal(payload.text, text);

  const unchanged = JSON.stringify(payload);
  assert.equal((await admin.post('/api/v1/incidents/update', { ...payload, text: '' })).status, 422, 'cannot update with empty text');
  assert.equal((await admin.post('/api/v1/incidents/update', { ...payload, title: '' })).status, 422, 'cannot update with empty title');
  const description = 'sample replacement discription for update';
  payload.short_description = description;
  r = await ownerAsUser.post('/api/v1/incidents/update', { ...payload, email_address: '' });
  assert.equal(r.status, 403, 'cannot update with invalid email');
  assert.equal(r.body.error, 'finding_email_not_yours');
  assert.equal((await mismatched.post('/api/v1/incidents/update', payload)).status, 403, 'email should match account id');
  assert.equal((await otherUser.post('/api/v1/incidents/update', { ...payload, email_address: 'oonitarian@example.com' })).status, 404, 'not theirs');
  assert.equal((await h.anonymous.post('/api/v1/incidents/update', payload)).status, 401);
  assert.equal(JSON.stringify((await admin.get(`/api/v1/incidents/show/${id}`)).body.incident), unchanged, 'nothing stored by refused updates');

  r = await ownerAsUser.post('/api/v1/incidents/update', payload);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { id, r: 1 });
  payload = (await admin.get(`/api/v1/incidents/show/${id}`)).body.incident;
  assert.equal(payload.short_description, description);

  r = await ownerAsUser.post('/api/v1/incidents/update', { ...payload, tags: [...payload.tags, 'sample_tag'] });
  assert.equal(r.status, 200);
  payload = (await admin.get(`/api/v1/incidents/show/${id}`)).body.incident;
  assert.deepEqual(payload.tags, ['sample_tag']);

  r = await ownerAsUser.post('/api/v1/incidents/update', { ...payload, published: true });
  assert.equal(r.status, 403, 'user role cannot publish incident');
  assert.equal(r.body.error, 'finding_publish_forbidden');
  r = await admin.post('/api/v1/incidents/update', { ...payload, published: true });
  assert.equal(r.status, 200);
  payload = (await admin.get(`/api/v1/incidents/show/${id}`)).body.incident;
  assert.equal(payload.published, true);
  assert.deepEqual({ slug: payload.slug, create_time: payload.create_time }, created, 'slug and create_time never change');
});

test('workflow: who sees what, mine, email_address, only_mine', async () => {
  await h.db.sql`delete from findings`;
  const first = await create();
  const id = await create();
  const shown = async (c: FindingsClient) => (await c.get(`/api/v1/incidents/show/${id}`)).body.incident;

  assert.equal((await h.anonymous.get(`/api/v1/incidents/show/${id}`)).status, 404, 'unpublished: not for anonymous callers');
  let incident = await shown(otherUser);
  assert.deepEqual([incident.mine, incident.email_address, Object.keys(incident).sort()], [false, '', PUBLIC_KEYS]);
  incident = await shown(admin);
  assert.deepEqual([incident.mine, incident.email_address, Object.keys(incident).sort()], [true, ADMIN_EMAIL, PUBLIC_KEYS]);

  assert.equal((await admin.post('/api/v1/incidents/publish', incident)).body.r, 1);
  for (const [c, mine, email] of [
    [h.anonymous, false, ''],
    [otherUser, false, ''],
    [admin, true, ADMIN_EMAIL],
  ] as const) {
    incident = await shown(c);
    assert.deepEqual([incident.mine, incident.email_address, Object.keys(incident).sort()], [mine, email, PUBLIC_KEYS]);
  }

  const search = async (c: FindingsClient, onlyMine: boolean) => {
    const r = await c.get(`/api/v1/incidents/search?only_mine=${onlyMine}`);
    assert.equal(r.status, 200);
    for (const i of r.body.incidents) assert.deepEqual(Object.keys(i).sort(), LIST_KEYS);
    return r.body.incidents as { id: string; mine: boolean; email_address: string }[];
  };
  const summary = (list: { id: string; mine: boolean; email_address: string }[]) => list.map((i) => [i.id, i.mine, i.email_address]).sort();
  assert.deepEqual(summary(await search(h.anonymous, false)), [[id, false, '']]);
  assert.deepEqual(
    summary(await search(otherUser, false)),
    [
      [first, false, ''],
      [id, false, ''],
    ].sort(),
  );
  assert.deepEqual(
    summary(await search(admin, false)),
    [
      [first, true, ADMIN_EMAIL],
      [id, true, ADMIN_EMAIL],
    ].sort(),
  );
  assert.deepEqual(await search(h.anonymous, true), []);
  assert.deepEqual(await search(otherUser, true), []);
  assert.deepEqual(
    summary(await search(ownerAsUser, true)),
    [
      [first, true, ''],
      [id, true, ''],
    ].sort(),
  );
  assert.deepEqual(
    summary(await search(admin, true)),
    [
      [first, true, ADMIN_EMAIL],
      [id, true, ADMIN_EMAIL],
    ].sort(),
  );
});

test('create: themes, slug, times; show by slug; search by theme, country_code, domain, asn', async () => {
  const id = await create({
    ...SAMPLE,
    themes: ['social_media'],
    CCs: ['IT', 'GR'],
    domains: ['www.facebook.com'],
    slug: 'this-is-my-slug',
    ASNs: [1234],
    published: true,
    end_time: SAMPLE_END,
  });
  const j = (await h.anonymous.get(`/api/v1/incidents/show/${id}`)).body;
  assert.deepEqual(j.incident.themes, ['social_media']);
  assert.equal(j.incident.start_time, SAMPLE_START);
  assert.equal(j.incident.end_time, SAMPLE_END);
  assert.equal(j.incident.create_time, '2024-07-17T16:45:25.000000Z', 'whole seconds of the clock');
  assert.equal(j.incident.update_time, j.incident.create_time);
  assert.equal((await h.anonymous.get('/api/v1/incidents/show/this-is-my-slug')).body.incident.id, id);
  for (const q of ['theme=social_media', 'country_code=IT', 'domain=www.facebook.com', 'asn=1234']) {
    const list = (await h.anonymous.get(`/api/v1/incidents/search?${q}`)).body.incidents;
    assert.equal(list.length, 1, q);
    assert.deepEqual(list[0].themes, ['social_media']);
  }
  assert.equal((await h.anonymous.get('/api/v1/incidents/search?domain=example.com')).body.incidents.length, 0);
});
