// Client IPs are never stored: an upload and a query sent with X-Forwarded-For / X-Real-IP
// leave the address in no database row (any table), in no S3 object and in no Temporal payload
// (the upload is geolocated: only the submitter's {cc, asn} reach the workflow and the
// data-quality flags); /metrics shows no personal data (no address, no measurement or report id).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { dataQualityFlags, fastpath } from '../../drizzle/schema.ts';
import { measurementWorkflowId } from '../../client.ts';
import { signal, submitMeasurement } from '../helpers/measurements.ts';
import { createTestPipeline, eventually, type TestPipeline } from '../helpers/pipeline.ts';

const IP = '203.0.113.77';
const IP6 = '2001:db8::7e57';
// a routable address the IP database places (Google, AS15169, US), unlike the documentation ranges above
const ROUTABLE_IP = '8.8.4.4';

/** Every byte string in a Temporal history (payload data), decoded as UTF-8. */
function historyTexts(value: unknown, out: string[] = []): string[] {
  if (value instanceof Uint8Array) out.push(new TextDecoder().decode(value));
  else if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) historyTexts(v, out);
  return out;
}
let p: TestPipeline;

before(async () => {
  // one trusted proxy, so the query's X-Forwarded-For address is the one the rate limiter keys on
  p = await createTestPipeline('privacy', { TRUSTED_PROXY_HOPS: '1' });
  await p.startWorker();
});
after(async () => {
  await p?.close();
});

test('an upload and a query with X-Forwarded-For: the address is stored nowhere, /metrics is clean', { timeout: 120_000 }, async () => {
  const headers = { 'x-forwarded-for': `${IP}, ${IP6}`, 'x-real-ip': IP, forwarded: `for=${IP}` };
  const res = await submitMeasurement(p.baseUrl, signal());
  assert.equal(res.status, 200);
  const withIp = await fetch(`${p.baseUrl}/api/v1/submit_measurement`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ format: 'json', content: JSON.stringify({ ...signal(), measurement_start_time: '2024-05-05 05:05:05' }) }),
  });
  assert.equal(withIp.status, 200);
  const uid = ((await withIp.json()) as { measurement_uid: string }).measurement_uid;
  // from a routable address, claiming IT / AS30722: geolocated and flagged, the address kept nowhere
  const routable = await fetch(`${p.baseUrl}/api/v1/submit_measurement`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ROUTABLE_IP },
    body: JSON.stringify({ format: 'json', content: JSON.stringify({ ...signal(), measurement_start_time: '2024-06-06 06:06:06' }) }),
  });
  assert.equal(routable.status, 200);
  const routableUid = ((await routable.json()) as { measurement_uid: string }).measurement_uid;
  const geoip = await eventually(
    'the geoip flag',
    async () =>
      (await p.database.db.select().from(dataQualityFlags).where(eq(dataQualityFlags.measurementUid, routableUid))).find((f) => f.type === 'geoip'),
    60_000,
  );
  assert.equal((geoip.details as Record<string, unknown>).submitter_asn, 15169);
  for (const id of [uid, routableUid]) {
    const history = await p.env.client.workflow.getHandle(measurementWorkflowId(id)).fetchHistory();
    const texts = historyTexts(history);
    assert.ok(
      texts.some((t) => t.includes(id)),
      'the history holds the workflow input',
    );
    for (const needle of [IP, IP6, ROUTABLE_IP])
      assert.ok(!texts.some((t) => t.includes(needle)), `${needle} found in the Temporal history of ${id}`);
  }

  // a query too (the rate limiter keys on the client address)
  const q = await fetch(`${p.baseUrl}/api/v1/measurements?probe_cc=IT`, { headers });
  assert.equal(q.status, 200);
  await eventually(
    'the fastpath row',
    async () => ((await p.database.db.select().from(fastpath)).some((r) => r.measurementUid === uid) ? true : undefined),
    60_000,
  );

  const tables = await p.database.sql<
    { name: string }[]
  >`select quote_ident(table_name) as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`;
  assert.ok(tables.length > 5);
  for (const { name } of tables) {
    for (const needle of [IP, IP6, ROUTABLE_IP]) {
      const [row] = await p.database.sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${name} t where t::text like '%' || $1 || '%'`, [
        needle,
      ]);
      assert.equal(row!.n, 0, `${needle} found in table ${name}`);
    }
  }
  let objects = 0;
  for await (const o of p.store.list('')) {
    const body = new TextDecoder().decode((await p.store.get(o.Key!))!);
    objects++;
    for (const needle of [IP, IP6, ROUTABLE_IP]) assert.ok(!body.includes(needle), `${needle} found in S3 object ${o.Key}`);
  }
  assert.ok(objects >= 3, 'the uploads are in S3');

  const metrics = await (await fetch(`${p.baseUrl}/metrics`, { headers })).text();
  assert.ok(metrics.length > 0);
  const [row] = await p.database.db.select().from(fastpath).limit(1);
  for (const needle of [IP, IP6, ROUTABLE_IP, uid, row!.reportId]) assert.ok(!metrics.includes(needle), `/metrics shows ${needle}`);
  assert.doesNotMatch(metrics, /\b(?:\d{1,3}\.){3}\d{1,3}\b(?<!0\.0\.0\.0)/, '/metrics shows no IPv4 address');
});
