// The incidents bodies: oonifindings' field rules and defaults (its test_oonifinding_creator_validation).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingBody, findingDeleteBody, findingIdBody, parseBody } from '../../../domain/findings/finding-body.ts';

const SAMPLE = {
  title: 'sample oonifinding',
  short_description: 'sample oonifinding description',
  reported_by: 'sample user',
  email_address: 'sample@ooni.org',
  text: 'this is a sample oonifinding incident',
  published: false,
  event_type: 'incident',
  start_time: '2024-07-01T10:00:00.000000Z',
  ASNs: [],
  CCs: ['IN', 'TZ'],
  tags: [],
  test_names: ['webconnectivity'],
  domains: ['www.google.com'],
  links: [],
};
const parse = (b: unknown) => parseBody(findingBody, JSON.stringify(b));
const problem = (b: unknown) => {
  const r = parse(b);
  assert.equal(r.ok, false, JSON.stringify(b));
  return r.ok ? '' : r.message;
};

test('the upstream sample is valid; absent fields take upstream defaults', () => {
  const r = parse(SAMPLE);
  assert.ok(r.ok);
  assert.equal(r.value.start_time.iso, '2024-07-01T10:00:00.000000Z');
  assert.equal(r.value.end_time, undefined);
  assert.deepEqual(r.value.themes, []);
  const min = parse({ title: 't', text: 'x', start_time: '2024-01-01' });
  assert.ok(min.ok);
  assert.deepEqual(
    { ...min.value, start_time: min.value.start_time.iso },
    {
      title: 't',
      text: 'x',
      start_time: '2024-01-01T00:00:00.000000Z',
      email_address: '',
      short_description: '',
      reported_by: '',
      event_type: '',
      published: false,
      ASNs: [],
      CCs: [],
      themes: [],
      tags: [],
      test_names: [],
      domains: [],
      links: [],
    },
  );
});

test('title and text must not be empty; start_time is required', () => {
  assert.match(problem({ ...SAMPLE, title: '' }), /^title: field cannot be empty$/);
  assert.match(problem({ ...SAMPLE, text: '' }), /^text: field cannot be empty$/);
  const { start_time: _, ...noStart } = SAMPLE;
  assert.match(problem(noStart), /^start_time: /);
  const { title: __, ...noTitle } = SAMPLE;
  assert.match(problem(noTitle), /^title: /);
});

test('end_time not before start_time, compared at whole seconds', () => {
  assert.match(problem({ ...SAMPLE, end_time: '2024-07-01T09:59:00Z' }), /^end_time: invalid start and end time$/);
  assert.ok(parse({ ...SAMPLE, end_time: '2024-07-01T10:01:00Z' }).ok);
  assert.ok(parse({ ...SAMPLE, end_time: '2024-07-01T10:00:00Z' }).ok);
  assert.ok(parse({ ...SAMPLE, start_time: '2024-07-01T10:00:00.900Z', end_time: '2024-07-01T10:00:00.100Z' }).ok);
  assert.ok(parse({ ...SAMPLE, end_time: null }).ok);
  assert.match(problem({ ...SAMPLE, end_time: '' }), /^end_time: not an ISO 8601 datetime/);
});

test('ASNs are integers, CCs two-letter codes (upper-cased), lists are lists of strings', () => {
  assert.deepEqual((parse({ ...SAMPLE, ASNs: [1234, 0, 4294967295] }) as { value: { ASNs: number[] } }).value.ASNs, [1234, 0, 4294967295]);
  for (const ASNs of [['1234'], [1.5], [-1], [4294967296], ['AS1234'], 1234, null])
    assert.match(problem({ ...SAMPLE, ASNs }), /^ASNs/, JSON.stringify(ASNs));
  assert.deepEqual((parse({ ...SAMPLE, CCs: ['it', 'Gr'] }) as { value: { CCs: string[] } }).value.CCs, ['IT', 'GR']);
  for (const CCs of [['ITA'], [''], [1], 'IT']) assert.match(problem({ ...SAMPLE, CCs }), /^CCs/, JSON.stringify(CCs));
  for (const field of ['themes', 'tags', 'test_names', 'domains', 'links']) {
    assert.match(problem({ ...SAMPLE, [field]: [1] }), new RegExp(`^${field}\\.0: `));
    assert.match(problem({ ...SAMPLE, [field]: 'x' }), new RegExp(`^${field}: `));
  }
});

test('types: published a boolean, id a string; unknown keys (what show answers) ignored; shown times checked', () => {
  assert.match(problem({ ...SAMPLE, published: 'true' }), /^published: /);
  assert.match(problem({ ...SAMPLE, id: 1234 }), /^id: /);
  const echoed = parse({
    ...SAMPLE,
    id: '1234',
    mine: true,
    creator_account_id: '',
    create_time: '2024-07-01T10:00:00.000000Z',
    slug: '2024-x',
    extra: 1,
  });
  assert.ok(echoed.ok);
  assert.equal(echoed.value.id, '1234');
  assert.ok(!('extra' in echoed.value));
  assert.match(problem({ ...SAMPLE, update_time: 'soon' }), /^update_time: /);
});

test('not JSON, or not an object → a message, never a throw', () => {
  for (const text of ['', '{', 'null', '[]', '"x"', '12']) {
    const r = parseBody(findingBody, text);
    assert.equal(r.ok, false, text);
  }
});

test('publish and delete bodies: {id} and {id, email_address}', () => {
  assert.deepEqual(parseBody(findingIdBody, '{"id":"12"}'), { ok: true, value: { id: '12' } });
  assert.deepEqual(parseBody(findingIdBody, '{}'), { ok: true, value: {} });
  assert.deepEqual(parseBody(findingDeleteBody, '{"id":"12"}'), { ok: true, value: { id: '12', email_address: '' } });
  assert.equal(parseBody(findingIdBody, '{"id":12}').ok, false);
});
