// raw_measurement, measurement/{uid} and measurement_meta: lookups, the raw body round trip
// through S3 (.post wrapper), and the reference measurement's metadata as OONI's tests assert it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { incomingKey } from '../../domain/s3-keys.ts';
import { citizenlab, fastpath, staged } from '../../drizzle/schema.ts';
import { createQueryHarness, fpRow, type QueryHarness } from '../helpers/query/harness.ts';

const fx = JSON.parse(readFileSync(new URL('../fixtures/query/reference-measurement.json', import.meta.url), 'utf8'));
const asRow = (r: any) => fpRow({ ...r, measurementStartTime: new Date(r.measurementStartTime), testStartTime: new Date(r.testStartTime) });
const REF = fx.fastpath.measurementUid as string;
const NO_INPUT = fx.noInput.measurementUid as string;
const enc = new TextEncoder();

let h: QueryHarness;
const stagedRow = fpRow({ measurementStartTime: new Date('2024-01-14T10:00:00Z'), probeCc: 'IT', testName: 'dnscheck' });
const stringContentRow = fpRow({ measurementStartTime: new Date('2024-01-14T11:00:00Z'), probeCc: 'IT', testName: 'ndt' });
const asn0Row = fpRow({ measurementStartTime: new Date('2024-01-14T12:00:00Z'), probeAsn: 0 });
const missingBodyRow = fpRow({ measurementStartTime: new Date('2024-01-14T13:00:00Z') });

before(async () => {
  h = await createQueryHarness();
  await h.db.db.insert(fastpath).values([asRow(fx.fastpath), asRow(fx.noInput), stagedRow, stringContentRow, asn0Row, missingBodyRow]);
  await h.db.db.insert(citizenlab).values(fx.citizenlab);
  // the reference body at the key derived from its uid (not staged)
  await h.store.put(incomingKey(REF), enc.encode(JSON.stringify({ format: 'json', content: fx.rawBody })));
  // a staged body at a key of its own
  await h.db.db.insert(staged).values({
    measurementUid: stagedRow.measurementUid!,
    bucketHour: new Date('2024-01-14T10:00:00Z'),
    probeCc: 'IT',
    testName: 'dnscheck',
    reportId: stagedRow.reportId!,
    input: '',
    objectKey: 'elsewhere/staged-body.post',
  });
  await h.store.put('elsewhere/staged-body.post', enc.encode(JSON.stringify({ format: 'json', content: { test_name: 'dnscheck', n: 1 } })));
  // content given as a JSON string: its exact text is the body
  await h.store.put(
    incomingKey(stringContentRow.measurementUid!),
    enc.encode(JSON.stringify({ format: 'json', content: '{"test_name":"ndt", "spaced": true}' })),
  );
});
after(() => h.close());

describe('raw_measurement', () => {
  test('by uid and by report_id + input: the content object with 20 keys', async () => {
    for (const q of [`measurement_uid=${REF}`, `report_id=${fx.fastpath.reportId}&input=${encodeURIComponent(fx.fastpath.input)}`]) {
      const { status, body, res } = await h.json(`/api/v1/raw_measurement?${q}`);
      assert.equal(status, 200);
      assert.equal(res.headers.get('Content-Type'), 'application/json');
      assert.equal(res.headers.get('Cache-Control'), 'max-age=86400');
      assert.deepEqual(body, fx.rawBody);
      assert.equal(Object.keys(body).length, 20);
    }
  });

  test('staged object key is used when the measurement is staged', async () => {
    const { body } = await h.json(`/api/v1/raw_measurement?measurement_uid=${stagedRow.measurementUid}`);
    assert.deepEqual(body, { test_name: 'dnscheck', n: 1 });
  });

  test('string content is returned byte for byte', async () => {
    const res = await h.get(`/api/v1/raw_measurement?measurement_uid=${stringContentRow.measurementUid}`);
    assert.equal(await res.text(), '{"test_name":"ndt", "spaced": true}');
  });

  test('unknown uid, or probe_asn 0 → 200 {}', async () => {
    for (const uid of ['20990101000000.000000_IT_webconnectivity_0000000000000000', asn0Row.measurementUid]) {
      const { status, body } = await h.json(`/api/v1/raw_measurement?measurement_uid=${uid}`);
      assert.equal(status, 200);
      assert.deepEqual(body, {});
    }
  });

  test('known measurement without a stored body → 404 raw_measurement_not_found', async () => {
    const { status, body } = await h.json(`/api/v1/raw_measurement?measurement_uid=${missingBodyRow.measurementUid}`);
    assert.equal(status, 404);
    assert.equal(body.error, 'raw_measurement_not_found');
  });

  test('no parameters → 400; short values → 422', async () => {
    let r = await h.json('/api/v1/raw_measurement');
    assert.equal(r.status, 400);
    assert.equal(r.body.error, 'missing_parameter');
    assert.match(r.body.message, /Either report_id or measurement_uid must be provided/);
    r = await h.json('/api/v1/raw_measurement?measurement_uid=ab');
    assert.equal(r.status, 422);
  });
});

