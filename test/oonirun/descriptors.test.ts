// OONI Run reads anyone may make (a link, its revisions, a revision's full descriptor, the list)
// and the probe's engine descriptor with prioritised URLs. Links are seeded through the store at
// times the test sets; create/edit over HTTP with real sessions are in links.test.ts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { editLink, insertLink, type LinkFields } from '../../api/oonirun/link-store.ts';
import { linkBodySchema } from '../../api/oonirun/schemas.ts';
import type { Nettest } from '../../domain/oonirun/nettest.ts';
import { citizenlab, urlMsmtCounts, urlPriorities } from '../../drizzle/schema.ts';
import { createOonirunHarness, LINK_KEYS, SAMPLE_META, sampleLink, type OonirunHarness } from '../helpers/oonirun.ts';

let h: OonirunHarness;
const T0 = new Date('2024-01-15T12:00:00Z');
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

const body = linkBodySchema.parse(sampleLink());
const fields = (over: Partial<LinkFields> = {}): LinkFields => ({
  name: body.name,
  nameIntl: body.name_intl,
  shortDescription: body.short_description,
  shortDescriptionIntl: body.short_description_intl,
  description: body.description,
  descriptionIntl: body.description_intl,
  author: body.author,
  icon: body.icon,
  color: '#00aa55',
  expirationDate: new Date('2024-07-13T12:00:00Z'),
  ...over,
});
const rev1: Nettest[] = body.nettests;
const rev2: Nettest[] = [{ ...rev1[0]!, inputs: [...rev1[0]!.inputs!, 'https://foo.net/'] }, rev1[1]!, rev1[2]!];

let a: string; // two revisions, edited three times
let b: string; // another creator's
let expired: string;

// Prioritisation input (the shape of OONI's prio tests): VE list + global list, rules by category.
const MISC = Array.from({ length: 25 }, (_, i) => `https://misc${String(i).padStart(2, '0')}.example/`);

before(async () => {
  h = await createOonirunHarness();
  const { db } = h.db;
  a = String((await insertLink(db, 'account-a', fields(), rev1, T0)).oonirunLinkId);
  await editLink(db, Number(a), { accountId: 'account-a', role: 'user' }, fields(), rev2, at(1));
  await editLink(db, Number(a), { accountId: 'account-a', role: 'user' }, fields({ description: 'changed description' }), rev2, at(2));
  b = String((await insertLink(db, 'account-b', fields({ name: 'second link' }), [rev1[1]!], at(2))).oonirunLinkId);
  expired = String((await insertLink(db, 'account-b', fields({ expirationDate: at(-1) }), [rev1[1]!], at(2))).oonirunLinkId);
  h.clock.now = at(3);

  await db
    .insert(citizenlab)
    .values([
      { url: 'https://news.example/', cc: 've', categoryCode: 'NEWS', domain: 'news.example' },
      { url: 'https://twitter.com/', cc: 'ZZ', categoryCode: 'GRP', domain: 'twitter.com' },
      { url: 'https://hr.example/', cc: 'ZZ', categoryCode: 'HUMR', domain: 'hr.example' },
      { url: 'https://zero.example/', cc: 'ZZ', categoryCode: 'ALDR', domain: 'zero.example' },
      { url: 'https://it-only.example/', cc: 'it', categoryCode: 'NEWS', domain: 'it-only.example' },
      ...MISC.map((url) => ({ url, cc: 'ZZ', categoryCode: 'MISC', domain: new URL(url).hostname })),
    ]);
  await db.delete(urlPriorities); // the migrations' OONI rules: replaced by these few
  await db.insert(urlPriorities).values([
    { categoryCode: 'NEWS', cc: '*', domain: '*', url: '*', priority: 100 },
    { categoryCode: 'GRP', cc: '*', domain: '*', url: '*', priority: 50 },
    { categoryCode: 'HUMR', cc: '*', domain: '*', url: '*', priority: 20 },
    { categoryCode: 'MISC', cc: '*', domain: '*', url: '*', priority: 1 },
  ]);
  // twitter.com is well measured from AS1234 in VE (weight 50/10 = 5), not from other networks (50/0.1)
  await db
    .insert(urlMsmtCounts)
    .values({ week: '2024-01-07', probeCc: 'VE', probeAsn: 1234, inputMd5: md5('https://twitter.com/'), input: 'https://twitter.com/', msmtCnt: 10 });
});
after(() => h.close());

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

