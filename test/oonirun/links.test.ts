// Creating and editing OONI Run links over HTTP with real sessions (magic-link login through a
// real SMTP server): roles and ownership, revisions only when nettests change, expiration, every
// bad body refused with nothing stored, and the answers never showing an account's email.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { citizenlab } from '../../drizzle/schema.ts';
import { signIn, startMailCatcher, type MailCatcher } from '../helpers/accounts.ts';
import { createOonirunHarness, LINK_KEYS, SAMPLE_META, sampleLink, type OonirunHarness } from '../helpers/oonirun.ts';

let h: OonirunHarness;
let mail: MailCatcher;
let user: { token: string; accountId: string };
let other: { token: string; accountId: string };
let admin: { token: string; accountId: string };
const EMAILS = ['oonitarian@example.com', 'someone.else@example.org', 'the.admin@example.org'];

before(async () => {
  mail = await startMailCatcher();
  h = await createOonirunHarness({ SMTP_URL: mail.url, ADMIN_EMAILS: 'The.Admin@example.org' });
  user = await signIn(h.request, mail, EMAILS[0]!);
  other = await signIn(h.request, mail, EMAILS[1]!);
  admin = await signIn(h.request, mail, EMAILS[2]!);
  await h.db.db.insert(citizenlab).values({ url: 'https://www.ooni.example/', cc: 'ZZ', categoryCode: 'NEWS', domain: 'www.ooni.example' });
});
after(async () => {
  await h?.close();
  await mail?.close();
});

const linkCount = async () => (await h.db.sql<{ n: number }[]>`select count(*)::int as n from oonirun_links`)[0]!.n;
const nettestCount = async () => (await h.db.sql<{ n: number }[]>`select count(*)::int as n from oonirun_nettests`)[0]!.n;
const iso = (d: Date) => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
const advance = (ms: number) => {
  h.clock.now = new Date(h.clock.now.getTime() + ms);
};

const create = (body: unknown, token?: string) => h.call('POST', '/api/v2/oonirun/links', { body, ...(token ? { token } : {}) });
const edit = (id: string, body: unknown, token?: string) => h.call('PUT', `/api/v2/oonirun/links/${id}`, { body, ...(token ? { token } : {}) });

