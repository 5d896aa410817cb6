// Monthly bulk exports on the real stack: the workflow writes both files of a month, each read
// back (zstd-decoded CSV, Parquet read by hyparquet) and compared row by row with the table;
// a re-run writes nothing; a crashed attempt's leftovers are cleaned up; the API lists and
// serves the files; the CLI and the monthly schedule run the same workflow.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { CreateMultipartUploadCommand, HeadObjectCommand, ListMultipartUploadsCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { decompress } from 'fzstd';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import type { ExportResult } from '../../activities/exports/types.ts';
import { run as exportCli } from '../../cli/commands/export.ts';
import { startExportFastpathWorkflow } from '../../client.ts';
import { parseCsv } from '../../domain/csv.ts';
import { applySchedules } from '../../schedules/apply.ts';
import { insertMonthRows } from '../helpers/exports/month-rows.ts';
import { uniqueSuffix } from '../helpers/env.ts';
import { createTestPipeline, type TestPipeline } from '../helpers/pipeline.ts';
import { runScheduleNow } from '../helpers/schedules.ts';

const COLUMNS =
  'measurement_uid,report_id,input,domain,probe_cc,probe_asn,test_name,test_start_time,measurement_start_time,scores,platform,' +
  'anomaly,confirmed,msm_failure,blocking_type,software_name,software_version,test_version,test_runtime,architecture,engine_name,' +
  'engine_version,test_helper_address,test_helper_type,ooni_run_link_id,is_verified,fingerprints_version,update_time';
const TIMES = ['test_start_time', 'measurement_start_time', 'update_time'];
const FLAGS = ['anomaly', 'confirmed', 'msm_failure'];

let p: TestPipeline;
let prefix: string;
// Months 05, 07, 09 and the one before today (11 in Dec 2026) are apart: each insert adds a row
// a second either side of its month, which must stay out of that month's export.
const MAY_ROWS = 3000;

before(async () => {
  p = await createTestPipeline('exports');
  await insertMonthRows(p.database.db, '2026-05', MAY_ROWS);
  await p.startWorker();
});

after(async () => {
  if (prefix) {
    const ids = await applySchedules(p.env.client, p.config, { idPrefix: prefix }).catch(() => [] as string[]);
    for (const id of ids)
      await p.env.client.schedule
        .getHandle(id)
        .delete()
        .catch(() => {});
  }
  await p?.close();
});

/** The month's rows as PostgreSQL prints them (to_char in UTC), in the export's order. */
async function tableRows(month: string): Promise<Record<string, string | number | boolean | null>[]> {
  const t = (c: string, tz = '') => `to_char(${c}${tz}, 'YYYY-MM-DD HH24:MI:SS.MS') as ${c}`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const to = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  const rows = await p.database.sql.unsafe(
    `select measurement_uid, report_id, input, domain, probe_cc, probe_asn::text as probe_asn, test_name,
       ${t('test_start_time')}, ${t('measurement_start_time')}, scores, platform, anomaly, confirmed, msm_failure,
       blocking_type, software_name, software_version, test_version, test_runtime, architecture, engine_name, engine_version,
       test_helper_address, test_helper_type, ooni_run_link_id::text as ooni_run_link_id, is_verified, fingerprints_version,
       ${t('update_time', " at time zone 'UTC'")}
     from fastpath where measurement_start_time >= '${month}-01' and measurement_start_time < '${to}'
     order by measurement_start_time, measurement_uid`,
  );
  return rows as unknown as Record<string, string | number | boolean | null>[];
}

const runExport = (month: string, extras: { batchRows?: number; formats?: ('csv' | 'parquet')[] } = {}) =>
  startExportFastpathWorkflow(p.env.client, p.config.TEMPORAL_TASK_QUEUE, { month, ...extras }).then((h) => h.result());

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const head = (key: string) => p.store.client.send(new HeadObjectCommand({ Bucket: p.store.bucket, Key: key }));
const pendingUploads = async (key: string) =>
  ((await p.store.client.send(new ListMultipartUploadsCommand({ Bucket: p.store.bucket, Prefix: key }))).Uploads ?? []).filter((u) => u.Key === key);

