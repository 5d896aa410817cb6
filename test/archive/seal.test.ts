import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { count, eq, isNull } from 'drizzle-orm';
import { jsonl, staged } from '../../drizzle/schema.ts';
import { parseJsonlKey, postcanKeyOf } from '../../domain/s3-keys.ts';
import { fetchMeasurementBody } from '../../lib/raw-body.ts';
import { maxStagedAgeMs, verifyArchive } from '../../activities/archive/verify-run.ts';
import { run as verifyCli } from '../../cli/commands/verify.ts';
import { run as sealCli } from '../../cli/commands/seal.ts';
import { sealHourWorkflowId, startSealArchiveWorkflow } from '../../client.ts';
import { testEnv } from '../helpers/env.ts';
import { listKeys, readParts } from '../helpers/archive/archive-files.ts';
import { stageMeasurement, type StagedMeasurement } from '../helpers/archive/stage.ts';
import { createWorld, type World } from '../helpers/archive/world.ts';

let w: World;
const all = new Map<string, StagedMeasurement>();
const HOURS = [new Date('2026-03-01T10:00:00Z'), new Date('2026-03-01T11:00:00Z'), new Date('2026-03-02T23:00:00Z')];
const PART_BYTES = 40_000; // a few measurements per part

before(async () => {
  w = await createWorld('archive-seal');
  let seq = 0;
  for (const hour of HOURS)
    for (const cc of ['IT', 'ID'])
      for (const testName of ['web_connectivity', 'telegram']) {
        for (let i = 0; i < 5; i++) {
          const receivedAt = new Date(hour.getTime() + (i + 1) * 60_000);
          const m = await stageMeasurement({ ...w, db: w.database.db }, { receivedAt, cc, testName, seq: seq++, stringContent: seq === 7 });
          all.set(m.uid, m);
        }
      }
});
after(async () => w?.close());

const seal = async (id: string) =>
  (await w.worker()).runUntil(
    startSealArchiveWorkflow(w.env.client, w.taskQueue, { collectorId: '7', partBytes: PART_BYTES }, { workflowId: id }).then((h) => h.result()),
  );

const verify = () => verifyArchive({ db: w.database.db, store: w.store }, { now: new Date(), maxStagedAgeMs: Number.MAX_SAFE_INTEGER });

test('before sealing, raw retrieval reads the incoming object', async () => {
  for (const m of [...all.values()].slice(0, 8)) {
    const body = await fetchMeasurementBody({ db: w.database.db, store: w.store }, m.uid);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(body!)), m.content);
  }
});

test('a seal writes OONI-layout parts, index rows, and deletes the incoming objects', async () => {
  const summary = await seal(`seal-test-${w.taskQueue}`);
  assert.equal(summary.measurements, all.size);
  assert.deepEqual(summary.hours, ['2026030110', '2026030111', '2026030223']);

  const parts = await readParts(w.store);
  assert.equal(parts.length, summary.parts);
  const seen = new Set<string>();
  const partNumbers = new Map<string, number[]>();
  for (const p of parts) {
    const ref = parseJsonlKey(p.jsonlKey);
    assert.ok(ref, p.jsonlKey);
    assert.equal(ref.collectorId, '7');
    assert.match(
      p.jsonlKey,
      /^raw\/\d{8}\/\d{2}\/(IT|ID)\/(webconnectivity|telegram)\/\d{10}_(IT|ID)_(webconnectivity|telegram)\.n7\.\d+\.jsonl\.gz$/,
    );
    const bucket = p.jsonlKey.replace(/\.\d+\.jsonl\.gz$/, '');
    partNumbers.set(bucket, [...(partNumbers.get(bucket) ?? []), ref.part]);
    assert.equal(p.lines.length, p.members.length);
    const index = await w.database.db.select().from(jsonl).where(eq(jsonl.s3path, p.jsonlKey));
    assert.equal(index.length, p.members.length);
    p.members.forEach((member, i) => {
      const m = all.get(member.uid)!;
      assert.ok(m, `unknown member ${member.uid}`);
      assert.ok(!seen.has(member.uid));
      seen.add(member.uid);
      assert.deepEqual(Buffer.from(member.body), Buffer.from(m.post), 'postcan member is the .post body');
      assert.deepEqual(JSON.parse(p.lines[i]!), m.content, 'jsonl line is the content');
      assert.ok(!/[^\x00-\x7f]/.test(p.lines[i]!), 'lines are ASCII-escaped as ujson writes them');
      assert.equal(m.hour, ref.hour);
      const row = index.find((r) => r.measurementUid === member.uid)!;
      assert.equal(row.linenum, i);
      assert.equal(row.reportId, m.content.report_id);
    });
  }
  assert.equal(seen.size, all.size);
  for (const numbers of partNumbers.values())
    assert.deepEqual(
      numbers.sort((a, b) => a - b),
      numbers.map((_, i) => i),
    );
  assert.ok(
    [...partNumbers.values()].some((n) => n.length > 1),
    'the cap splits a bucket into parts',
  );

  assert.deepEqual(await listKeys(w.store, 'incoming/'), []);
  const [unsealed] = await w.database.db.select({ n: count() }).from(staged).where(isNull(staged.sealedAt));
  assert.equal(unsealed!.n, 0);
  for (const hour of summary.hours) {
    const d = await w.env.client.workflow.getHandle(sealHourWorkflowId(hour)).describe();
    assert.equal(d.status.name, 'COMPLETED');
  }
});

