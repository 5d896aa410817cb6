// Anonymous reads of findings stored directly in the table: published only, the search filters
// (repeatable, OR-ed within one, AND-ed across), the answer shapes and formats, errors, metering.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { findings } from '../../drizzle/schema.ts';
import { createFindingsHarness, type FindingsHarness } from '../helpers/findings.ts';

let h: FindingsHarness;

type Row = typeof findings.$inferInsert;
const row = (id: string, over: Partial<Row>): Row => ({
  findingId: id,
  findingSlug: `2024-finding-${id}`,
  createTime: '2024-07-01T10:00:00.123456Z',
  updateTime: '2024-07-02T10:00:00Z',
  startTime: '2024-06-01T00:00:00Z',
  endTime: null,
  creatorAccountId: 'acct-1',
  title: `finding ${id}`,
  shortDescription: 'short',
  text: `text of ${id}`,
  reportedBy: 'OONI',
  emailAddress: 'creator@example.org',
  eventType: 'incident',
  published: true,
  ...over,
});
const ROWS: Row[] = [
  row('100', { title: 'b: Italy social media', countryCodes: ['IT'], themes: ['social_media'], asns: [1234], domains: ['www.facebook.com'] }),
  row('200', {
    title: 'a: Greece and Italy IM',
    countryCodes: ['GR', 'IT'],
    themes: ['im'],
    asns: [5678, 1234],
    domains: ['web.whatsapp.com'],
    endTime: '2024-06-30T12:00:00.5Z',
  }),
  row('300', { title: 'c: Iran news', countryCodes: ['IR'], themes: ['news_media', 'im'], asns: [197207], domains: ['www.bbc.com'] }),
  row('400', {
    title: 'd: unpublished Italy',
    published: false,
    countryCodes: ['IT'],
    themes: ['social_media'],
    asns: [1234],
    domains: ['www.facebook.com'],
  }),
];
const publishedIds = (pred: (r: Row) => boolean) =>
  ROWS.filter((r) => r.published && pred(r))
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((r) => r.findingId);

before(async () => {
  h = await createFindingsHarness();
  await h.db.db.insert(findings).values(ROWS);
});
after(() => h.close());

const ids = async (query: string) => {
  const { status, body } = await h.anonymous.get(`/api/v1/incidents/search${query}`);
  assert.equal(status, 200, query);
  return (body.incidents as { id: string }[]).map((i) => i.id);
};

test('search: published findings only, ordered by title, no text, email_address "", mine false', async () => {
  const { status, body, res } = await h.anonymous.get('/api/v1/incidents/search');
  assert.equal(status, 200);
  assert.equal(res.headers.get('Cache-Control'), 'no-cache');
  assert.deepEqual(Object.keys(body), ['incidents']);
  assert.deepEqual(
    body.incidents.map((i: any) => i.id),
    publishedIds(() => true),
  );
  assert.deepEqual(
    body.incidents.find((i: any) => i.id === '200'),
    {
      id: '200',
      email_address: '',
      title: 'a: Greece and Italy IM',
      short_description: 'short',
      slug: '2024-finding-200',
      start_time: '2024-06-01T00:00:00.000000Z',
      create_time: '2024-07-01T10:00:00.123456Z',
      update_time: '2024-07-02T10:00:00.000000Z',
      end_time: '2024-06-30T12:00:00.500000Z',
      reported_by: 'OONI',
      creator_account_id: '',
      published: true,
      event_type: 'incident',
      ASNs: [5678, 1234],
      CCs: ['GR', 'IT'],
      themes: ['im'],
      tags: [],
      test_names: [],
      domains: ['web.whatsapp.com'],
      links: [],
      mine: false,
    },
  );
  assert.equal(body.incidents.find((i: any) => i.id === '100').end_time, null);
});

test('search filters: each repeatable and OR-ed, together AND-ed; asn as 1234 or AS1234; cc any case', async () => {
  assert.deepEqual(
    await ids('?theme=social_media'),
    publishedIds((r) => r.themes!.includes('social_media')),
  );
  assert.deepEqual(await ids('?theme=im'), ['200', '300']);
  assert.deepEqual(await ids('?theme=social_media&theme=news_media'), ['100', '300']);
  assert.deepEqual(await ids('?country_code=IT'), ['200', '100']);
  assert.deepEqual(await ids('?country_code=it&country_code=IR'), ['200', '100', '300']);
  assert.deepEqual(await ids('?asn=1234'), ['200', '100']);
  assert.deepEqual(await ids('?asn=AS197207&asn=5678'), ['200', '300']);
  assert.deepEqual(await ids('?domain=www.facebook.com'), ['100']);
  assert.deepEqual(await ids('?domain=example.com'), []);
  assert.deepEqual(await ids('?country_code=IT&theme=im'), ['200']);
  assert.deepEqual(await ids('?country_code=IT&theme=news_media'), []);
  assert.deepEqual(
    await ids('?only_mine=false'),
    publishedIds(() => true),
  );
  assert.deepEqual(await ids('?only_mine=true'), [], 'an anonymous caller owns nothing');
});