function assertCsvMatches(csvBytes: Uint8Array, expected: Awaited<ReturnType<typeof tableRows>>) {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(decompress(csvBytes));
  assert.ok(text.endsWith('\r\n'));
  const [header, ...records] = parseCsv(text);
  assert.equal(header!.join(','), COLUMNS);
  assert.equal(records.length, expected.length);
  const names = COLUMNS.split(',');
  records.forEach((rec, i) => {
    const row = expected[i]!;
    names.forEach((name, j) => {
      const got = rec[j]!;
      const want = row[name];
      if (name === 'test_runtime') return assert.equal(Number(got), want, `row ${i} ${name}`);
      if (FLAGS.includes(name)) return assert.equal(got, want ? 't' : 'f', `row ${i} ${name}`);
      if (TIMES.includes(name)) return assert.equal(got, (want as string).replace(/\.000$/, ''), `row ${i} ${name}`);
      assert.equal(got, want ?? '', `row ${i} ${name}`);
    });
  });
}

async function assertParquetMatches(bytes: Uint8Array, expected: Awaited<ReturnType<typeof tableRows>>) {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const schema = Object.fromEntries(parquetMetadata(file).schema.map((e) => [e.name, e]));
  assert.equal(schema.probe_asn!.type, 'INT64');
  assert.equal(schema.ooni_run_link_id!.repetition_type, 'OPTIONAL');
  assert.equal(schema.anomaly!.type, 'BOOLEAN');
  assert.equal(schema.test_runtime!.type, 'DOUBLE');
  assert.equal(schema.input!.converted_type, 'UTF8');
  for (const t of TIMES) assert.deepEqual(schema[t]!.logical_type, { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' }, t);
  const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
  assert.equal(rows.length, expected.length);
  rows.forEach((got, i) => {
    const want = expected[i]!;
    assert.deepEqual(Object.keys(got), COLUMNS.split(','));
    for (const [name, v] of Object.entries(got)) {
      if (TIMES.includes(name)) assert.equal((v as Date).toISOString(), `${(want[name] as string).replace(' ', 'T')}Z`, `row ${i} ${name}`);
      else if (name === 'probe_asn' || name === 'ooni_run_link_id')
        assert.equal(v, want[name] === null ? null : BigInt(want[name] as string), `row ${i} ${name}`);
      else assert.equal(v, want[name], `row ${i} ${name}`);
    }
  });
}

test('a month exports as CSV (zstd) and Parquet holding exactly its table rows', async () => {
  const results = await runExport('202605', { batchRows: 700 });
  assert.deepEqual(
    results.map((r) => [r.format, r.key, r.rows, r.skipped]),
    [
      ['csv', 'exports/fastpath/202605.csv.zst', MAY_ROWS, false],
      ['parquet', 'exports/fastpath/202605.parquet', MAY_ROWS, false],
    ],
  );
  const expected = await tableRows('2026-05');
  assert.equal(expected.length, MAY_ROWS);
  assert.ok(expected.some((r) => r.ooni_run_link_id === '9223372036854775807'));
  assert.ok(expected.some((r) => (r.input as string).includes('\r\n')));
  const csv = (await p.store.get('exports/fastpath/202605.csv.zst'))!;
  const parquet = (await p.store.get('exports/fastpath/202605.parquet'))!;
  assert.equal(sha256(csv), results[0]!.sha256);
  assert.equal(csv.length, results[0]!.bytes);
  assert.equal(sha256(parquet), results[1]!.sha256);
  assert.equal(parquet.length, results[1]!.bytes);
  assertCsvMatches(csv, expected);
  await assertParquetMatches(parquet, expected);
  // batches of 700: five row groups
  const file = parquet.buffer.slice(parquet.byteOffset, parquet.byteOffset + parquet.byteLength) as ArrayBuffer;
  assert.deepEqual(
    parquetMetadata(file).row_groups.map((g) => Number(g.num_rows)),
    [700, 700, 700, 700, 200],
  );
});

test('a re-run of a finished month writes nothing: same objects, same record', async () => {
  const before = await Promise.all(['csv.zst', 'parquet'].map((x) => head(`exports/fastpath/202605.${x}`)));
  const [row] = await p.database.sql`select completed_at::text from exports where month = '202605' and format = 'csv'`;
  const again = await runExport('202605');
  assert.deepEqual(
    again.map((r) => r.skipped),
    [true, true],
  );
  const now = await Promise.all(['csv.zst', 'parquet'].map((x) => head(`exports/fastpath/202605.${x}`)));
  assert.deepEqual(
    now.map((h) => [h.ETag, h.LastModified?.getTime()]),
    before.map((h) => [h.ETag, h.LastModified?.getTime()]),
  );
  const [rowAfter] = await p.database.sql`select completed_at::text from exports where month = '202605' and format = 'csv'`;
  assert.equal(rowAfter!.completed_at, row!.completed_at);
});

test('GET /api/v1/exports lists finished files with size, rows and sha256; each downloads (with Range)', async () => {
  const res = await fetch(`${p.baseUrl}/api/v1/exports`);
  assert.equal(res.status, 200);
  const { results } = (await res.json()) as { results: Record<string, unknown>[] };
  const may = results.filter((r) => r.month === '2026-05');
  assert.deepEqual(
    may.map((r) => [r.format, r.key, r.url, r.rows]),
    [
      ['csv', 'exports/fastpath/202605.csv.zst', `${p.baseUrl}/api/v1/exports/202605.csv.zst`, MAY_ROWS],
      ['parquet', 'exports/fastpath/202605.parquet', `${p.baseUrl}/api/v1/exports/202605.parquet`, MAY_ROWS],
    ],
  );
  for (const r of may) {
    const object = (await p.store.get(r.key as string))!;
    assert.equal(r.bytes, object.length);
    assert.equal(r.sha256, sha256(object));
    assert.ok(!Number.isNaN(Date.parse(r.created_at as string)));
    const dl = await fetch(r.url as string);
    assert.equal(dl.status, 200);
    assert.equal(dl.headers.get('content-length'), String(object.length));
    assert.equal(dl.headers.get('repr-digest'), `sha-256=:${createHash('sha256').update(object).digest('base64')}:`);
    assert.equal(sha256(new Uint8Array(await dl.arrayBuffer())), r.sha256);
  }
  const range = await fetch(`${p.baseUrl}/api/v1/exports/2026-05.parquet`, { headers: { Range: 'bytes=0-3' } });
  assert.equal(range.status, 206);
  assert.equal(new TextDecoder().decode(await range.arrayBuffer()), 'PAR1');

  const filtered = (await (await fetch(`${p.baseUrl}/api/v1/exports?month=2026-05`)).json()) as { results: unknown[] };
  assert.equal(filtered.results.length, 2);
  assert.deepEqual(await (await fetch(`${p.baseUrl}/api/v1/exports?month=202604`)).json(), { results: [] });
  for (const bad of ['2026-13', 'May', '2026-5']) {
    const r = await fetch(`${p.baseUrl}/api/v1/exports?month=${bad}`);
    assert.equal(r.status, 422, bad);
    assert.equal(((await r.json()) as { error: string }).error, 'invalid_parameter');
  }
  const missing = await fetch(`${p.baseUrl}/api/v1/exports/202604.parquet`);
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as { error: string }).error, 'export_not_found');
  for (const bad of ['202605.csv', '202605.zip', '..%2F202605.parquet', '202613.parquet']) {
    const r = await fetch(`${p.baseUrl}/api/v1/exports/${bad}`);
    assert.equal(r.status, 422, bad);
  }
  const past = await fetch(`${p.baseUrl}/api/v1/exports/202605.parquet`, { headers: { Range: 'bytes=99999999-' } });
  assert.equal(past.status, 416);
});

