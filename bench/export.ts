// Export bench: generates `--rows N` fastpath rows in one month (several months for a comma
// list: --rows 100000,1000000), then for each month runs the export activity in this process
// (both formats, through MockActivityEnvironment, so the process holds only the export code)
// against its own PostgreSQL and S3, sampling this process's RSS every second. Baseline, same
// run: the same cursor read with nothing encoded or uploaded. Prints the figures; asserts nothing.
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Client } from '@temporalio/client';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { activityDepsFrom } from '../activities/deps.ts';
import { exportFastpathMonth } from '../activities/exports/export-month.ts';
import type { ExportMonthInput, ExportResult } from '../activities/exports/types.ts';
import { loadFingerprintsFromCsv } from '../activities/fastpath/index.ts';
import { runtimeSchema } from '../lib/config.ts';
import { connectDatabase } from '../lib/db.ts';
import { infraOf } from '../lib/infra.ts';
import { createLogger } from '../lib/logger.ts';
import { applyMigrations } from '../lib/migrate.ts';
import { freePort } from '../stack/free-port.ts';
import type { ManagedProcess } from '../stack/managed-process.ts';
import { startServices } from '../stack/start-services.ts';
import { localBenchStore } from './local-store.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, 'batch-rows': { type: 'string' } } });
const SIZES = values.rows.split(',').map(Number);
if (SIZES.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--rows: positive integers, comma separated');
const BATCH = values['batch-rows'] ? Number(values['batch-rows']) : undefined;
const HEADER = 'name,scope,other_names,location_found,pattern_type,pattern,confidence_no_fp,expected_countries,source,exp_url,notes\n';
const MB = 2 ** 20;

/** RSS sampled every second (and at stop); peak and the samples' spread. */
function sampleRss() {
  const samples: number[] = [];
  const take = () => samples.push(process.memoryUsage().rss);
  take();
  const timer = setInterval(take, 1000);
  return () => {
    clearInterval(timer);
    take();
    const sorted = [...samples].sort((a, b) => a - b);
    return { peak: sorted.at(-1)!, median: sorted[Math.floor(sorted.length / 2)]!, samples: samples.length };
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-export-'));
  chmodSync(dir, 0o755);
  const services: ManagedProcess[] = [];
  const [tp, pp, sp] = await Promise.all([freePort(), freePort(), freePort()]);
  const started = await startServices(
    { dataDir: dir, logDir: dir, timeoutMs: 120_000, ports: { temporal: tp, postgres: pp, s3: sp }, ui: false, persistent: false },
    (_part, proc) => services.push(proc),
  );
  // Ctrl-C or kill: the services stop too
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      void Promise.allSettled(services.map((s) => s.stop())).then(() => {
        rmSync(dir, { recursive: true, force: true });
        process.exit(130);
      });
    });
  try {
    const { postgres: pg, s3 } = started;
    await applyMigrations(pg.url);
    const database = connectDatabase(pg.url, { max: 4 });
    const store = await localBenchStore(s3.endpoint);
    const sql = database.sql;
    // the export reads by measurement_start_time only: the other indexes just slow the generation down
    for (const { indexname } of await sql<{ indexname: string }[]>`
      select indexname from pg_indexes where tablename = 'fastpath' and indexname not in ('fastpath_pkey', 'fastpath_measurement_start_time_idx')`)
      await sql.unsafe(`drop index ${indexname}`);

    const months = SIZES.map((n, i) => ({ n, month: `2025${String(i + 1).padStart(2, '0')}` }));
    for (const { n, month } of months) {
      const t0 = performance.now();
      // realistic widths: OONI uids/report ids, URLs, a scores object of ~150 characters
      await sql`
        insert into fastpath (measurement_uid, report_id, input, domain, probe_cc, probe_asn, test_name, test_start_time,
          measurement_start_time, scores, platform, anomaly, confirmed, msm_failure, blocking_type, software_name, software_version,
          test_version, test_runtime, architecture, engine_name, engine_version, test_helper_address, test_helper_type,
          ooni_run_link_id, is_verified, fingerprints_version)
        select ${month} || to_char(i, 'FM000000000') || '.123456_IT_webconnectivity_' || lpad(to_hex(i), 16, '0'),
          '20250101T000000Z_webconnectivity_IT_30722_n1_' || md5(i::text),
          'https://www.example-' || (i % 5000) || '.org/some/path?q=' || i, 'www.example-' || (i % 5000) || '.org',
          (array['IT','IR','RU','CN','US'])[1 + i % 5], 30722 + i % 100, 'web_connectivity',
          t - interval '1 minute', t,
          '{"blocking_general":0.0,"blocking_global":0.0,"blocking_country":0.0,"blocking_isp":0.0,"blocking_local":0.0,"analysis":{"blocking_type":"http-diff"}}',
          'android', i % 3 = 0, i % 17 = 0, i % 11 = 0, case when i % 3 = 0 then 'http-diff' else '' end, 'ooniprobe-android', '3.8.0',
          '0.4.3', 1.5 + (i % 100) / 7.0, 'arm64', 'ooniprobe-engine', '3.19.0', 'https://0.th.ooni.org', 'https',
          case when i % 10 = 0 then i else null end, 'u', 'fp-1'
        from generate_series(1, ${n}::int) as i,
          lateral (select ${`${month.slice(0, 4)}-${month.slice(4)}-01`}::timestamp + (i::float8 / ${n} * 27 * 86400) * interval '1 second' as t) as x`;
      await sql`vacuum analyze fastpath`;
      console.error(`generated ${n} rows in ${month} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }

    const infra = infraOf({ database, store, temporal: {} as Client, log: createLogger('bench', 'warn') });
    const deps = activityDepsFrom(infra, runtimeSchema.parse({ DATABASE_URL: pg.url }), {
      fingerprints: () => loadFingerprintsFromCsv({ dns: HEADER, http: HEADER }),
    });
    const activity = exportFastpathMonth(deps);

    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
    console.log('what                     rows        seconds   rows/s     MiB out   peak RSS MiB  median RSS MiB');
    const line = (what: string, rows: number, s: number, bytes: number | null, rss: { peak: number; median: number }) =>
      console.log(
        `${what.padEnd(24)} ${String(rows).padStart(10)} ${s.toFixed(1).padStart(9)} ${String(Math.round(rows / s)).padStart(9)} ${(bytes === null ? '-' : (bytes / MB).toFixed(1)).padStart(10)} ${(rss.peak / MB).toFixed(0).padStart(13)} ${(rss.median / MB).toFixed(0).padStart(15)}`,
      );
    for (const { n, month } of months) {
      // baseline: the same snapshot cursor, rows dropped
      let stop = sampleRss();
      let t0 = performance.now();
      let read = 0;
      await sql.begin('isolation level repeatable read read only', async (tx) => {
        for await (const batch of tx`select * from fastpath where measurement_start_time >= ${`${month.slice(0, 4)}-${month.slice(4)}-01`}::timestamp
            and measurement_start_time < ${`${month.slice(0, 4)}-${month.slice(4)}-01`}::timestamp + interval '1 month'
            order by measurement_start_time, measurement_uid`.cursor(BATCH ?? 20_000))
          read += batch.length;
      });
      line(`${month} read only`, read, (performance.now() - t0) / 1000, null, stop());
      for (const format of ['csv', 'parquet'] as const) {
        global.gc?.();
        stop = sampleRss();
        t0 = performance.now();
        const input: ExportMonthInput = { month, format, ...(BATCH ? { batchRows: BATCH } : {}) };
        const r = (await new MockActivityEnvironment().run(activity, input)) as ExportResult;
        line(`${month} ${format}`, r.rows, (performance.now() - t0) / 1000, r.bytes, stop());
        if (r.rows !== n) throw new Error(`exported ${r.rows} rows of ${n}`);
      }
    }
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
