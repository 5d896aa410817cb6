// Each bad-input class of the reference gets its 4xx and stable code, and nothing is stored.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { compress, init } from '@bokuweb/zstd-wasm';
import { uploads } from '../../drizzle/schema.ts';
import { createTestPipeline, type TestPipeline } from '../helpers/pipeline.ts';
import { openReport, postJson, signal } from '../helpers/measurements.ts';

let p: TestPipeline;
let reportId: string;

before(async () => {
  p = await createTestPipeline('bad-input', { MAX_BODY_BYTES: String(256 * 1024), MAX_DECOMPRESSED_BYTES: String(1024 * 1024) });
  reportId = await openReport(p.baseUrl, signal());
});
after(async () => {
  await p?.close();
});

const content = () => ({ ...signal(), report_id: reportId });

const cases: Array<[string, () => Promise<{ status: number; json: any }>, number, string]> = [
  ['malformed report_id', () => postJson(`${p.baseUrl}/report/not_a_report_id`, { format: 'json', content: content() }), 400, 'invalid_report_id'],
  [
    'path traversal in report_id',
    () => postJson(`${p.baseUrl}/report/..%2F..%2Fetc`, { format: 'json', content: content() }),
    400,
    'invalid_report_id',
  ],
  ['invalid JSON', () => postJson(`${p.baseUrl}/report/${reportId}`, '{"format": "json", "content": {'), 400, 'invalid_json'],
  ['invalid UTF-8', () => postJson(`${p.baseUrl}/report/${reportId}`, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 400, 'invalid_json'],
  ['JSON that is not an object', () => postJson(`${p.baseUrl}/report/${reportId}`, '[1,2]'), 400, 'not_a_json_object'],
  ['format yaml', () => postJson(`${p.baseUrl}/report/${reportId}`, { format: 'yaml', content: 'a: b' }), 400, 'unsupported_format'],
  ['content not an object', () => postJson(`${p.baseUrl}/report/${reportId}`, { format: 'json', content: 42 }), 400, 'invalid_content'],
  [
    'body cc differs from report_id',
    () => postJson(`${p.baseUrl}/report/${reportId}`, { format: 'json', content: { ...content(), probe_cc: 'DE' } }),
    400,
    'inconsistent_measurement',
  ],
  [
    'body test differs from report_id',
    () => postJson(`${p.baseUrl}/report/${reportId}`, { format: 'json', content: { ...content(), test_name: 'telegram' } }),
    400,
    'inconsistent_measurement',
  ],
  [
    'missing test_name',
    () => postJson(`${p.baseUrl}/api/v1/submit_measurement`, { format: 'json', content: JSON.stringify({ ...signal(), test_name: undefined }) }),
    422,
    'missing_metadata',
  ],
  [
    'lower-case cc',
    () => postJson(`${p.baseUrl}/api/v1/submit_measurement`, { format: 'json', content: JSON.stringify({ ...signal(), probe_cc: 'it' }) }),
    400,
    'bad_metadata',
  ],
  [
    'separator in test_name',
    () => postJson(`${p.baseUrl}/api/v1/submit_measurement`, { format: 'json', content: JSON.stringify({ ...signal(), test_name: 'sig/../nal' }) }),
    400,
    'bad_metadata',
  ],
  ['content string not JSON', () => postJson(`${p.baseUrl}/api/v1/submit_measurement`, { format: 'json', content: '{nope' }), 400, 'invalid_content'],
  [
    'unknown content encoding',
    () => postJson(`${p.baseUrl}/report/${reportId}`, { format: 'json', content: content() }, { 'content-encoding': 'br' }),
    415,
    'unsupported_encoding',
  ],
  [
    'broken zstd',
    () => postJson(`${p.baseUrl}/report/${reportId}`, new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]), { 'content-encoding': 'zstd' }),
    400,
    'invalid_zstd',
  ],
  [
    'zstd bomb',
    async () => {
      await init();
      // slice: the result is a view into the wasm memory, which later calls may reuse
      const bomb = compress(new Uint8Array(64 * 1024 * 1024), 19).slice();
      return postJson(`${p.baseUrl}/report/${reportId}`, bomb, { 'content-encoding': 'zstd' });
    },
    413,
    'body_too_large',
  ],
  // Last: the server answers 413 without reading the body and closes that connection.
  [
    'body over the cap',
    () => postJson(`${p.baseUrl}/report/${reportId}`, { format: 'json', content: { ...content(), pad: 'x'.repeat(300 * 1024) } }),
    413,
    'body_too_large',
  ],
];

test('a report_id with CC ZZ is answered 200 {} and discarded, as OONI does', async () => {
  const zz = '20250101T000000Z_signal_ZZ_30722_n0_abcdefghijklmnop';
  const res = await postJson(`${p.baseUrl}/report/${zz}`, { format: 'json', content: { ...signal(), report_id: zz, probe_cc: 'ZZ' } });
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, {});
});

for (const [name, send, status, code] of cases) {
  test(`${name}: ${status} ${code}`, async () => {
    const res = await send();
    assert.equal(res.status, status, JSON.stringify(res.json));
    assert.equal(res.json?.error, code);
    assert.equal(typeof res.json?.message, 'string');
  });
}

test('none of the bad inputs stored anything', async () => {
  assert.equal((await p.database.db.select().from(uploads)).length, 0);
  const keys: string[] = [];
  for await (const o of p.store.list('')) keys.push(o.Key ?? '');
  assert.deepEqual(keys, []);
});
