// Uploads through the real API, workflows on the real Temporal server, rows in PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { compress, init } from '@bokuweb/zstd-wasm';
import { eq } from 'drizzle-orm';
import { fastpath, faultyMeasurements, staged, uploads } from '../../drizzle/schema.ts';
import { incomingKey } from '../../domain/s3-keys.ts';
import { measurementWorkflowId } from '../../client.ts';
import { createTestPipeline, eventually, type TestPipeline } from '../helpers/pipeline.ts';
import { legacyUpload, postJson, signal, submitMeasurement, webConnectivity } from '../helpers/measurements.ts';

let p: TestPipeline;

before(async () => {
  p = await createTestPipeline('upload');
  await p.startWorker();
});
after(async () => {
  await p?.close();
});

async function completedRun(uid: string) {
  const handle = p.env.client.workflow.getHandle(measurementWorkflowId(uid));
  const result = await handle.result();
  return { handle, result };
}

async function rowOf(uid: string) {
  const [row] = await p.database.db.select().from(fastpath).where(eq(fastpath.measurementUid, uid));
  return row;
}

test('legacy upload (open, submit, close) ends with a row, a staged entry and a findable run', async () => {
  const m = webConnectivity();
  const { reportId, body, res } = await legacyUpload(p.baseUrl, m);
  assert.equal(res.status, 200, res.text);
  const uid = res.json.measurement_uid as string;
  assert.match(uid, /^\d{14}\.\d{6}_ID_webconnectivity_[0-9a-f]{16}$/);
  const close = await postJson(`${p.baseUrl}/report/${reportId}/close`, {});
  assert.equal(close.status, 200);

  const stored = await p.store.get(incomingKey(uid));
  assert.ok(stored, 'raw body stored in S3');
  assert.deepEqual(JSON.parse(new TextDecoder().decode(stored)), body);

  const { result } = await completedRun(uid);
  assert.equal(result.status, 'scored');
  const row = await rowOf(uid);
  assert.equal(row?.reportId, reportId);
  assert.equal(row?.probeCc, 'ID');
  assert.equal(row?.testName, 'web_connectivity');
  assert.equal(row?.input, 'http://archive.org');
  const [stagedRow] = await p.database.db.select().from(staged).where(eq(staged.measurementUid, uid));
  assert.equal(stagedRow?.objectKey, incomingKey(uid));
  assert.equal(stagedRow?.sealedAt, null);

  const found = await eventually('the run in visibility', async () => {
    for await (const wf of p.env.client.workflow.list({ query: `measurement_uid = '${uid}'` })) return wf;
    return undefined;
  });
  assert.equal(found.workflowId, measurementWorkflowId(uid));
  assert.equal(found.status.name, 'COMPLETED');
});

test('submit_measurement (v3.30: content as a string, no report_id) ends with a row', async () => {
  const res = await submitMeasurement(p.baseUrl, signal());
  assert.equal(res.status, 200, res.text);
  const uid = res.json.measurement_uid as string;
  assert.match(uid, /_IT_signal_[0-9a-f]{16}$/);
  assert.match(res.json.report_id, /^\d{8}T\d{6}Z_signal_IT_30722_n0_[A-Za-z0-9]{16}$/);
  assert.equal(res.json.verification_status, 'unverified');
  await completedRun(uid);
  const row = await rowOf(uid);
  assert.equal(row?.reportId, res.json.report_id, 'the minted report_id is what the row holds');
  assert.equal(row?.testName, 'signal');
});

test('a zstd-compressed legacy upload is accepted', async () => {
  await init();
  const m = signal();
  const open = await legacyUpload(p.baseUrl, { ...m, measurement_start_time: '2023-12-01 10:25:00' });
  assert.equal(open.res.status, 200);
  const body = { format: 'json', content: { ...m, report_id: open.reportId, measurement_start_time: '2023-12-01 10:26:00' } };
  const zipped = compress(new TextEncoder().encode(JSON.stringify(body)), 3);
  const res = await postJson(`${p.baseUrl}/report/${open.reportId}`, zipped, { 'content-encoding': 'zstd' });
  assert.equal(res.status, 200, res.text);
  await completedRun(res.json.measurement_uid);
  assert.ok(await rowOf(res.json.measurement_uid));
});

test('a retried identical upload returns the same uid and creates nothing new', async () => {
  const m = webConnectivity();
  const { reportId, body, res } = await legacyUpload(p.baseUrl, { ...m, input: 'https://retry.example.org/' });
  assert.equal(res.status, 200);
  const again = await postJson(`${p.baseUrl}/report/${reportId}`, body);
  assert.equal(again.status, 200);
  assert.equal(again.json.measurement_uid, res.json.measurement_uid);
  await completedRun(res.json.measurement_uid);
  const rows = await p.database.db.select().from(fastpath).where(eq(fastpath.input, 'https://retry.example.org/'));
  assert.equal(rows.length, 1);
  const claims = await p.database.db.select().from(uploads).where(eq(uploads.measurementUid, res.json.measurement_uid));
  assert.equal(claims.length, 1);
  // Same bytes give the same hash suffix whatever the receive time: one object only.
  const hash = (res.json.measurement_uid as string).slice(-16);
  const objects: string[] = [];
  for await (const o of p.store.list('incoming/')) if (o.Key?.includes(hash)) objects.push(o.Key);
  assert.deepEqual(objects, [incomingKey(res.json.measurement_uid)]);
});

test('a stored body that fails deep validation ends in the faulty table, the run marked rejected', async () => {
  // The API refuses such bodies, so put one where the sweeper or an operator would find it.
  const uid = '20250101120000.000001_IT_signal_0123456789abcdef';
  await p.store.put(incomingKey(uid), new TextEncoder().encode('{"format":"json","content":{"test_name":"signal"}}'));
  const { startMeasurementWorkflow } = await import('../../client.ts');
  await startMeasurementWorkflow(p.env.client, p.config.TEMPORAL_TASK_QUEUE, {
    uid,
    objectKey: incomingKey(uid),
    receivedAt: '2025-01-01T12:00:00.000Z',
    reportId: '',
    probeCc: 'IT',
    testName: 'signal',
  });
  const { result } = await completedRun(uid);
  assert.equal(result.status, 'rejected');
  const [faulty] = await p.database.db.select().from(faultyMeasurements).where(eq(faultyMeasurements.measurementUid, uid));
  assert.equal(faulty?.code, 'missing_field');
  assert.equal(await rowOf(uid), undefined);
  const found = await eventually('the rejected run in visibility', async () => {
    for await (const wf of p.env.client.workflow.list({ query: `measurement_uid = '${uid}' AND ingest_status = 'rejected'` })) return wf;
    return undefined;
  });
  assert.equal(found.workflowId, measurementWorkflowId(uid));
});

test('/metrics times each dependency of an acknowledgement', async () => {
  const count = async (dependency: string) => {
    const text = await (await fetch(`${p.baseUrl}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`ooni_ingest_ack_dependency_seconds_count{dependency="${dependency}",outcome="ok"}`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };
  const before = await Promise.all(['postgres', 's3', 'temporal'].map(count));
  const res = await submitMeasurement(p.baseUrl, { ...signal(), measurement_start_time: '2024-04-02 10:00:00' });
  assert.equal(res.status, 200, res.text);
  const after = await Promise.all(['postgres', 's3', 'temporal'].map(count));
  assert.deepEqual(
    after.map((n, i) => n - before[i]!),
    [1, 1, 1],
  );
});
