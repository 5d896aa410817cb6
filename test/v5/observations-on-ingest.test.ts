// v5 observations made in the measurement workflow: every fixture measurement uploaded through
// the probe API gets its observation rows stored as the transformer makes them, the §5.5 worked
// example row for row, and a measurement the transformer cannot read is recorded as faulty with
// its reason while its fastpath row is still stored.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { asc, eq } from 'drizzle-orm';
import { fastpath, obsHttpMiddlebox, obsWeb, obsWebCtrl, observationStatus } from '../../drizzle/schema.ts';
import { ipDatabase } from '../../lib/enrichment/index.ts';
import { TRANSFORMER_VERSION } from '../../domain/observations/version.ts';
import { webConnectivity, type Measurement } from '../helpers/measurements.ts';
import { createTestPipeline, type TestPipeline } from '../helpers/pipeline.ts';
import { uploadAndProcess } from '../helpers/v5.ts';
import { submitMeasurement } from '../helpers/measurements.ts';

const V5_DIR = fileURLToPath(new URL('../fixtures/v5/', import.meta.url));

let p: TestPipeline;

before(async () => {
  p = await createTestPipeline('v5-observe');
  await p.startWorker();
});
after(async () => p?.close());

const statusOf = async (uid: string) => (await p.database.db.select().from(observationStatus).where(eq(observationStatus.measurement_uid, uid)))[0];
const rowsOf = async (uid: string) => ({
  web: await p.database.db.select().from(obsWeb).where(eq(obsWeb.measurement_uid, uid)).orderBy(asc(obsWeb.observation_idx)),
  ctrl: await p.database.db.select().from(obsWebCtrl).where(eq(obsWebCtrl.measurement_uid, uid)).orderBy(asc(obsWebCtrl.observation_idx)),
  middlebox: await p.database.db.select().from(obsHttpMiddlebox).where(eq(obsHttpMiddlebox.measurement_uid, uid)),
});

test('§5.5 worked example: the archive.org measurement gives 3 obs_web and 3 obs_web_ctrl rows, as the reference lists them', async () => {
  const uid = await uploadAndProcess(p, webConnectivity());
  const { web, ctrl } = await rowsOf(uid);
  assert.equal(web.length, 3);
  assert.deepEqual(
    web.map((r) => [r.observation_idx, r.dns_engine, r.dns_query_type, r.dns_answer, r.ip, r.port, r.tcp_success]),
    [
      [1, 'system', 'A', '207.241.224.2', '207.241.224.2', 80, true],
      [2, null, null, null, null, null, null],
      [3, null, null, null, null, null, null],
    ],
  );
  assert.deepEqual(
    [web[1]!.http_request_url, web[1]!.http_response_status_code, web[1]!.http_request_redirect_from, web[1]!.http_response_header_server],
    ['http://lamanlabuh.aduankonten.id/', 200, 'http://archive.org', 'nginx/1.24.0 (Ubuntu)'],
  );
  assert.deepEqual([web[2]!.http_request_url, web[2]!.http_response_status_code], ['http://archive.org', 302]);
  for (const r of web) {
    assert.equal(r.probe_analysis, 'false');
    assert.equal(r.resolver_asn_probe, 1288);
    assert.equal(r.resolver_as_org_name_probe, 'Packet Clearing House, Inc.');
    assert.equal(r.origin, 'ooni-run');
    assert.equal(r.transformer_version, TRANSFORMER_VERSION);
  }
  assert.deepEqual(
    ctrl.map((r) => [r.observation_idx, r.ip, r.port, r.dns_success, r.tcp_success, r.tls_success, r.tls_server_name, r.http_response_body_length]),
    [
      [0, '207.241.224.2', 443, true, true, true, 'archive.org', null],
      [1, '207.241.224.2', 80, true, true, null, null, null],
      [2, '', null, null, null, null, null, 2997],
    ],
  );
  const status = await statusOf(uid);
  assert.equal(status?.status, 'observed');
  assert.equal(status?.hour, '2025-05-27 23:00:00');
  assert.deepEqual([status?.obs_web_rows, status?.obs_web_ctrl_rows, status?.obs_http_middlebox_rows], [3, 3, 0]);
  assert.equal(status?.enrichment_version, (await ipDatabase(undefined)).version, 'enriched with the packaged IP database');
});

test('every measurement of test/fixtures/v5 the API acknowledges is observed, its rows stored as counted', async () => {
  const files = readdirSync(V5_DIR).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 20, 'the fixture folder holds the nettest examples');
  const observed: string[] = [];
  for (const f of files) {
    const m = JSON.parse(readFileSync(`${V5_DIR}${f}`, 'utf8')) as Measurement;
    const res = await submitMeasurement(p.baseUrl, m);
    if (res.status !== 200) continue; // an example the probe API refuses (old format, bad ids): nothing to observe
    const uid = res.json.measurement_uid as string;
    await p.env.client.workflow.getHandle(`msmt-${uid}`).result();
    const [scored] = await p.database.db.select({ uid: fastpath.measurementUid }).from(fastpath).where(eq(fastpath.measurementUid, uid));
    if (!scored) continue; // rejected by validation or scoring: in faulty_measurements, not observed
    const status = await statusOf(uid);
    assert.equal(status?.status, 'observed', `${f}: ${status?.reason ?? 'no observation_status row'}`);
    const rows = await rowsOf(uid);
    assert.deepEqual(
      [rows.web.length, rows.ctrl.length, rows.middlebox.length],
      [status.obs_web_rows, status.obs_web_ctrl_rows, status.obs_http_middlebox_rows],
      f,
    );
    for (const r of [...rows.web, ...rows.ctrl, ...rows.middlebox]) assert.equal(r.measurement_uid, uid);
    observed.push(f);
  }
  assert.ok(observed.length >= 15, `observed ${observed.length} of ${files.length}: ${observed.join(', ')}`);
  assert.ok((await p.database.db.$count(obsWeb)) > 0);
});

test('a measurement the transformer cannot read is recorded as faulty with its reason; its fastpath row is stored; an upload after it is observed', async () => {
  const bad = { ...webConnectivity(), test_keys: null, measurement_start_time: '2025-05-28 01:02:03', test_start_time: '2025-05-28 01:02:00' };
  const uid = await uploadAndProcess(p, bad as unknown as Measurement);
  const [row] = await p.database.db.select().from(fastpath).where(eq(fastpath.measurementUid, uid));
  assert.ok(row, 'the fastpath row is stored');
  const status = await statusOf(uid);
  assert.equal(status?.status, 'faulty');
  assert.match(status?.reason ?? '', /test_keys/);
  assert.equal(status?.hour, '2025-05-28 01:00:00');
  const rows = await rowsOf(uid);
  assert.deepEqual([rows.web.length, rows.ctrl.length, rows.middlebox.length], [0, 0, 0]);

  const good = await uploadAndProcess(p, {
    ...webConnectivity(),
    measurement_start_time: '2025-05-28 01:05:03',
    test_start_time: '2025-05-28 01:05:00',
  });
  assert.equal((await statusOf(good))?.status, 'observed');
  assert.ok((await statusOf(good))!.seq > status!.seq, 'each write takes a new seq');
});
