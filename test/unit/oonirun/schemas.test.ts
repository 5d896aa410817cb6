// The OONI Run request bodies as OONI's models read them: defaults, limits, dates, run metadata;
// and /openapi.json documents exactly these schemas.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { openApiDocument } from '../../../api/query/openapi.ts';
import { linkBodySchema, runMetaSchema } from '../../../api/oonirun/schemas.ts';

const LINK = {
  name: 'integ-test name in English',
  short_description: 'integ-test short description in English',
  description: 'integ-test description in English',
  author: 'oonitarian@example.com',
  nettests: [{ test_name: 'web_connectivity', inputs: ['https://example.com/'] }],
};

test('a minimal link gets the optional fields as null and the nettest defaults', () => {
  const body = linkBodySchema.parse(LINK);
  assert.deepEqual(body, {
    ...LINK,
    nettests: [
      {
        test_name: 'web_connectivity',
        inputs: ['https://example.com/'],
        inputs_extra: null,
        options: {},
        is_background_run_enabled_default: false,
        is_manual_run_enabled_default: false,
        targets_name: null,
      },
    ],
    name_intl: null,
    short_description_intl: null,
    description_intl: null,
    icon: null,
    color: null,
  });
  // keys OONI's answers carry (an edit may send a fetched link back) are dropped
  const echoed = linkBodySchema.parse({ ...LINK, oonirun_link_id: '10000', is_mine: true, revision: '2', date_created: 'x' });
  assert.ok(!('oonirun_link_id' in echoed) && !('revision' in echoed));
});

test('expiration_date: ISO 8601 with or without offset (naive = UTC), fractions as OONI renders them', () => {
  const at = (expiration_date: string) => linkBodySchema.parse({ ...LINK, expiration_date }).expiration_date?.toISOString();
  assert.equal(at('2024-07-13T12:00:00.000000Z'), '2024-07-13T12:00:00.000Z');
  assert.equal(at('2024-07-13T12:00:00'), '2024-07-13T12:00:00.000Z');
  assert.equal(at('2024-07-13T14:00:00+02:00'), '2024-07-13T12:00:00.000Z');
  assert.equal(at('2024-07-13T14:00+0200'), '2024-07-13T12:00:00.000Z');
  assert.equal(at('2024-07-13 12:00:00.5Z'), '2024-07-13T12:00:00.500Z');
  for (const bad of ['2024-02-30T00:00:00Z', 'tomorrow', '2024-07-13', '1720872000', '2024-13-01T00:00:00Z']) {
    assert.equal(linkBodySchema.safeParse({ ...LINK, expiration_date: bad }).success, false, bad);
  }
});

test('every limit of the link body', () => {
  const bad: [string, Record<string, unknown>][] = [
    ['empty name', { name: '' }],
    ['1-char name', { name: 'x' }],
    ['51-char name', { name: 'x'.repeat(51) }],
    ['no author', { author: undefined }],
    ['101-char author', { author: 'x'.repeat(101) }],
    ['201-char short description', { short_description: 'x'.repeat(201) }],
    ['1-char description', { description: 'x' }],
    ['empty translation', { name_intl: { it: '' } }],
    ['color without #', { color: '1a2b3c' }],
    ['short color', { color: '#fff' }],
    ['no nettests', { nettests: [] }],
    ['nettests not a list', { nettests: {} }],
    ['nettest without test_name', { nettests: [{ inputs: [] }] }],
    ['inputs not strings', { nettests: [{ test_name: 'web_connectivity', inputs: [1] }] }],
    ['inputs_extra length', { nettests: [{ test_name: 'web_connectivity', inputs: ['a'], inputs_extra: [{}, {}] }] }],
    ['targets_name and inputs', { nettests: [{ test_name: 'web_connectivity', inputs: [], targets_name: 'websites_list_prioritized' }] }],
    ['options not an object', { nettests: [{ test_name: 'web_connectivity', options: [] }] }],
    ['boolean as string', { nettests: [{ test_name: 'web_connectivity', is_manual_run_enabled_default: 'yes' }] }],
    ['NUL in a name', { name: 'a\u0000b' }],
    ['NUL in an option', { nettests: [{ test_name: 'web_connectivity', options: { k: ['a\u0000'] } }] }],
    ['NUL in a translation key', { name_intl: { 'i\u0000t': 'nome' } }],
  ];
  for (const [why, change] of bad) assert.equal(linkBodySchema.safeParse({ ...LINK, ...change }).success, false, why);
  assert.equal(linkBodySchema.safeParse({ ...LINK, name_intl: null, color: '#A1b2C3', icon: 'myicon' }).success, true);
});