describe('create', () => {
  test('a user creates a link: every key, revision 1, theirs, expiring in 6 months, author as typed', async () => {
    const { status, body: j } = await create({ ...sampleLink(), author: 'Campaign team' }, user.token);
    assert.equal(status, 200, JSON.stringify(j));
    assert.deepEqual(Object.keys(j).sort(), LINK_KEYS);
    assert.match(j.oonirun_link_id, /^10\d{3}$/);
    assert.deepEqual(
      [j.revision, j.is_mine, j.is_expired, j.author, j.date_created, j.date_updated, j.expiration_date, j.color],
      ['1', true, false, 'Campaign team', iso(h.clock.now), iso(h.clock.now), iso(new Date(h.clock.now.getTime() + 180 * 86_400_000)), null],
    );
    assert.deepEqual(j.nettests, sampleLink().nettests);
    const read = await h.call('GET', `/api/v2/oonirun/links/${j.oonirun_link_id}`, { token: user.token });
    assert.deepEqual(read.body, j);
    const anonymous = await h.call('GET', `/api/v2/oonirun/links/${j.oonirun_link_id}`);
    assert.deepEqual(anonymous.body, { ...j, is_mine: false });
    const theirs = await h.call('GET', `/api/v2/oonirun/links/${j.oonirun_link_id}`, { token: other.token });
    assert.equal(theirs.body.is_mine, false);
  });

  test('ids follow one another, without collision', async () => {
    const [x, y] = await Promise.all([create(sampleLink(), user.token), create(sampleLink(), other.token)]);
    assert.equal(x.status, 200);
    assert.equal(y.status, 200);
    assert.notEqual(x.body.oonirun_link_id, y.body.oonirun_link_id);
    assert.equal(Math.abs(Number(x.body.oonirun_link_id) - Number(y.body.oonirun_link_id)), 1);
  });

  test('without a session, or with a bad token: 401 and nothing stored', async () => {
    const before = await linkCount();
    for (const token of [undefined, 'not-a-token', `${user.token}x`]) {
      const r = await create(sampleLink(), token);
      assert.deepEqual([r.status, r.body.error], [401, 'auth_required'], String(token));
    }
    assert.equal(await linkCount(), before);
  });

  test('every bad body: 422 oonirun_invalid_link (400/413 when no JSON object), nothing stored', async () => {
    const linksBefore = await linkCount();
    const nettestsBefore = await nettestCount();
    const nt = sampleLink().nettests[0]!;
    const bad: [string, unknown][] = [
      ['empty name', { ...sampleLink(), name: '' }],
      ['no author', { ...sampleLink(), author: undefined }],
      ['empty name_intl value', { ...sampleLink(), name_intl: { it: '' } }],
      ['bad color', { ...sampleLink(), color: 'red' }],
      ['bad expiration', { ...sampleLink(), expiration_date: 'next year' }],
      ['no nettests', { ...sampleLink(), nettests: [] }],
      ['inputs_extra shorter than inputs', { ...sampleLink(), nettests: [{ ...nt, inputs_extra: [{ provider: 'riseupvpn' }] }] }],
      ['targets_name and inputs', { ...sampleLink(), nettests: [{ ...nt, targets_name: 'example_name' }] }],
      ['targets_name and empty inputs', { ...sampleLink(), nettests: [{ ...nt, inputs: [], inputs_extra: [], targets_name: 'example_name' }] }],
      [
        'targets_name and inputs_extra',
        { ...sampleLink(), nettests: [{ ...nt, inputs: undefined, inputs_extra: [{}, {}], targets_name: 'example_name' }] },
      ],
      ['NUL in description', { ...sampleLink(), description: 'a\u0000b' }],
      ['test_name too short', { ...sampleLink(), nettests: [{ ...nt, test_name: 'w' }] }],
    ];
    for (const [why, body] of bad) {
      const r = await create(body, user.token);
      assert.deepEqual([r.status, r.body.error], [422, 'oonirun_invalid_link'], why);
      assert.equal(typeof r.body.message, 'string');
    }
    for (const raw of ['{"name":', '[]', '"x"']) {
      const r = await h.request('/api/v2/oonirun/links', { method: 'POST', body: raw, headers: { Authorization: `Bearer ${user.token}` } });
      assert.equal(r.status, 400, raw);
    }
    // options nested 100 000 deep (written as text: JSON.stringify could not)
    const deep = JSON.stringify({ ...sampleLink(), nettests: [{ test_name: 'web_connectivity', options: 'DEEP' }] }).replace(
      '"DEEP"',
      '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
    );
    const nested = await h.request('/api/v2/oonirun/links', { method: 'POST', body: deep, headers: { Authorization: `Bearer ${user.token}` } });
    assert.deepEqual([nested.status, ((await nested.json()) as any).error], [422, 'oonirun_invalid_link']);
    const huge = await create({ ...sampleLink(), description: 'x'.repeat(1_100_000) }, user.token);
    assert.equal(huge.status, 413);
    assert.equal(await linkCount(), linksBefore);
    assert.equal(await nettestCount(), nettestsBefore);
  });

  test('OONI accepts: name_intl null, inputs_extra as long as inputs, no inputs_extra, a targets_name alone', async () => {
    const nt = sampleLink().nettests[0]!;
    for (const body of [
      { ...sampleLink(), name_intl: null },
      { ...sampleLink(), nettests: [{ ...nt, inputs_extra: [{ provider: 'riseupvpn' }, { provider: 'riseupvpn' }] }] },
      { ...sampleLink(), nettests: [{ test_name: 'web_connectivity', inputs: ['https://example.com/'] }] },
      { ...sampleLink(), nettests: [{ ...nt, inputs: null, targets_name: 'example_name' }] },
    ]) {
      const r = await create(body, user.token);
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
  });
});

describe('edit', () => {
  let id: string;
  let created: any;
  before(async () => {
    h.clock.now = new Date('2024-01-20T00:00:00Z'); // sessions signed in at 01-15 live 10 days
    created = (await create(sampleLink(), user.token)).body;
    id = created.oonirun_link_id;
  });

  test('metadata only: same revision, date_updated moves; nettests changed: a new revision', async () => {
    advance(60_000);
    const newIntl = { it: 'integ-test *nuova* descrizione in italiano' };
    const meta = await edit(id, { ...sampleLink(), description_intl: newIntl }, user.token);
    assert.equal(meta.status, 200, JSON.stringify(meta.body));
    assert.deepEqual([meta.body.revision, meta.body.is_mine, meta.body.date_updated], ['1', true, iso(h.clock.now)]);
    assert.equal(meta.body.date_created, created.date_created);
    assert.deepEqual((await h.call('GET', `/api/v2/oonirun/links/${id}/revisions`)).body, { revisions: ['1'] });

    advance(60_000);
    const changed = { ...sampleLink(), description_intl: newIntl };
    changed.nettests[0]!.inputs!.push('https://foo.net/');
    const r2 = await edit(id, changed, user.token);
    assert.deepEqual([r2.status, r2.body.revision, r2.body.nettests], [200, '2', changed.nettests]);
    assert.equal(r2.body.oonirun_link_id, id);
    const revisionTwoAt = iso(h.clock.now);

    // an edit that sends back a fetched link (with its extra keys) and the same nettests: no new revision
    advance(60_000);
    const fetched = (await h.call('GET', `/api/v2/oonirun/links/${id}`)).body;
    const again = await edit(id, fetched, user.token);
    assert.equal(again.body.revision, '2');

    advance(60_000);
    changed.nettests[0]!.inputs!.push('https://foo2.net/');
    assert.equal((await edit(id, changed, user.token)).body.revision, '3');

    assert.deepEqual((await h.call('GET', `/api/v2/oonirun/links/${id}/revisions`)).body, { revisions: ['3', '2', '1'] });
    const one = (await h.call('GET', `/api/v2/oonirun/links/${id}/full-descriptor/1`)).body;
    assert.deepEqual([one.revision, one.nettests, one.date_created], ['1', sampleLink().nettests, created.date_created]);
    const two = (await h.call('GET', `/api/v2/oonirun/links/${id}/full-descriptor/2`)).body;
    assert.deepEqual(
      [two.revision, two.nettests.at(0).inputs, two.date_created],
      ['2', [...sampleLink().nettests[0]!.inputs!, 'https://foo.net/'], revisionTwoAt],
    );
    const latest = (await h.call('GET', `/api/v2/oonirun/links/${id}`)).body;
    assert.deepEqual([latest.revision, latest.nettests], ['3', changed.nettests]);
    assert.equal(latest.description_intl.it, 'integ-test *nuova* descrizione in italiano');

    // the engine descriptor of the latest revision: the prioritised list for the dynamic nettest
    const engine = await h.call('POST', `/api/v2/oonirun/links/${id}/engine-descriptor/latest`, { body: SAMPLE_META });
    assert.equal(engine.status, 200);
    assert.equal(engine.body.revision, '3');
    assert.deepEqual(engine.body.nettests.slice(0, 2), changed.nettests.slice(0, 2));
    assert.ok(engine.body.nettests[2].inputs.includes('https://www.ooni.example/'), JSON.stringify(engine.body.nettests[2]));
    assert.equal(engine.body.nettests[2].inputs.length, engine.body.nettests[2].inputs_extra.length);
    assert.deepEqual(engine.body.nettests[2].inputs_extra[engine.body.nettests[2].inputs.indexOf('https://www.ooni.example/')], {
      category_code: 'NEWS',
      country_code: 'XX',
    });
  });

  test('another user cannot edit it (not found, as OONI); an admin can, and it is not the admin’s', async () => {
    const before = (await h.call('GET', `/api/v2/oonirun/links/${id}`)).body;
    const theirs = await edit(id, { ...sampleLink(), name: 'changed by someone else' }, other.token);
    assert.deepEqual([theirs.status, theirs.body.error], [404, 'oonirun_link_not_found']);
    assert.deepEqual((await h.call('GET', `/api/v2/oonirun/links/${id}`)).body, before);
    advance(1000);
    const byAdmin = await edit(id, { ...before, name: 'changed by admin' }, admin.token);
    assert.deepEqual(
      [byAdmin.status, byAdmin.body.name, byAdmin.body.is_mine, byAdmin.body.revision],
      [200, 'changed by admin', false, before.revision],
    );
    assert.equal((await h.call('GET', `/api/v2/oonirun/links/${id}`, { token: user.token })).body.is_mine, true);
  });

  test('bad edits: 401 without a session, 404 for unknown ids, 422 for bad bodies; nothing changes', async () => {
    const before = (await h.call('GET', `/api/v2/oonirun/links/${id}`)).body;
    const nettestsBefore = await nettestCount();
    assert.deepEqual((await edit(id, sampleLink())).status, 401);
    for (const unknown of ['1234676871672836187', 'abc', '404']) {
      const r = await edit(unknown, sampleLink(), user.token);
      assert.deepEqual([r.status, r.body.error], [404, 'oonirun_link_not_found'], unknown);
    }
    const r = await edit(id, { ...sampleLink(), color: '#12345g', nettests: [{ test_name: 'dnscheck', inputs: ['x'] }] }, user.token);
    assert.deepEqual([r.status, r.body.error], [422, 'oonirun_invalid_link']);
    assert.deepEqual((await h.call('GET', `/api/v2/oonirun/links/${id}`)).body, before);
    assert.equal(await nettestCount(), nettestsBefore);
  });

  test('concurrent edits each get their own revision', async () => {
    const base = (await h.call('GET', `/api/v2/oonirun/links/${id}`)).body;
    const variants = [1, 2, 3].map((n) => ({ ...base, nettests: [{ test_name: 'dnscheck', inputs: [`https://v${n}.example/`] }] }));
    const answers = await Promise.all(variants.map((v) => edit(id, v, user.token)));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200],
    );
    assert.deepEqual(
      answers.map((a) => Number(a.body.revision)).sort(),
      [1, 2, 3].map((n) => Number(base.revision) + n),
    );
  });

  test('expiring a link: still readable, no longer editable or listed; listed with is_expired', async () => {
    const before = (await h.call('GET', `/api/v2/oonirun/links/${id}`)).body;
    const past = iso(new Date(h.clock.now.getTime() - 60_000));
    const expire = await edit(id, { ...before, expiration_date: past }, user.token);
    assert.deepEqual([expire.status, expire.body.is_expired, expire.body.expiration_date], [200, true, past]);
    const again = await edit(id, { ...before, name: 'too late' }, user.token);
    assert.deepEqual([again.status, again.body], [403, { error: 'oonirun_link_expired', message: 'OONI Run link has expired and cannot be edited' }]);
    assert.equal((await edit(id, before, admin.token)).status, 403);
    const read = await h.call('GET', `/api/v2/oonirun/links/${id}`);
    assert.deepEqual([read.status, read.body.is_expired, read.body.name], [200, true, before.name]);
    const listed = (q: string, token?: string) =>
      h
        .call('GET', `/api/v2/oonirun/links${q}`, token ? { token } : {})
        .then((r) => r.body.oonirun_links.map((l: any) => l.oonirun_link_id) as string[]);
    assert.ok(!(await listed('')).includes(id));
    assert.ok((await listed('?is_expired=true')).includes(id));
    assert.ok(!(await listed('?is_mine=true', user.token)).includes(id));
    assert.ok((await listed('?is_mine=true&is_expired=true', user.token)).includes(id));
  });
});

