// bench:query — fills the fastpath of DATABASE_URL with BENCH_ROWS (default 1 000 000) realistic
// rows over 90 days (generate_series in SQL), refreshes the counters, adds BENCH_FRESH_ROWS (default
// 3 600, five minutes of OONI's intake) over the last five minutes that the counters do not hold yet,
// serves the query routes in-process on a free port and reports p50/p99 latency of list and
// aggregation requests, and of the aggregation and Explorer routes on the fresh path (counters + live
// changes) side by side with the counters-only path, request by request in the same run.
// An existing database with the same row count is reused (generation only when it differs).
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/ooni_bench npm run bench:query -- [--rows N] [--explain]
// --rows N (default BENCH_ROWS or 1 000 000) sets the row count; --explain prints, after the
// figures, EXPLAIN (ANALYZE, BUFFERS) of every statement one request of each route shape runs.
import { serve } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import { Hono } from 'hono';
import { cpus, totalmem, type } from 'node:os';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { refreshCounters } from '../activities/jobs/refresh-counters.ts';
import { createQueryRoutes } from '../api/query/index.ts';
import { runtimeSchema } from '../lib/config.ts';
import { connectDatabase } from '../lib/db.ts';
import { infraOf } from '../lib/infra.ts';
import { createLogger } from '../lib/logger.ts';
import { applyMigrations } from '../lib/migrate.ts';
import type { ObjectStore } from '../lib/s3.ts';

