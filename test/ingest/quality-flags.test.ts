// Data-quality flags through the real API, workflow and worker: an upload whose submitting address
// (X-Forwarded-For behind one trusted proxy) the IP database places elsewhere than the probe says
// is accepted and flagged `geoip`; a start time hours from the receive time is flagged
// `clock_drift`; the measurements of a (cc, asn, software) minute beyond the threshold are
// flagged `volume`. Re-running the insert activity adds nothing. The flags are queryable.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { insertFastpathRow } from '../../activities/measurement/insert-row.ts';
import { scoreMeasurement } from '../../activities/measurement/score.ts';
import { dataQualityFlags, fastpath, uploads } from '../../drizzle/schema.ts';
import { eq } from 'drizzle-orm';
import { postJson, signal, type Measurement } from '../helpers/measurements.ts';
import { createTestPipeline, eventually, type TestPipeline } from '../helpers/pipeline.ts';

const VOLUME_THRESHOLD = 3;
let p: TestPipeline;

before(async () => {
  p = await createTestPipeline('quality-flags', { TRUSTED_PROXY_HOPS: '1', QUALITY_VOLUME_THRESHOLD: String(VOLUME_THRESHOLD) });
  await p.startWorker();
});
after(async () => {
  await p?.close();
});

const sqlTime = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');
let uploadsMade = 0;
/** A signal measurement started at `start` with the given claims; a distinct test_runtime makes every body (so every upload) distinct. */
const measurement = (start: Date, claims: Partial<Measurement> = {}): Measurement => ({
  ...signal(),
  measurement_start_time: sqlTime(start),
  test_start_time: sqlTime(start),
  test_runtime: 0.5 + ++uploadsMade / 1000,
  ...claims,
});

async function upload(m: Measurement, from?: string): Promise<string> {
  const { report_id: _r, ...content } = m;
  const res = await postJson(
    `${p.baseUrl}/api/v1/submit_measurement`,
    { format: 'json', content: JSON.stringify(content) },
    from ? { 'x-forwarded-for': from } : {},
  );
  assert.equal(res.status, 200, res.text);
  const uid = res.json.measurement_uid as string;
  await eventually(
    'the fastpath row',
    async () => ((await p.database.db.select().from(fastpath).where(eq(fastpath.measurementUid, uid))).length ? true : undefined),
    60_000,
  );
  return uid;
}

const flagsQuery = async (q: string): Promise<any> => (await fetch(`${p.baseUrl}/api/v1/quality_flags?${q}`)).json();
const flagsOf = (uid: string) => p.database.db.select().from(dataQualityFlags).where(eq(dataQualityFlags.measurementUid, uid));

test('a submitter placed elsewhere than the probe claims: accepted, stored and flagged geoip', { timeout: 120_000 }, async () => {
  // 8.8.8.8 is Google (AS15169, US) in every IP database; the signal fixture claims IT / AS30722
  const uid = await upload(measurement(new Date()), '8.8.8.8');
  const flags = await flagsOf(uid);
  assert.deepEqual(
    flags.map((f) => f.type),
    ['geoip'],
  );
  const [flag] = flags;
  assert.equal(flag!.probeCc, 'IT');
  assert.equal(flag!.probeAsn, 30722);
  assert.deepEqual(flag!.details, {
    submitter_cc: 'US',
    submitter_asn: 15169,
    probe_cc: 'IT',
    probe_asn: 30722,
    cc_mismatch: true,
    asn_mismatch: true,
    software_name: 'miniooni',
    software_version: signal()['software_version'],
    platform: (signal()['annotations'] as { platform: string }).platform,
  });
});

test('a submitter where the probe says it is, or one the database cannot place: no geoip flag', { timeout: 120_000 }, async () => {
  // 151.99.1.1 is Telecom Italia (AS3269, IT): the same claims → no flag
  const same = await upload(measurement(new Date(Date.now() - 1000), { probe_asn: 'AS3269' }), '151.99.1.1');
  assert.deepEqual(await flagsOf(same), []);
  // no X-Forwarded-For: the socket's peer is 127.0.0.1, a bogon, which is never compared
  const local = await upload(measurement(new Date(Date.now() - 2000)));
  assert.deepEqual(await flagsOf(local), []);
  // only the country differs: a US address claiming US with another network → asn_mismatch alone
  const asnOnly = await upload(measurement(new Date(Date.now() - 3000), { probe_cc: 'US' }), '8.8.8.8');
  const [flag] = await flagsOf(asnOnly);
  assert.equal(flag?.type, 'geoip');
  assert.equal((flag!.details as Record<string, unknown>).cc_mismatch, false);
  assert.equal((flag!.details as Record<string, unknown>).asn_mismatch, true);
});