const iso = (d: Date) => d.toISOString().replace('.000Z', '.000000Z');

describe('reading a link', () => {
  test('latest revision: every key, the revision’s nettests and dates, not mine anonymously', async () => {
    const { status, body: j } = await h.call('GET', `/api/v2/oonirun/links/${a}`);
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(j).sort(), LINK_KEYS);
    // a nettest with targets_name keeps inputs null outside the engine descriptor
    assert.equal(j.nettests[2].inputs, null);
    assert.equal(a, '10000'); // OONI's first id after the 10k reserved for its own links
    assert.deepEqual(j, {
      oonirun_link_id: '10000',
      name: 'integ-test name in English',
      short_description: 'integ-test short description in English',
      description: 'changed description',
      author: 'oonitarian@example.com',
      nettests: rev2,
      name_intl: { it: 'integ-test nome in italiano' },
      short_description_intl: { it: 'integ-test descrizione breve in italiano' },
      description_intl: { es: 'integ-test descripción en español' },
      icon: 'myicon',
      color: '#00aa55',
      expiration_date: '2024-07-13T12:00:00.000000Z',
      date_created: '2024-01-15T13:00:00.000000Z', // revision 2's
      date_updated: '2024-01-15T14:00:00.000000Z',
      revision: '2',
      is_mine: false,
      is_expired: false,
    });
  });

  test('full descriptor at each revision and at latest', async () => {
    const one = await h.call('GET', `/api/v2/oonirun/links/${a}/full-descriptor/1`);
    assert.equal(one.status, 200);
    assert.equal(one.body.revision, '1');
    assert.deepEqual(one.body.nettests, rev1);
    assert.equal(one.body.date_created, '2024-01-15T12:00:00.000000Z');
    const two = await h.call('GET', `/api/v2/oonirun/links/${a}/full-descriptor/2`);
    assert.deepEqual([two.body.revision, two.body.nettests], ['2', rev2]);
    const latest = await h.call('GET', `/api/v2/oonirun/links/${a}/full-descriptor/latest`);
    assert.deepEqual(latest.body, two.body);
    assert.deepEqual((await h.call('GET', `/api/v2/oonirun/links/${a}`)).body, two.body);
  });

  test('revisions, newest first', async () => {
    assert.deepEqual((await h.call('GET', `/api/v2/oonirun/links/${a}/revisions`)).body, { revisions: ['2', '1'] });
    assert.deepEqual((await h.call('GET', `/api/v2/oonirun/links/${b}/revisions`)).body, { revisions: ['1'] });
  });

  test('an expired link is still readable, marked expired', async () => {
    const { status, body: j } = await h.call('GET', `/api/v2/oonirun/links/${expired}`);
    assert.equal(status, 200);
    assert.equal(j.is_expired, true);
    assert.equal(j.expiration_date, iso(at(-1)));
  });

  test('unknown links, revisions and malformed revision numbers', async () => {
    const notFound = { error: 'oonirun_link_not_found', message: 'OONI Run link not found' };
    for (const path of [
      '/api/v2/oonirun/links/404',
      '/api/v2/oonirun/links/abc',
      '/api/v2/oonirun/links/99999999999999999999',
      '/api/v2/oonirun/links/404/revisions',
      '/api/v2/oonirun/links/404/full-descriptor/latest',
      '/api/v2/oonirun/links/%27%20or%201=1/revisions',
    ]) {
      const r = await h.call('GET', path);
      assert.deepEqual([r.status, r.body], [404, notFound], path);
    }
    const r = await h.call('POST', '/api/v2/oonirun/links/404/engine-descriptor/latest', { body: SAMPLE_META });
    assert.deepEqual([r.status, r.body], [404, notFound]);
    for (const rev of ['3', '0', '99999999999']) {
      const x = await h.call('GET', `/api/v2/oonirun/links/${a}/full-descriptor/${rev}`);
      assert.deepEqual([x.status, x.body.error], [404, 'oonirun_revision_not_found'], rev);
      const y = await h.call('POST', `/api/v2/oonirun/links/${a}/engine-descriptor/${rev}`, { body: SAMPLE_META });
      assert.deepEqual([y.status, y.body.error], [404, 'oonirun_revision_not_found'], rev);
    }
    for (const rev of ['notarevision', '-1', '1.0', 'LATEST']) {
      const x = await h.call('GET', `/api/v2/oonirun/links/${a}/full-descriptor/${rev}`);
      assert.deepEqual(
        [x.status, x.body],
        [422, { error: 'oonirun_invalid_revision', message: "invalid revision number specified, must be 'latest' or a number" }],
        rev,
      );
    }
  });
});