describe('measurement/{uid}', () => {
  test('the body in probe formats; download adds Content-Disposition', async () => {
    let res = await h.get(`/api/v1/measurement/${REF}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('Content-Disposition'), null);
    assert.equal(res.headers.get('Cache-Control'), 'max-age=3600');
    const body: any = await res.json();
    assert.equal(body.measurement_start_time, '2021-07-09 00:55:13');
    assert.equal(body.probe_asn, 'AS4818');
    assert.equal(body.probe_cc, 'MY');
    res = await h.get(`/api/v1/measurement/${REF}?download=TRUE`);
    assert.equal(res.headers.get('Content-Disposition'), `attachment; filename=ooni_measurement-${REF}.json`);
    assert.equal(((await res.json()) as any).probe_asn, 'AS4818');
  });

  test('malformed uid → 400; unknown uid → 404', async () => {
    let r = await h.json('/api/v1/measurement/temp-id-999999999999999999');
    assert.equal(r.status, 400);
    assert.equal(r.body.error, 'invalid_measurement_uid');
    r = await h.json('/api/v1/measurement/20990101000000.000000_IT_webconnectivity_0000000000000000');
    assert.equal(r.status, 404);
    assert.equal(r.body.error, 'measurement_not_found');
  });
});

describe('measurement_meta', () => {
  const expectedMeta = {
    anomaly: true,
    category_code: '',
    confirmed: false,
    failure: false,
    input: 'https://www.backtrack-linux.org/',
    measurement_start_time: '2021-07-09T00:55:13Z',
    measurement_uid: REF,
    probe_asn: 4818,
    probe_cc: 'MY',
    report_id: '20210709T004340Z_webconnectivity_MY_4818_n1_YCM7J9mGcEHds2K3',
    scores: fx.fastpath.scores,
    test_name: 'web_connectivity',
    test_start_time: '2021-07-09T00:43:40Z',
    verification_status: 'unverified',
  };

  test('by report_id + input and by uid: exactly the reference object', async () => {
    const a = await h.json(`/api/v1/measurement_meta?report_id=${expectedMeta.report_id}&input=${encodeURIComponent(expectedMeta.input)}`);
    assert.equal(a.status, 200);
    assert.equal(a.res.headers.get('Cache-Control'), 'max-age=60');
    assert.deepEqual(a.body, expectedMeta);
    const b = await h.json(`/api/v1/measurement_meta?measurement_uid=${REF}`);
    assert.deepEqual(b.body, expectedMeta);
  });

  test('full=true adds the raw body as a string (round trip through S3)', async () => {
    for (const full of ['true', '1', 'YES']) {
      const { body } = await h.json(`/api/v1/measurement_meta?measurement_uid=${REF}&full=${full}`);
      assert.equal(typeof body.raw_measurement, 'string');
      assert.deepEqual(JSON.parse(body.raw_measurement), fx.rawBody);
      const { raw_measurement: _, ...rest } = body;
      assert.deepEqual(rest, expectedMeta);
    }
  });

  test('full=true without a stored body → raw_measurement ""', async () => {
    const { body } = await h.json(`/api/v1/measurement_meta?measurement_uid=${missingBodyRow.measurementUid}&full=true`);
    assert.equal(body.raw_measurement, '');
    assert.equal(body.measurement_uid, missingBodyRow.measurementUid);
  });

  test('category code from the lists', async () => {
    const row = fpRow({ measurementStartTime: new Date('2024-01-10T00:00:00Z'), input: 'http://ncac.org/', domain: 'ncac.org' });
    await h.db.db.insert(fastpath).values(row);
    const { body } = await h.json(`/api/v1/measurement_meta?measurement_uid=${row.measurementUid}`);
    assert.equal(body.category_code, 'NEWS');
  });

  test('report_id without input: the no-input row, category_code null', async () => {
    const { body } = await h.json(`/api/v1/measurement_meta?report_id=${fx.noInput.reportId}`);
    assert.equal(body.measurement_uid, NO_INPUT);
    assert.equal(body.input, '');
    assert.equal(body.category_code, null);
  });

  test('not found → {} (and {raw_measurement: ""} with full); asn 0 counts as not found', async () => {
    let r = await h.json('/api/v1/measurement_meta?measurement_uid=20990101000000.000000_IT_webconnectivity_0000000000000000');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, {});
    r = await h.json('/api/v1/measurement_meta?report_id=20990101T000000Z_webconnectivity_IT_1_n1_xxxxxxxxxxxxxxxx&full=true');
    assert.deepEqual(r.body, { raw_measurement: '' });
    r = await h.json(`/api/v1/measurement_meta?measurement_uid=${asn0Row.measurementUid}`);
    assert.deepEqual(r.body, {});
  });

  test('errors: none of uid/report_id → 400; BOGUS or bad characters → 422 "Invalid report_id"', async () => {
    let r = await h.json('/api/v1/measurement_meta');
    assert.equal(r.status, 400);
    assert.equal(r.body.error, 'missing_parameter');
    for (const rid of ['BOGUS', '20210709T004340Z_webconnectivity_MY_4818+']) {
      r = await h.json(`/api/v1/measurement_meta?report_id=${encodeURIComponent(rid)}`);
      assert.equal(r.status, 422);
      assert.equal(r.body.error, 'invalid_parameter');
      assert.match(r.body.message, /Invalid report_id/);
    }
  });
});