test('a start time more than an hour from the receive time is flagged clock_drift, either way', { timeout: 120_000 }, async () => {
  const before = Date.now();
  const late = await upload(measurement(new Date(before - 2 * 3600_000)));
  const ahead = await upload(measurement(new Date(before + 90 * 60_000)));
  const near = await upload(measurement(new Date(before - 50 * 60_000)));
  const [l] = await flagsOf(late);
  const [a] = await flagsOf(ahead);
  assert.equal(l?.type, 'clock_drift');
  assert.equal(a?.type, 'clock_drift');
  const ld = l!.details as Record<string, number | string>;
  const ad = a!.details as Record<string, number | string>;
  // start − receive, in seconds; the upload took some seconds at most
  assert.ok((ld.diff_seconds as number) <= -7200 && (ld.diff_seconds as number) > -7200 - 60, String(ld.diff_seconds));
  assert.equal(ld.direction, 'start_before_receipt');
  assert.ok((ad.diff_seconds as number) <= 5400 && (ad.diff_seconds as number) > 5400 - 60, String(ad.diff_seconds));
  assert.equal(ad.direction, 'start_after_receipt');
  assert.equal(ld.threshold, 3600);
  assert.deepEqual(await flagsOf(near), []);
});

test(
  'volume: measurements of one (cc, asn, software) minute beyond the threshold are flagged; a re-run adds nothing',
  { timeout: 180_000 },
  async () => {
    // a minute of its own (an hour ago, inside the clock-drift limit) for a network no other test uses
    const minute = new Date(Math.floor((Date.now() - 30 * 60_000) / 60_000) * 60_000);
    const uids: string[] = [];
    for (let i = 0; i < VOLUME_THRESHOLD + 2; i++)
      uids.push(await upload(measurement(new Date(minute.getTime() + i * 1000), { probe_asn: 'AS64499' })));
    // another software in the same minute and network is counted apart
    const other = await upload(measurement(new Date(minute.getTime() + 30_000), { probe_asn: 'AS64499', software_name: 'ooniprobe-android' }));
    const types = await Promise.all(uids.map(async (u) => (await flagsOf(u)).map((f) => f.type)));
    assert.deepEqual(types, [[], [], [], ['volume'], ['volume']]);
    assert.deepEqual(await flagsOf(other), []);
    const [last] = await flagsOf(uids[4]!);
    assert.deepEqual(last!.details, {
      start_time: minute.toISOString(),
      end_time: new Date(minute.getTime() + 60_000).toISOString(),
      probe_cc: 'IT',
      probe_asn: 64499,
      total: 5,
      threshold: VOLUME_THRESHOLD,
      software_name: 'miniooni',
      software_version: signal()['software_version'],
      platform: (signal()['annotations'] as { platform: string }).platform,
    });

    // the insert activity run again with the same input (a retry after a lost acknowledgement)
    const [claim] = await p.database.db.select().from(uploads).where(eq(uploads.measurementUid, uids[4]!));
    const scored = await scoreMeasurement(p.activityDeps)({ uid: uids[4]!, objectKey: claim!.objectKey });
    assert.ok(scored.ok);
    const flagsBefore = await p.database.db.select().from(dataQualityFlags).orderBy(dataQualityFlags.measurementUid, dataQualityFlags.type);
    await insertFastpathRow(p.activityDeps)({
      row: scored.row,
      fingerprintsVersion: scored.fingerprintsVersion,
      receivedAt: claim!.receivedAt.toISOString(),
    });
    const flagsAfter = await p.database.db.select().from(dataQualityFlags).orderBy(dataQualityFlags.measurementUid, dataQualityFlags.type);
    assert.deepEqual(flagsAfter, flagsBefore);
  },
);

test('GET /api/v1/quality_flags: filters by type, cc, asn and uid; bad values are 4xx with a code', { timeout: 60_000 }, async () => {
  const all = await flagsQuery(`limit=1000`);
  assert.ok(all.results.length >= 5);
  const geoip = await flagsQuery(`type=geoip`);
  assert.ok(geoip.results.length >= 2);
  for (const r of geoip.results) assert.equal(r.type, 'geoip');
  const volume = await flagsQuery(`type=volume&probe_asn=AS64499&probe_cc=it`);
  assert.equal(volume.results.length, 2);
  assert.deepEqual(Object.keys(volume.results[0]).sort(), [
    'details',
    'flagged_at',
    'measurement_start_time',
    'measurement_uid',
    'probe_asn',
    'probe_cc',
    'type',
  ]);
  const one = await flagsQuery(`measurement_uid=${volume.results[0].measurement_uid}`);
  assert.deepEqual(one.results, [volume.results[0]]);
  const none = await flagsQuery(`type=volume&probe_asn=1`);
  assert.deepEqual(none.results, []);
  for (const [q, code] of [
    ['type=bogus', 'invalid_parameter'],
    ['probe_cc=ITA', 'invalid_parameter'],
    ['limit=0', 'invalid_parameter'],
    ['since=yesterday', 'invalid_parameter'],
    ['since=2024-02-01&until=2024-01-01', 'invalid_parameter'],
  ] as const) {
    const res = await fetch(`${p.baseUrl}/api/v1/quality_flags?${q}`);
    assert.equal(res.status, 422, q);
    assert.equal(((await res.json()) as { error: string }).error, code, q);
  }
});
