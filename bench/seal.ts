// Archive bench: stages ≥50,000 generated measurements over one day (24 h × 5 countries × 2
// tests), seals them through the real workflow and activities, verifies, then reprocesses the
// day with a changed fingerprint list. Starts its own Temporal, PostgreSQL and S3 in a
// throwaway folder. Prints the machine and the figures; asserts nothing.
import { Worker, DefaultLogger, Runtime } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import { mkdtempSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createActivities } from '../activities/index.ts';
import { activityDepsFrom } from '../activities/deps.ts';
import { readFingerprintsDir } from '../activities/jobs/fingerprints-files.ts';
import { loadFingerprintsFromCsv, scoreMeasurement, type Fingerprints } from '../activities/fastpath/index.ts';
import { toFastpathRecord } from '../activities/measurement/insert-row.ts';
import { mapLimit } from '../domain/archive/map-limit.ts';
import { verifyArchive } from '../activities/archive/verify-run.ts';
import { startReprocessWorkflow, startSealArchiveWorkflow } from '../client.ts';
import { buildMeasurementUid } from '../domain/ids/measurement-uid.ts';
import { incomingKey } from '../domain/s3-keys.ts';
import { fastpath, staged } from '../drizzle/schema.ts';
import { runtimeSchema } from '../lib/config.ts';
import { connectDatabase } from '../lib/db.ts';
import { infraOf } from '../lib/infra.ts';
import { createLogger } from '../lib/logger.ts';
import { applyMigrations } from '../lib/migrate.ts';
import type { ManagedProcess } from '../stack/managed-process.ts';
import { startServices } from '../stack/start-services.ts';
import type { ReprocessProgress } from '../workflows/reprocess.ts';
import type { SealSummary } from '../workflows/seal.ts';
import { localBenchStore } from './local-store.ts';