describe('listing links', () => {
  const ids = (j: any) => j.oonirun_links.map((l: any) => l.oonirun_link_id);

  test('unexpired links, oldest first, each with every key, its latest nettests and its creation date', async () => {
    const { status, body: j } = await h.call('GET', '/api/v2/oonirun/links');
    assert.equal(status, 200);
    assert.deepEqual(ids(j), [a, b]);
    for (const l of j.oonirun_links) assert.deepEqual(Object.keys(l).sort(), LINK_KEYS);
    const first = j.oonirun_links[0];
    assert.deepEqual(
      [first.revision, first.nettests, first.date_created, first.is_mine, first.is_expired],
      ['2', rev2, '2024-01-15T12:00:00.000000Z', false, false],
    );
  });

  test('is_expired=true adds the expired ones; is_mine without a session lists none', async () => {
    assert.deepEqual(ids((await h.call('GET', '/api/v2/oonirun/links?is_expired=true')).body), [a, b, expired]);
    assert.deepEqual(ids((await h.call('GET', '/api/v2/oonirun/links?is_expired=false')).body), [a, b]);
    assert.deepEqual((await h.call('GET', '/api/v2/oonirun/links?is_mine=true')).body, { oonirun_links: [] });
    assert.deepEqual(ids((await h.call('GET', '/api/v2/oonirun/links?is_mine=false&is_expired=1')).body), [a, b, expired]);
    for (const q of ['is_mine=maybe', 'is_expired=2']) {
      const r = await h.call('GET', `/api/v2/oonirun/links?${q}`);
      assert.deepEqual([r.status, r.body.error], [422, 'invalid_parameter'], q);
    }
  });

  test('an answer never names the creator’s account', async () => {
    const text = await (await h.request('/api/v2/oonirun/links?is_expired=true')).text();
    assert.ok(!text.includes('account-a') && !text.includes('account-b'));
  });
});