test('system gunzip and tar read a part', async () => {
  const [key] = (await listKeys(w.store, 'raw/')).filter((k) => k.endsWith('.tar.gz'));
  const dir = mkdtempSync(join(tmpdir(), 'postcan-'));
  writeFileSync(join(dir, 'p.tar.gz'), (await w.store.get(key!))!);
  const names = execFileSync('tar', ['-tzf', join(dir, 'p.tar.gz')], { encoding: 'utf8' })
    .trim()
    .split('\n');
  assert.ok(names.length > 0 && names.every((n) => /^\d{14}\.\d{6}_[A-Z]{2}_[a-z]+_[0-9a-f]{16}\.post$/.test(n)), names.join());
  const jsonlText = gunzipSync((await w.store.get(key!.replace('.tar.gz', '.jsonl.gz')))!).toString();
  assert.equal(jsonlText.split('\n').filter(Boolean).length, names.length);
});

test('verify passes and raw retrieval returns each body from the archive', async () => {
  const report = await verify();
  assert.deepEqual(report.mismatches, []);
  assert.equal(report.counts.indexed, all.size);
  assert.equal(report.counts.members, all.size);
  for (const m of all.values()) {
    const body = await fetchMeasurementBody({ db: w.database.db, store: w.store }, m.uid);
    assert.ok(body, m.uid);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(body)), m.content);
  }
  assert.equal(await fetchMeasurementBody({ db: w.database.db, store: w.store }, '20260301100000.000000_IT_telegram_0000000000000000'), null);
});

test('the verify command reads its config from the environment and exits 0', async () => {
  const saved = { ...process.env };
  Object.assign(process.env, {
    DATABASE_URL: w.database.url,
    S3_ENDPOINT: testEnv.s3Endpoint(),
    S3_BUCKET: w.store.bucket,
    S3_ACCESS_KEY_ID: testEnv.s3AccessKeyId(),
    S3_SECRET_ACCESS_KEY: testEnv.s3SecretAccessKey(),
    SEAL_INTERVAL_MINUTES: '60',
  });
  const log = console.log;
  const printed: string[] = [];
  console.log = (s: string) => printed.push(s);
  try {
    assert.equal(await verifyCli([]), 0);
  } finally {
    console.log = log;
    process.env = saved;
  }
  assert.match(printed.join('\n'), /index rows 60.*\nOK$/s);
});

test('a re-run changes nothing; a late arrival lands in part N+1', async () => {
  const before = new Map<string, string>();
  for (const k of await listKeys(w.store, 'raw/')) before.set(k, Buffer.from((await w.store.get(k))!).toString('base64'));
  const again = await seal(`seal-test-again-${w.taskQueue}`);
  assert.equal(again.parts, 0);
  assert.equal(again.measurements, 0);

  const late = await stageMeasurement(
    { ...w, db: w.database.db },
    { receivedAt: new Date('2026-03-01T10:59:00Z'), cc: 'IT', testName: 'telegram', seq: 999 },
  );
  all.set(late.uid, late);
  const saved = { ...process.env };
  Object.assign(process.env, {
    TEMPORAL_ADDRESS: testEnv.temporalAddress(),
    TEMPORAL_TASK_QUEUE: w.taskQueue,
    COLLECTOR_ID: '7',
    DATABASE_URL: w.database.url,
  });
  const log = console.log;
  const printed: string[] = [];
  console.log = (s: string) => printed.push(s);
  try {
    assert.equal(await (await w.worker()).runUntil(sealCli(['--hour', '2026030110', '--part-bytes', String(PART_BYTES)])), 0);
  } finally {
    console.log = log;
    process.env = saved;
  }
  assert.equal(JSON.parse(printed[0]!).parts, 1, 'the CLI sealed the late arrival (workflow seal-2026030110)');
  const [row] = await w.database.db.select().from(jsonl).where(eq(jsonl.measurementUid, late.uid));
  const previous = [...before.keys()].filter((k) => k.startsWith('raw/20260301/10/IT/telegram/') && k.endsWith('.jsonl.gz'));
  assert.equal(parseJsonlKey(row!.s3path)!.part, previous.length);
  assert.equal(row!.linenum, 0);
  for (const [k, bytes] of before) assert.equal(Buffer.from((await w.store.get(k))!).toString('base64'), bytes, `${k} unchanged`);
  assert.ok(await w.store.exists(postcanKeyOf(row!.s3path)));
  assert.deepEqual((await verify()).mismatches, []);
  const limit = maxStagedAgeMs(60);
  assert.ok(limit > 60 * 60_000);
});