test('search: bad parameters → 422 invalid_parameter naming the parameter', async () => {
  for (const [q, name] of [
    ['asn=foo', 'asn'],
    ['asn=1234&asn=x', 'asn'],
    ['country_code=ITA', 'country_code'],
    ['only_mine=maybe', 'only_mine'],
  ]) {
    const { status, body } = await h.anonymous.get(`/api/v1/incidents/search?${q}`);
    assert.equal(status, 422, q);
    assert.equal(body.error, 'invalid_parameter');
    assert.ok(body.message.startsWith(`${name}:`), body.message);
  }
});

test('show: by id (an integer) or by slug, with text; unpublished or unknown → 404 finding_not_found', async () => {
  const byId = await h.anonymous.get('/api/v1/incidents/show/300');
  assert.equal(byId.status, 200);
  assert.equal(byId.res.headers.get('Cache-Control'), 'no-cache');
  assert.deepEqual(Object.keys(byId.body), ['incident']);
  assert.equal(byId.body.incident.text, 'text of 300');
  assert.equal(byId.body.incident.email_address, '');
  const bySlug = await h.anonymous.get('/api/v1/incidents/show/2024-finding-300');
  assert.deepEqual(bySlug.body, byId.body);
  for (const key of ['400', '2024-finding-400', '999', 'no-such-slug', '0300']) {
    const r = await h.anonymous.get(`/api/v1/incidents/show/${key}`);
    assert.equal(r.status, 404, key);
    assert.deepEqual(r.body, { error: 'finding_not_found', message: 'OONI Finding not found' });
  }
});

test('an invalid Bearer token on the read routes is an anonymous caller', async () => {
  const forged = h.withToken('eyJhbGciOiJIUzI1NiJ9.eyJhY2NvdW50X2lkIjoiYWNjdC0xIiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJl');
  const { status, body } = await forged.get('/api/v1/incidents/search');
  assert.equal(status, 200);
  assert.deepEqual(
    body.incidents.map((i: any) => i.id),
    publishedIds(() => true),
  );
  assert.ok(body.incidents.every((i: any) => i.email_address === '' && i.mine === false));
  assert.equal((await forged.get('/api/v1/incidents/show/400')).status, 404);
});

test('the table refuses rows without times or with a time that is not one (upstream test_database)', async () => {
  await assert.rejects(h.db.db.insert(findings).values(row('500', { createTime: 'NOT A DATE' })));
  await assert.rejects(h.db
    .sql`insert into findings (finding_id, finding_slug, update_time, start_time, creator_account_id, title, short_description, text, reported_by, email_address, event_type)
    values ('501', 's-501', now(), now(), 'a', 't', '', 'x', '', '', '')`);
  await assert.rejects(h.db.db.insert(findings).values(row('502', { findingSlug: '2024-finding-100' })), 'slugs are unique');
  assert.equal((await h.db.sql`select count(*)::int as n from findings`)[0]!.n, ROWS.length);
});

test('incidents routes are metered like the query API: 429 rate_limited once the quota is spent', async () => {
  const limited = await createFindingsHarness({ QUERY_RATE_LIMITS: '3/day', TRUSTED_PROXY_HOPS: '0' });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await limited.anonymous.get('/api/v1/incidents/search')).status);
    assert.equal(statuses[0], 200);
    assert.equal(statuses.at(-1), 429);
    const r = await limited.anonymous.get('/api/v1/incidents/show/1');
    assert.equal(r.status, 429);
    assert.equal(r.body.error, 'rate_limited');
  } finally {
    await limited.close();
  }
});

test('/openapi.json documents the incidents routes, the write ones with their JSON bodies', async () => {
  const { body } = await h.anonymous.get('/openapi.json');
  assert.deepEqual(
    body.paths['/api/v1/incidents/search'].get.parameters.map((p: any) => p.name),
    ['only_mine', 'theme', 'country_code', 'asn', 'domain'],
  );
  assert.equal(body.paths['/api/v1/incidents/search'].get.parameters.find((p: any) => p.name === 'asn').schema.type, 'array');
  assert.ok(body.paths['/api/v1/incidents/show/{id}'].get);
  for (const action of ['create', 'update', 'delete', 'publish', 'unpublish']) {
    const schema = body.paths[`/api/v1/incidents/${action}`].post.requestBody.content['application/json'].schema;
    assert.equal(schema.type, 'object', action);
    assert.ok('id' in schema.properties, action);
  }
});