test('a crashed attempt (running row, unfinished multipart upload) is not listed and the next run starts over cleanly', async () => {
  await insertMonthRows(p.database.db, '2026-07', 30);
  const key = 'exports/fastpath/202607.csv.zst';
  const stale = await p.store.client.send(new CreateMultipartUploadCommand({ Bucket: p.store.bucket, Key: key }));
  await p.store.client.send(
    new UploadPartCommand({ Bucket: p.store.bucket, Key: key, UploadId: stale.UploadId, PartNumber: 1, Body: new Uint8Array(1000).fill(7) }),
  );
  await p.database
    .sql`insert into exports (month, format, key, status, upload_id, started_at) values ('202607', 'csv', ${key}, 'running', ${stale.UploadId!}, now())`;
  assert.deepEqual(await (await fetch(`${p.baseUrl}/api/v1/exports?month=2026-07`)).json(), { results: [] });
  assert.equal((await fetch(`${p.baseUrl}/api/v1/exports/202607.csv.zst`)).status, 404);
  assert.equal((await pendingUploads(key)).length, 1);

  const [r] = await runExport('202607', { formats: ['csv'] });
  assert.equal(r!.skipped, false);
  assert.equal(r!.rows, 30);
  assert.deepEqual(await pendingUploads(key), []);
  const [row] = await p.database.sql`select status, upload_id, rows::int, sha256 from exports where month = '202607' and format = 'csv'`;
  assert.deepEqual({ ...row }, { status: 'done', upload_id: null, rows: 30, sha256: r!.sha256 });
  assertCsvMatches((await p.store.get(key))!, await tableRows('2026-07'));
});