describe('engine descriptor', () => {
  const engine = (meta: Record<string, unknown>, link = a, rev = 'latest', headers: Record<string, string> = {}) =>
    h.call('POST', `/api/v2/oonirun/links/${link}/engine-descriptor/${rev}`, { body: meta, headers });

  test('the revision’s nettests; targets_name nettests filled from the URL prioritisation', async () => {
    const { status, body: j, res } = await engine(SAMPLE_META);
    assert.equal(status, 200);
    assert.ok(res.headers.get('Vary')?.split(', ').includes('X-OONI-Credentials'), res.headers.get('Vary') ?? '');
    assert.deepEqual(Object.keys(j).sort(), ['date_created', 'nettests', 'revision']);
    assert.deepEqual([j.revision, j.date_created], ['2', '2024-01-15T13:00:00.000000Z']);
    assert.deepEqual(j.nettests.slice(0, 2), rev2.slice(0, 2));
    // weights: news 100/0.1, hr 20/0.1, misc 1/0.1 each, twitter 50/10 from AS1234; zero.example has no rule
    const expected = ['https://news.example/', 'https://hr.example/', ...MISC, 'https://twitter.com/'];
    assert.deepEqual(j.nettests[2], {
      ...rev2[2],
      inputs: expected.slice(0, 100),
      inputs_extra: expected.map((u) => ({
        category_code: u.includes('news') ? 'NEWS' : u.includes('hr.') ? 'HUMR' : u.includes('twitter') ? 'GRP' : 'MISC',
        country_code: u.includes('news') ? 'VE' : 'XX',
      })),
    });
  });

  test('a network with no measurements of twitter.com gets it second; the category filter; the length by run type', async () => {
    const other = await engine({ ...SAMPLE_META, probe_asn: '9999' });
    assert.deepEqual(other.body.nettests[2].inputs.slice(0, 3), ['https://news.example/', 'https://twitter.com/', 'https://hr.example/']);
    const news = await engine({ ...SAMPLE_META, website_category_codes: ['NEWS'] });
    assert.deepEqual(news.body.nettests[2].inputs, ['https://news.example/']);
    assert.deepEqual(news.body.nettests[2].inputs_extra, [{ category_code: 'NEWS', country_code: 'VE' }]);
    const timed = await engine({ ...SAMPLE_META, is_charging: false });
    assert.equal(timed.body.nettests[2].inputs.length, 20);
    const manual = await engine({ ...SAMPLE_META, run_type: 'manual', is_charging: false });
    assert.equal(manual.body.nettests[2].inputs.length, 28);
    const it = await engine({ ...SAMPLE_META, probe_cc: 'IT' });
    assert.ok(it.body.nettests[2].inputs.includes('https://it-only.example/'));
    assert.ok(!it.body.nettests[2].inputs.includes('https://news.example/'));
  });

  test('an older revision: its own nettests', async () => {
    const { body: j } = await engine(SAMPLE_META, a, '1');
    assert.deepEqual([j.revision, j.date_created], ['1', '2024-01-15T12:00:00.000000Z']);
    assert.deepEqual(j.nettests[0], rev1[0]);
  });

  test('the probe’s UserAgent header, when sent, is OONI’s six comma-separated fields', async () => {
    const ok = await engine(SAMPLE_META, a, 'latest', {
      UserAgent: 'ooniprobe-android-unattended,3.8.2,android,ooniprobe-engine,3.17.2,ooniprobe-engine_1.2.3',
    });
    assert.equal(ok.status, 200);
    const bad = await engine(SAMPLE_META, a, 'latest', { UserAgent: 'ooniprobe-android-unattended,3.8.2,android,ooniprobe-engine,3.17.2' });
    assert.deepEqual([bad.status, bad.body.error], [422, 'oonirun_invalid_user_agent']);
  });

  test('every bad run metadata is a 422 (or 400/413 for a body that is no JSON object)', async () => {
    for (const change of [
      { run_type: 'bad' },
      { network_type: 'bad' },
      { is_charging: 'yes' },
      { probe_asn: 'X1' },
      { probe_cc: '' },
      { website_category_codes: [1] },
    ]) {
      const r = await engine({ ...SAMPLE_META, ...change });
      assert.deepEqual([r.status, r.body.error], [422, 'oonirun_invalid_meta'], JSON.stringify(change));
    }
    const { run_type: _, ...noRunType } = SAMPLE_META;
    assert.equal((await engine(noRunType)).body.error, 'oonirun_invalid_meta');
    const notJson = await h.request(`/api/v2/oonirun/links/${a}/engine-descriptor/latest`, { method: 'POST', body: '{"run_type":' });
    assert.deepEqual([notJson.status, ((await notJson.json()) as any).error], [400, 'invalid_json']);
    const array = await h.request(`/api/v2/oonirun/links/${a}/engine-descriptor/latest`, { method: 'POST', body: '[]' });
    assert.equal(array.status, 400);
    const huge = await h.request(`/api/v2/oonirun/links/${a}/engine-descriptor/latest`, {
      method: 'POST',
      body: JSON.stringify({ ...SAMPLE_META, pad: 'x'.repeat(1_100_000) }),
    });
    assert.equal(huge.status, 413);
  });

  test('a targets_name this backend cannot fill is a 422 naming it', async () => {
    const odd = String((await insertLink(h.db.db, 'account-b', fields(), [{ ...rev1[2]!, targets_name: 'example_name' }], at(3))).oonirunLinkId);
    const r = await engine(SAMPLE_META, odd);
    assert.deepEqual([r.status, r.body], [422, { error: 'oonirun_unknown_targets_name', message: 'Unknown target name: example_name' }]);
    // the link itself reads as stored
    assert.equal((await h.call('GET', `/api/v2/oonirun/links/${odd}`)).body.nettests[0].targets_name, 'example_name');
  });
});

test('link routes count against the query quota; the probe’s engine descriptor does not', async () => {
  const read = await h.request(`/api/v2/oonirun/links/${a}`);
  assert.match(read.headers.get('X-RateLimit-Remaining') ?? '', /^\d+$/);
  const list = await h.request('/api/v2/oonirun/links');
  assert.match(list.headers.get('X-RateLimit-Remaining') ?? '', /^\d+$/);
  const engine = await h.request(`/api/v2/oonirun/links/${a}/engine-descriptor/latest`, { method: 'POST', body: JSON.stringify(SAMPLE_META) });
  assert.equal(engine.status, 200);
  assert.equal(engine.headers.get('X-RateLimit-Remaining'), null);
});