const { values: args } = parseArgs({ options: { rows: { type: 'string' }, explain: { type: 'boolean', default: false } } });
const ROWS = Number(args.rows ?? process.env.BENCH_ROWS ?? 1_000_000);
if (!Number.isInteger(ROWS) || ROWS < 1) throw new Error(`--rows must be a positive integer, got ${args.rows}`);
const BATCH = 100_000;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const FRESH = Number(process.env.BENCH_FRESH_ROWS ?? 3600);
const FRESH_SOFTWARE = 'bench-fresh';
const CCS = ['US', 'RU', 'IT', 'BR', 'IN', 'DE', 'IR', 'CN', 'TR', 'ID', 'MX', 'GB', 'FR', 'UA', 'VE', 'EG', 'PK', 'KZ', 'MY', 'TH'];
const TESTS = [
  'web_connectivity',
  'telegram',
  'whatsapp',
  'signal',
  'facebook_messenger',
  'dnscheck',
  'stunreachability',
  'tor',
  'torsf',
  'psiphon',
  'riseupvpn',
  'ndt',
  'http_invalid_request_line',
];
const SITES = 3000;
const CATEGORIES = ['NEWS', 'GRP', 'CULTR', 'HUMR', 'POLR', 'COMT', 'SRCH', 'MMED'];

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required (e.g. postgres://postgres@127.0.0.1:5432/ooni_bench)');

// h(k): a stable pseudo-random non-negative integer per row i and salt k
const h = (k: number) => `((hashint8(i::bigint * 31 + ${k}) & 2147483647)::bigint)`;

/** Rows `from`…`to`; `recent`: measured over the last five minutes by `bench-fresh` (else over 90 days). */
function generateSql(from: number, to: number, recent = false): string {
  const time = recent
    ? `(now() at time zone 'utc') - make_interval(secs => ${h(5)} % 300)`
    : `date_trunc('day', now() at time zone 'utc') + interval '1 day' - make_interval(secs => ${h(5)} % (90 * 86400))`;
  return `
  insert into fastpath (measurement_uid, report_id, input, domain, probe_cc, probe_asn, test_name, test_start_time,
    measurement_start_time, scores, platform, anomaly, confirmed, msm_failure, blocking_type, software_name,
    software_version, test_version, test_runtime, architecture, engine_name, engine_version, test_helper_address,
    test_helper_type, ooni_run_link_id, is_verified)
  select
    to_char(t, 'YYYYMMDDHH24MISS') || '.' || lpad((i % 1000000)::text, 6, '0') || '_' || cc || '_' || replace(tn, '_', '') || '_' || lpad(to_hex(i), 16, '0'),
    to_char(t, 'YYYYMMDD"T"HH24MISS"Z"') || '_' || replace(tn, '_', '') || '_' || cc || '_' || asn || '_n1_' || lpad(to_hex(i), 16, '0'),
    inp, dom, cc, asn, tn, t - interval '30 seconds', t,
    '{"blocking_general":' || (case when an then '1.0' else '0.0' end) ||
      ',"blocking_global":0.0,"blocking_country":0.0,"blocking_isp":0.0,"blocking_local":0.0' ||
      (case when bt <> '' then ',"analysis":{"blocking_type":"' || bt || '"}' else '' end) || '}',
    (array['android','ios','linux','macos','windows'])[1 + ${h(9)} % 5],
    an, co, fa, bt, '${recent ? FRESH_SOFTWARE : 'ooniprobe-android'}', (array['3.8.0','3.9.2','3.10.0','3.19.1'])[1 + ${h(10)} % 4], '0.4.0', 1.5,
    'arm64', 'ooniprobe-engine', '3.19.0', '', '', case when ${h(11)} % 50 = 0 then 1234 end, 'u'
  from (
    select i, t, cc, asn, tn, an, an and ${h(6)} % 6 = 0 as co, ${h(7)} % 100 < 5 as fa,
      case when tn = 'web_connectivity' then 'https://site' || s || '.example.org/' else '' end as inp,
      case when tn = 'web_connectivity' then 'site' || s || '.example.org' else '' end as dom,
      case when an and tn = 'web_connectivity' then (array['dns','http-diff','http-failure','tcp_ip'])[1 + ${h(8)} % 4] else '' end as bt
    from (
      select i,
        ${time} as t,
        c.cc, 30000 + c.ix * 137 + ${h(2)} % (2 + c.ix % 9) as asn,
        case when ${h(3)} % 100 < 60 then 'web_connectivity' else (array['${TESTS.slice(1).join("','")}'])[1 + ${h(3)} % ${TESTS.length - 1}] end as tn,
        floor(power((${h(4)} % 100000) / 100000.0, 2) * ${SITES})::int as s,
        ${h(6)} % 100 < 12 as an
      from generate_series(${from}, ${to}) as i,
      lateral (select ix, (array['${CCS.join("','")}'])[ix + 1] as cc
               from (select floor(power((${h(1)} % 100000) / 100000.0, 1.6) * ${CCS.length})::int as ix) x) c
    ) a
  ) b`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  await applyMigrations(url!);
  /** statements sent while a request is explained (--explain) */
  let capture: { query: string; params: unknown[] }[] | undefined;
  const database = connectDatabase(url!, { max: 10, debug: (_c, query, params) => capture?.push({ query, params }) });
  const { sql } = database;
  // a previous run's fresh rows go first (their deletion is folded in by the refresh below)
  await sql`delete from fastpath where software_name = ${FRESH_SOFTWARE}`;
  const [count] = await sql<{ n: string }[]>`select count(*)::text as n from fastpath`;
  if (Number(count?.n) !== ROWS) {
    console.log(`generating ${ROWS} fastpath rows…`);
    const t0 = performance.now();
    await sql`truncate fastpath, counters_daily, counters_daily_input, counters_daily_network, counters_daily_country, counters_hourly, citizenlab, rate_limits`;
    // a bulk load: fastpath's secondary indexes are dropped and built once at the end, and its row
    // trigger is off (on insert it only stamps counter_xid with the inserting transaction, which is
    // the column's default); both come back even when the load fails
    const indexes = await sql<{ name: string; def: string }[]>`
      select indexname as name, indexdef as def from pg_indexes
      where schemaname = current_schema() and tablename = 'fastpath'
        and indexname not in (select conname from pg_constraint where conrelid = 'fastpath'::regclass)`;
    for (const i of indexes) await sql.unsafe(`drop index if exists "${i.name}"`);
    await sql`alter table fastpath disable trigger fastpath_counter_change`;
    try {
      for (let from = 1; from <= ROWS; from += BATCH) {
        const to = Math.min(ROWS, from + BATCH - 1);
        await sql.unsafe(generateSql(from, to));
        const s = (performance.now() - t0) / 1000;
        const left = ((ROWS - to) * s) / to;
        process.stdout.write(
          `\r  ${to.toLocaleString('en')} / ${ROWS.toLocaleString('en')} rows (${((100 * to) / ROWS).toFixed(0)}%), ` +
            `${Math.round(to / s).toLocaleString('en')} rows/s, ~${Math.ceil(left / 60)} min left   `,
        );
      }
    } finally {
      await sql`alter table fastpath enable trigger fastpath_counter_change`;
      for (const [n, i] of indexes.entries()) {
        process.stdout.write(`\r  building index ${n + 1} / ${indexes.length} (${i.name})…                              `);
        await sql.unsafe(i.def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
      }
    }
    await sql.unsafe(`
      insert into citizenlab (url, cc, category_code, domain)
      select 'https://site' || s || '.example.org/', case when s % 3 = 0 then 'ZZ' else lower((array['${CCS.join("','")}'])[1 + s % ${CCS.length}]) end,
             (array['${CATEGORIES.join("','")}'])[1 + s % ${CATEGORIES.length}], 'site' || s || '.example.org'
      from generate_series(0, ${SITES - 1}) s`);
    await sql`analyze`;
    console.log(`\ngenerated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const [counters] = await sql<{ n: string }[]>`select count(*)::text as n from counters_daily_country`;
  if (Number(counters?.n) === 0 || process.env.BENCH_REFRESH) {
    const t1 = performance.now();
    const { days } = await refreshCounters(database, { since: new Date(0) });
    await sql`analyze`;
    console.log(`refreshCounters: ${days.length} days in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  } else {
    const t1 = performance.now();
    const { days } = await refreshCounters(database);
    console.log(`refreshCounters (changes since the last refresh): ${days.length} days in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  }
  if (FRESH > 0) {
    await sql.unsafe(generateSql(ROWS + 1, ROWS + FRESH, true));
    await sql`analyze fastpath`;
    console.log(`${FRESH} fresh rows (last five minutes) added after the refresh`);
  }
  const sizes = await sql<{ t: string; rows: string; size: string }[]>`
    select relname as t, n_live_tup::text as rows, pg_size_pretty(pg_total_relation_size(relid)) as size
    from pg_stat_user_tables where relname like 'counters%' or relname = 'fastpath' order by 1`;

  const config = runtimeSchema.parse({ DATABASE_URL: url, PUBLIC_BASE_URL: 'http://bench' });
  const deps = { ...infraOf({ database, store: {} as ObjectStore, temporal: {} as Client, log: createLogger('bench', 'silent') }), config };
  const app = new Hono();
  // the limiter stays on (its two statements are part of every request) with limits the bench cannot reach
  const limits = { limits: '100000000/minute;1000000000/day' };
  app.route('/', createQueryRoutes(deps, { rateLimit: limits }));
  // the same routes reading the counters tables alone (what the answers were before they were fresh)
  app.route('/counters-only', createQueryRoutes(deps, { rateLimit: limits, counters: 'counters' }));
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const today = new Date().toISOString().slice(0, 10);
  const ago = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
  let k = 0;
  const pick = <T>(a: T[]) => a[k++ % a.length]!;
  const site = () => `site${(k++ * 7919) % 500}.example.org`;
  const listMix = [
    () => '/api/v1/measurements',
    () => `/api/v1/measurements?probe_cc=${pick(CCS)}`,
    () => `/api/v1/measurements?probe_cc=${pick(CCS)}&test_name=web_connectivity&anomaly=true`,
    () => `/api/v1/measurements?probe_asn=AS${30000 + (k++ % 20) * 137}`,
    () => `/api/v1/measurements?domain=${site()}`,
    () => `/api/v1/measurements?input=https://${site()}/`,
    () => `/api/v1/measurements?test_name=${pick(TESTS)}&offset=100`,
    () => `/api/v1/measurements?since=${ago(20)}&until=${ago(19)}&probe_cc=${pick(CCS)}`,
    () => `/api/v1/measurements?category_code=${pick(CATEGORIES)}&probe_cc=${pick(CCS)}`,
    () => `/api/v1/measurements?probe_cc=${pick(CCS)}&confirmed=true&order=asc`,
  ];
  const aggMix = [
    () => `/api/v1/aggregation?probe_cc=${pick(CCS)}`,
    () => `/api/v1/aggregation?axis_x=measurement_start_day&probe_cc=${pick(CCS)}`,
    () => `/api/v1/aggregation?axis_x=probe_cc`,
    () => `/api/v1/aggregation?axis_x=measurement_start_day&axis_y=test_name&probe_cc=${pick(CCS)}&since=${ago(30)}&until=${today}`,
    () => `/api/v1/aggregation?axis_x=measurement_start_day&test_name=web_connectivity&domain=${site()}`,
    () => `/api/v1/aggregation?axis_x=input&probe_cc=${pick(CCS)}&test_name=web_connectivity&since=${ago(30)}&until=${today}`,
    () => `/api/v1/aggregation?axis_x=category_code&probe_cc=${pick(CCS)}&since=${ago(30)}&until=${today}`,
    () => `/api/v1/aggregation?axis_x=measurement_start_day&since=${ago(7)}&until=${today}&probe_cc=${pick(CCS)}`,
    () => `/api/v1/aggregation?axis_x=blocking_type&probe_cc=${pick(CCS)}&test_name=web_connectivity`,
    () =>
      `/api/v1/aggregation?axis_x=probe_asn&axis_y=measurement_start_day&probe_cc=${pick(CCS)}&since=${ago(90)}&until=${today}&time_grain=week&format=CSV`,
  ];

  const explorerMix = [
    () => '/api/_/countries',
    () => '/api/_/global_overview',
    () => `/api/_/country_overview?probe_cc=${pick(CCS)}`,
    () => `/api/_/test_coverage?probe_cc=${pick(CCS)}`,
    () => `/api/_/website_networks?probe_cc=${pick(CCS)}`,
    () => `/api/_/im_networks?probe_cc=${pick(CCS)}`,
    () => '/api/_/circumvention_stats_by_country',
    () => '/api/_/global_overview_by_month',
  ];

  const perShape = new Map<string, number[]>();
  const timed = async (path: string): Promise<number> => {
    const t = performance.now();
    const res = await fetch(base + path);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
    return performance.now() - t;
  };
  async function measure(mix: (() => string)[]): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < REQUESTS + mix.length; i++) {
      const path = mix[i % mix.length]!();
      const ms = await timed(path);
      if (i < mix.length) continue; // first round is warm-up
      times.push(ms);
      const shape = path.replace(/=[^&]*/g, '=…');
      perShape.set(shape, [...(perShape.get(shape) ?? []), ms]);
    }
    return times.sort((a, b) => a - b);
  }
  /** Each request on both paths, in alternating order: [fresh, counters-only]. */
  async function sideBySide(mix: (() => string)[], requests: number): Promise<[number[], number[]]> {
    const fresh: number[] = [];
    const old: number[] = [];
    for (let i = 0; i < requests + mix.length; i++) {
      const path = mix[i % mix.length]!();
      const pair =
        i % 2 ? [await timed(`/counters-only${path}`), await timed(path)].reverse() : [await timed(path), await timed(`/counters-only${path}`)];
      if (i < mix.length) continue;
      fresh.push(pair[0]!);
      old.push(pair[1]!);
    }
    return [fresh.sort((a, b) => a - b), old.sort((a, b) => a - b)];
  }
  const list = await measure(listMix);
  const agg = await measure(aggMix);
  const [aggFresh, aggOld] = await sideBySide(aggMix, REQUESTS);
  const [explorerFresh, explorerOld] = await sideBySide(explorerMix, Math.min(REQUESTS, 160));
  server.close();

  const [{ version } = { version: '?' }] = await sql<{ version: string }[]>`select version()`;
  console.log(`\nmachine: ${type()} ${cpus().length}× ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`);
  console.log(`database: ${version.split(' on ')[0]}`);
  for (const s of sizes) console.log(`  ${s.t}: ${s.rows} rows, ${s.size}`);
  const fmt = (a: number[]) =>
    `p50 ${percentile(a, 50).toFixed(1)} ms, p99 ${percentile(a, 99).toFixed(1)} ms, max ${a.at(-1)!.toFixed(1)} ms (n=${a.length})`;
  console.log(`list (/api/v1/measurements, ${listMix.length} shapes):        ${fmt(list)}`);
  console.log(`aggregation (/api/v1/aggregation, ${aggMix.length} shapes): ${fmt(agg)}`);
  const ratio = (a: number[], b: number[], p: number) => (percentile(a, p) / percentile(b, p)).toFixed(2);
  console.log(`side by side, ${FRESH} rows changed since the refresh (fresh = counters + live changes, one repeatable-read transaction):`);
  for (const [name, fresh, old] of [
    [`aggregation (${aggMix.length} shapes)`, aggFresh, aggOld],
    [`Explorer (${explorerMix.length} routes)`, explorerFresh, explorerOld],
  ] as const) {
    console.log(`  ${name}: fresh ${fmt(fresh)}`);
    console.log(`  ${name}: counters-only ${fmt(old)}`);
    console.log(`  ${name}: ratio fresh / counters-only p50 ${ratio(fresh, old, 50)}, p99 ${ratio(fresh, old, 99)}`);
  }
  if (process.env.BENCH_VERBOSE) {
    for (const [shape, t] of perShape) console.log(`  ${fmt(t.sort((a, b) => a - b))}  ${shape}`);
  }
  if (args.explain) {
    for (const path of [...listMix, ...aggMix, ...explorerMix].map((shape) => shape())) {
      capture = [];
      const res = await app.request(path);
      await res.arrayBuffer();
      // the route's reads only: not the rate limiter's bookkeeping, transaction control or type look-ups
      const statements = capture.filter((s) => /^\s*(select|with)\b/i.test(s.query) && !/rate_limits|pg_catalog/.test(s.query));
      capture = undefined;
      console.log(`\n### GET ${path}\n\nstatus ${res.status}, ${statements.length} statement(s)`);
      for (const s of statements) {
        const plan = await sql.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${s.query}`, s.params as never[]);
        const text = plan.map((r) => r['QUERY PLAN']).join('\n');
        console.log(`\n\`\`\`\n${s.query.replace(/\s+/g, ' ').trim()}\n-- params ${JSON.stringify(s.params)}\n${text}\n\`\`\``);
      }
    }
  }
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