test('npx ooni-pipeline export: runs the workflow, one JSON line per file; again: already exported; bad arguments exit 2', async () => {
  await insertMonthRows(p.database.db, '2026-09', 40);
  const saved = { ...process.env };
  Object.assign(process.env, p.childEnv);
  const log = console.log;
  const write = process.stderr.write.bind(process.stderr);
  const out: string[] = [];
  const err: string[] = [];
  console.log = (s: string) => out.push(s);
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  let codes: number[];
  try {
    codes = [
      await exportCli(['--month', '2026-09']),
      await exportCli(['--month', '2026-09', '--format', 'parquet']),
      await exportCli(['--month', '2026-9']),
      await exportCli(['--month', '2026-09', '--format', 'xlsx']),
      await exportCli([]),
    ];
  } finally {
    console.log = log;
    process.stderr.write = write;
    process.env = saved;
  }
  assert.deepEqual(codes, [0, 0, 2, 2, 2]);
  const lines = out.map((l) => JSON.parse(l) as ExportResult);
  assert.deepEqual(
    lines.map((l) => [l.month, l.format, l.rows, l.skipped]),
    [
      ['202609', 'csv', 40, false],
      ['202609', 'parquet', 40, false],
      ['202609', 'parquet', 40, true],
    ],
  );
  const stderr = err.join('');
  assert.match(stderr, /2026-09 csv: exported 40 rows, \d+ bytes → exports\/fastpath\/202609\.csv\.zst/);
  assert.match(stderr, /2026-09 parquet: already exported 40 rows/);
  assert.match(stderr, /--month: YYYY-MM/);
  assert.match(stderr, /--format: csv, parquet or both/);
  await assertParquetMatches((await p.store.get('exports/fastpath/202609.parquet'))!, await tableRows('2026-09'));
});

test('the fastpath-export schedule exports the month before its run (both formats)', async () => {
  // the month before today, by hand
  const now = new Date();
  const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const month = prev.toISOString().slice(0, 7);
  await insertMonthRows(p.database.db, month, 25);
  prefix = `t${uniqueSuffix()}-`;
  await applySchedules(p.env.client, p.config, { idPrefix: prefix });
  const run = await runScheduleNow<ExportResult[]>(p.env.client, `${prefix}fastpath-export`);
  assert.equal(run.error, undefined);
  assert.deepEqual(
    run.result!.map((r) => [r.month, r.format, r.rows]),
    [
      [month.replace('-', ''), 'csv', 25],
      [month.replace('-', ''), 'parquet', 25],
    ],
  );
  const child = await p.env.client.workflow.getHandle(`export-fastpath-${month.replace('-', '')}`).describe();
  assert.equal(child.status.name, 'COMPLETED');
});