const TOTAL = Number(process.env.BENCH_MEASUREMENTS ?? 50_400);
const DAY = Date.parse('2026-06-01T00:00:00Z');
const CCS = ['IT', 'DE', 'BR', 'IN', 'US'];
const TESTS = ['web_connectivity', 'telegram'];
const TEMPLATE = JSON.parse(readFileSync(new URL('../test/fixtures/fastpath/report1.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const HEADER = 'name,scope,other_names,location_found,pattern_type,pattern,confidence_no_fp,expected_countries,source,exp_url,notes\n';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
const pad = (n: number) => String(n).padStart(2, '0');
const fmt = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');
const secs = (t0: number) => (performance.now() - t0) / 1000;

function generate(i: number) {
  const hour = i % 24;
  const cc = CCS[Math.floor(i / 24) % CCS.length]!;
  const testName = TESTS[Math.floor(i / 120) % TESTS.length]!;
  const receivedAt = new Date(DAY + hour * 3_600_000 + (i % 3_600) * 1000);
  const t = fmt(new Date(receivedAt.getTime() - 30_000));
  const content = {
    ...TEMPLATE,
    test_name: testName,
    probe_cc: cc,
    measurement_start_time: t,
    test_start_time: t,
    report_id: `20260601T${pad(hour)}0000Z_${testName.replaceAll('_', '')}_${cc}_1234_n1_b${i}`,
    input: `https://example.org/${i}`,
  };
  const post = new TextEncoder().encode(JSON.stringify({ format: 'json', content }));
  const uid = buildMeasurementUid({ receivedAtMicros: BigInt(receivedAt.getTime()) * 1000n + BigInt(i % 1000), cc, testName, body: post });
  return { uid, post, content, cc, testName, receivedAt };
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = mkdtempSync(join(tmpdir(), 'bench-seal-'));
  chmodSync(dir, 0o755);
  const [tp, pp, sp] = await Promise.all([freePort(), freePort(), freePort()]);
  const services: ManagedProcess[] = [];
  const started = await startServices(
    { dataDir: dir, logDir: dir, timeoutMs: 120_000, ports: { temporal: tp, postgres: pp, s3: sp }, ui: false, persistent: false },
    (_part, proc) => services.push(proc),
  );
  const temporal = started.temporal;
  const pg = started.postgres;
  const s3 = started.s3;
  try {
    await applyMigrations(pg.url);
    const database = connectDatabase(pg.url, { max: 10 });
    const store = await localBenchStore(s3.endpoint);
    const shipped = await readFingerprintsDir();
    let fingerprints: Fingerprints = shipped;

    let t0 = performance.now();
    let bytes = 0;
    for (let start = 0; start < TOTAL; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, TOTAL - start) }, (_, k) => generate(start + k));
      await mapLimit(batch, 32, (m) => ((bytes += m.post.byteLength), store.put(incomingKey(m.uid), m.post)));
      const rows = batch.map((m) => {
        const r = scoreMeasurement({ format: 'json', content: m.content }, { measurementUid: m.uid, fingerprints });
        if (r.kind !== 'row') throw new Error(r.reason);
        return { m, row: r.row, version: r.fingerprintsVersion };
      });
      await database.db.insert(fastpath).values(rows.map((r) => toFastpathRecord(r.row, r.version)));
      await database.db.insert(staged).values(
        rows.map(({ m, row }) => ({
          measurementUid: m.uid,
          bucketHour: new Date(Math.floor(m.receivedAt.getTime() / 3_600_000) * 3_600_000),
          probeCc: m.cc,
          testName: m.testName,
          reportId: row.report_id,
          input: row.input,
          objectKey: incomingKey(m.uid),
        })),
      );
    }
    const stageS = secs(t0);

    const connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection });
    const taskQueue = 'bench-seal';
    const worker = await Worker.create({
      connection: await (await import('@temporalio/worker')).NativeConnection.connect({ address: temporal.address }),
      taskQueue,
      workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
      activities: createActivities(
        activityDepsFrom(
          infraOf({ database, store, temporal: client, log: createLogger('bench', process.env.BENCH_LOG ?? 'warn') }),
          runtimeSchema.parse({ DATABASE_URL: pg.url, TEMPORAL_TASK_QUEUE: taskQueue, SWEEP_AFTER_SECONDS: '300' }),
          { fingerprints: () => fingerprints },
        ),
      ),
    });
    const result = await worker.runUntil(async () => {
      t0 = performance.now();
      const seal: SealSummary = await (
        await startSealArchiveWorkflow(client, taskQueue, { collectorId: '0' }, { workflowId: 'bench-seal' })
      ).result();
      const sealS = secs(t0);
      t0 = performance.now();
      const report = await verifyArchive({ db: database.db, store }, { now: new Date(), maxStagedAgeMs: Infinity });
      const verifyS = secs(t0);
      fingerprints = loadFingerprintsFromCsv({ dns: HEADER, http: HEADER });
      t0 = performance.now();
      const re: ReprocessProgress = await (
        await startReprocessWorkflow(
          client,
          taskQueue,
          { startDay: '2026-06-01', endDay: '2026-06-01' },
          { workflowId: 'bench-reprocess', workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL },
        )
      ).result();
      const reS = secs(t0);
      return { seal, sealS, report, verifyS, re, reS };
    });
    const { seal, sealS, report, verifyS, re, reS } = result;
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
    console.log(`staged ${TOTAL} measurements (${(bytes / 2 ** 20).toFixed(1)} MiB of .post bodies) in ${stageS.toFixed(1)} s`);
    console.log(
      `seal: ${seal.measurements} measurements, ${seal.hours.length} hours, ${seal.buckets} buckets, ${seal.parts} parts in ${sealS.toFixed(1)} s (${Math.round(seal.measurements / sealS)} msmt/s)`,
    );
    console.log(
      `verify: ${report.mismatches.length} mismatches over ${report.counts.indexed} index rows, ${report.counts.files} files in ${verifyS.toFixed(1)} s`,
    );
    console.log(
      `reprocess: ${re.measurements} measurements in ${re.files} files in ${reS.toFixed(1)} s (${Math.round(re.measurements / reS)} msmt/s), transitions ${JSON.stringify(re.transitions)}`,
    );
    await connection.close();
    await database.close();
    store.client.destroy();
  } finally {
    await Promise.allSettled(services.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
