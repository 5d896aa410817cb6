// Beyond upstream's tests: slugs stay unique, Explorer's own create and edit bodies work, bodies
// are capped, and no answer to an anonymous or non-admin caller (nor any log line) carries an email address.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_EMAIL, createFindingsHarness, type FindingsClient, type FindingsHarness } from '../helpers/findings.ts';

let h: FindingsHarness;
let admin: FindingsClient;
let user: FindingsClient;
const USER_EMAIL = 'reader@example.net';

before(async () => {
  h = await createFindingsHarness();
  admin = await h.login(ADMIN_EMAIL, 'admin');
  user = await h.login(USER_EMAIL, 'user');
});
after(() => h.close());

const count = async () => (await h.db.sql<{ n: number }[]>`select count(*)::int as n from findings`)[0]!.n;

// what Explorer's components/findings/Form.js submits from pages/findings/create.js
const explorerCreate = (title: string) => ({
  reported_by: 'OONI',
  title,
  email_address: ADMIN_EMAIL,
  text: 'Some <b>text</b>',
  short_description: 'short',
  published: false,
  start_time: '2024-07-01T00:00:00Z',
  end_time: null,
  tags: ['t'],
  themes: ['im'],
  CCs: ['IR'],
  ASNs: [197207],
  test_names: ['whatsapp'],
  links: [],
  domains: ['web.whatsapp.com'],
  event_type: 'incident',
});

test('a title used twice gets a numbered slug; a chosen slug that is taken → 409, nothing stored', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await admin.post('/api/v1/incidents/create', explorerCreate('Iran blocks WhatsApp'));
    assert.equal(r.status, 200);
    ids.push(r.body.id);
  }
  const slugs = await Promise.all(ids.map(async (id) => (await admin.get(`/api/v1/incidents/show/${id}`)).body.incident.slug));
  assert.deepEqual(slugs, ['2024-iran-blocks-whatsapp', '2024-iran-blocks-whatsapp-2', '2024-iran-blocks-whatsapp-3']);
  for (const [i, slug] of slugs.entries()) assert.equal((await admin.get(`/api/v1/incidents/show/${slug}`)).body.incident.id, ids[i]);

  const before = await count();
  const taken = await admin.post('/api/v1/incidents/create', { ...explorerCreate('other'), slug: '2024-iran-blocks-whatsapp-2' });
  assert.equal(taken.status, 409);
  assert.equal(taken.body.error, 'finding_slug_taken');
  assert.equal(await count(), before);
});

test('concurrent creates with one title still get distinct slugs', async () => {
  const rs = await Promise.all(Array.from({ length: 6 }, () => admin.post('/api/v1/incidents/create', explorerCreate('Same title'))));
  assert.deepEqual(
    rs.map((r) => r.status),
    Array(6).fill(200),
  );
  const slugs = await h.db.sql<{ s: string }[]>`select finding_slug as s from findings where title = 'Same title' order by 1`;
  assert.equal(new Set(slugs.map((r) => r.s)).size, 6);
  assert.ok(slugs.some((r) => r.s === '2024-same-title'));
});

test("Explorer's edit page round trip: show, drop update_time and mine, dates as YYYY-MM-DDT00:00:00Z, update", async () => {
  const id = (await admin.post('/api/v1/incidents/create', explorerCreate('Edit me'))).body.id;
  const { update_time: _, mine: __, ...rest } = (await admin.get(`/api/v1/incidents/show/${id}`)).body.incident;
  const edited = { ...rest, start_time: `${rest.start_time.split('T')[0]}T00:00:00Z`, end_time: '2024-07-09T00:00:00Z', title: 'Edited' };
  const r = await admin.post('/api/v1/incidents/update', edited);
  assert.deepEqual([r.status, r.body], [200, { id, r: 1 }]);
  const after = (await admin.get(`/api/v1/incidents/show/${id}`)).body.incident;
  assert.deepEqual([after.title, after.end_time, after.ASNs, after.slug], ['Edited', '2024-07-09T00:00:00.000000Z', [197207], '2024-edit-me']);
});

test('bodies above 1 MiB → 413 body_too_large, nothing stored', async () => {
  const before = await count();
  const r = await admin.post('/api/v1/incidents/create', { ...explorerCreate('big'), text: 'x'.repeat(1024 * 1024 + 1) });
  assert.equal(r.status, 413);
  assert.equal(r.body.error, 'body_too_large');
  assert.equal(await count(), before);
});

test('no email address in any answer to an anonymous or non-admin caller', async () => {
  const id = (await admin.post('/api/v1/incidents/create', { ...explorerCreate('Private'), published: true })).body.id;
  const unpublished = (await admin.post('/api/v1/incidents/create', explorerCreate('Unpublished'))).body.id;
  const slug = (await admin.get(`/api/v1/incidents/show/${id}`)).body.incident.slug;
  h.nonAdminAnswers.length = 0;
  for (const c of [h.anonymous, user]) {
    for (const q of ['', '?only_mine=true', '?only_mine=false', '?country_code=IR', '?theme=im', '?asn=197207', '?domain=web.whatsapp.com']) {
      assert.equal((await c.get(`/api/v1/incidents/search${q}`)).status, 200);
    }
    for (const key of [id, slug, unpublished, '1', 'nope']) await c.get(`/api/v1/incidents/show/${key}`);
    // refused writes answer too
    await c.post('/api/v1/incidents/create', explorerCreate('x'));
    await c.post('/api/v1/incidents/update', { ...explorerCreate('x'), id });
    await c.post('/api/v1/incidents/delete', { id, email_address: ADMIN_EMAIL });
    await c.post('/api/v1/incidents/publish', { id });
  }
  const userList = (await user.get('/api/v1/incidents/search')).body.incidents;
  assert.ok(userList.length >= 2, 'the user sees the findings, published or not');
  assert.ok(h.nonAdminAnswers.length >= 30);
  for (const text of h.nonAdminAnswers) {
    assert.ok(!text.includes(ADMIN_EMAIL) && !text.includes(USER_EMAIL) && !text.includes('@'), text.slice(0, 300));
  }
  const adminView = (await admin.get(`/api/v1/incidents/show/${id}`)).body.incident;
  assert.equal(adminView.email_address, ADMIN_EMAIL, 'admins do see it');
  assert.ok(
    h.logs.some((l) => l.includes(`"findingId":"${id}"`)),
    'writes are logged',
  );
  for (const line of h.logs) assert.ok(!line.includes(ADMIN_EMAIL) && !line.includes(USER_EMAIL), line);
});