describe('list', () => {
  test('is_mine lists only the caller’s links, each marked mine; others see them as not theirs', async () => {
    const mine = (await h.call('GET', '/api/v2/oonirun/links?is_mine=true', { token: other.token })).body.oonirun_links;
    assert.ok(mine.length >= 1);
    for (const l of mine) assert.equal(l.is_mine, true);
    const all = (await h.call('GET', '/api/v2/oonirun/links', { token: other.token })).body.oonirun_links;
    assert.ok(all.length > mine.length);
    assert.equal(all.filter((l: any) => l.is_mine).length, mine.length);
    for (const l of all) assert.deepEqual(Object.keys(l).sort(), LINK_KEYS);
    assert.equal((await h.call('GET', '/api/v2/oonirun/links?is_mine=true', { token: admin.token })).body.oonirun_links.length, 0);
  });

  test('no answer names an account’s email address or id', async () => {
    for (const [path, token] of [
      ['/api/v2/oonirun/links?is_expired=true', user.token],
      ['/api/v2/oonirun/links?is_expired=true', undefined],
    ] as const) {
      const text = await (await h.request(path, token ? { headers: { Authorization: `Bearer ${token}` } } : {})).text();
      for (const secret of [EMAILS[1]!, EMAILS[2]!, user.accountId, other.accountId, admin.accountId]) assert.ok(!text.includes(secret), secret);
    }
  });
});