test('run metadata of the engine descriptor', () => {
  const meta = { run_type: 'timed', is_charging: true, probe_asn: 'AS1234', probe_cc: 'VE', network_type: 'wifi' };
  assert.deepEqual(runMetaSchema.parse(meta), { ...meta, website_category_codes: [] });
  assert.equal(runMetaSchema.parse({ ...meta, probe_asn: '1234' }).probe_asn, '1234');
  for (const nt of ['vpn', 'wifi', 'mobile', 'wired_ethernet', 'no_internet', 'bluetooth', 'usb', 'unknown']) {
    assert.equal(runMetaSchema.safeParse({ ...meta, network_type: nt }).success, true, nt);
  }
  for (const change of [
    { run_type: 'bad' },
    { network_type: 'bad' },
    { is_charging: 'true' },
    { probe_asn: 'ASX' },
    { probe_asn: 'AS12345678901' },
    { probe_cc: 'VEN' },
    { website_category_codes: ['news'] },
    { website_category_codes: 'NEWS' },
    { run_type: undefined },
  ]) {
    assert.equal(runMetaSchema.safeParse({ ...meta, ...change }).success, false, JSON.stringify(change));
  }
});

test('/openapi.json documents the OONI Run bodies with the schemas the routes parse with', () => {
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, any>> };
  const input = (s: z.ZodType) => {
    const { $schema: _, ...json } = z.toJSONSchema(s, { io: 'input' });
    return json;
  };
  const bodyOf = (path: string, method: string) => doc.paths[path]![method].requestBody.content['application/json'].schema;
  assert.deepEqual(bodyOf('/api/v2/oonirun/links', 'post'), input(linkBodySchema));
  assert.deepEqual(bodyOf('/api/v2/oonirun/links/{oonirun_link_id}', 'put'), input(linkBodySchema));
  assert.deepEqual(bodyOf('/api/v2/oonirun/links/{oonirun_link_id}/engine-descriptor/{revision}', 'post'), input(runMetaSchema));
  assert.deepEqual(
    doc.paths['/api/v2/oonirun/links']!.get.parameters.map((p: { name: string }) => p.name),
    ['is_mine', 'is_expired'],
  );
  assert.deepEqual(doc.paths['/api/v2/oonirun/links']!.post.requestBody.content['application/json'].schema.required.sort(), [
    'author',
    'description',
    'name',
    'nettests',
    'short_description',
  ]);
});

test('free-form values (options, inputs_extra) nest at most 32 levels, however deep the input', () => {
  const nest = (depth: number): unknown => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
  const withOptions = (options: unknown) => ({ ...LINK, nettests: [{ test_name: 'web_connectivity', options }] });
  assert.equal(linkBodySchema.safeParse(withOptions(nest(32))).success, true);
  assert.equal(linkBodySchema.safeParse(withOptions(nest(33))).success, false);
  const deep = linkBodySchema.safeParse(withOptions(nest(100_000)));
  assert.equal(deep.success, false);
  assert.match(deep.error!.issues[0]!.message, /deeper than 32/);
  const extra = { ...LINK, nettests: [{ test_name: 'web_connectivity', inputs: ['a'], inputs_extra: [nest(100_000)] }] };
  assert.equal(linkBodySchema.safeParse(extra).success, false);
});
