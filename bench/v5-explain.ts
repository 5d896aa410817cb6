// bench/v5-explain — fills the v5 tables of DATABASE_URL with a generated dataset of realistic size
// (1 000 000 obs_web rows over 60 days, 200 000 analysis rows, 200 000 control rows, 20 000
// changepoints; generate_series in SQL, each table skipped when not empty), then calls each v5
// route through the real app and prints EXPLAIN (ANALYZE, BUFFERS) of the SQL it ran.
//   DATABASE_URL=postgres://… node --import tsx bench/v5-explain.ts > plans.txt
import type { Client } from '@temporalio/client';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../drizzle/schema.ts';
import { createQueryRoutes } from '../api/query/index.ts';
import { runtimeSchema } from '../lib/config.ts';
import { infraOf } from '../lib/infra.ts';
import { createLogger } from '../lib/logger.ts';
import { applyMigrations } from '../lib/migrate.ts';
import type { ObjectStore } from '../lib/s3.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const END = '2024-11-30 00:00:00';
const NOW = new Date('2024-11-30T00:00:00Z');
const CCS = `array['US','RU','IT','BR','IN','DE','IR','CN','TR','ID','MX','GB','FR','UA','VE','EG','PK','KZ','MY','TH']`;
const FAILURES = `array['dns_nxdomain_error','generic_timeout_error','connection_reset','connection_refused','unknown_failure: read: eof','ssl_invalid_hostname']`;

async function fill(sql: postgres.Sql): Promise<void> {
  const empty = async (table: string) => (await sql`select 1 from ${sql(table)} limit 1`).length === 0;
  // 333 334 measurements × 3 rows; measurement m at END − (m mod 60 days), spread over the day by a hash
  if (await empty('obs_web'))
    await sql.unsafe(`
    insert into obs_web (measurement_uid, input, report_id, ooni_run_link_id, measurement_start_time, software_name, software_version,
      test_name, test_version, bucket_date, probe_asn, probe_cc, probe_as_org_name, probe_as_cc, probe_as_name, network_type, platform,
      origin, engine_name, engine_version, architecture, resolver_ip, resolver_asn, resolver_cc, resolver_as_org_name, resolver_as_cc,
      resolver_is_scrubbed, resolver_asn_probe, resolver_as_org_name_probe, probe_id, transformer_version, enrichment_version,
      observation_idx, created_at, hostname, ip, port, dns_failure, tcp_failure, tcp_success, tls_failure, http_failure, http_request_url,
      tls_end_entity_certificate_san_list, tls_certificate_chain_fingerprints, probe_analysis)
    select 'u' || lpad(m::text, 8, '0'), 'https://site-' || (m % 3000) || '.example/', 'r' || lpad((m / 10)::text, 20, '0'),
      case when m % 50 = 0 then '1234' else '' end,
      timestamp '${END}' - make_interval(secs => (m % 60) * 86400 + ((m * 2654435761::bigint) % 86400)),
      'ooniprobe-cli', '3.20.0', case when m % 10 < 8 then 'web_connectivity' else 'whatsapp' end, '0.4.3', '2024-11-01',
      (m % 500) + 1000, (${CCS})[(m % 20) + 1], 'Org', 'ZZ', 'AS', 'wifi', 'linux', 'ooni-run', 'ooniprobe-engine', '3.20.0', 'amd64',
      '10.0.0.1', case when m % 7 = 0 then 15169 else (m % 500) + 1000 end, 'ZZ', 'Org', 'ZZ', false, 0, '', '', '1', 'bench',
      i, timestamp '${END}', 'site-' || (m % 3000) || '.example', case when i = 3 then null else '192.0.2.' || (m % 250) end,
      case when i = 3 then null else 443 end,
      case when i = 1 and m % 10 = 0 then (${FAILURES})[1] end,
      case when i = 1 and m % 13 = 0 then (${FAILURES})[(m % 6) + 1] end,
      case when i = 3 then null else m % 13 <> 0 end,
      case when i = 2 and m % 11 = 0 then (${FAILURES})[(m % 6) + 1] end,
      case when i = 3 and m % 9 = 0 then (${FAILURES})[(m % 6) + 1] end,
      case when i = 3 then 'https://site-' || (m % 3000) || '.example/' end, '{}', '{}', 'false'
    from generate_series(0, 333333) m, generate_series(1, 3) i`);
  if (await empty('analysis_web_measurement'))
    await sql.unsafe(`
    insert into analysis_web_measurement (domain, input, test_name, probe_asn, probe_as_org_name, probe_cc, resolver_asn, resolver_as_cc,
      network_type, measurement_start_time, measurement_uid, ooni_run_link_id, top_probe_analysis, top_dns_failure, top_tcp_failure,
      top_tls_failure, dns_blocked, dns_down, dns_ok, tcp_blocked, tcp_down, tcp_ok, tls_blocked, tls_down, tls_ok, top_dns_rule_id,
      top_tcp_rule_id, top_tls_rule_id, probe_id, analysis_rules_version, transformer_version, enrichment_version, fingerprints_version)
    select 'site-' || (m % 3000) || '.example', 'https://site-' || (m % 3000) || '.example/', 'web_connectivity', (m % 500) + 1000, 'Org',
      (${CCS})[(m % 20) + 1], (m % 500) + 1000, 'ZZ', 'wifi',
      timestamp '${END}' - make_interval(secs => (m % 60) * 86400 + ((m * 2654435761::bigint) % 86400)),
      'a' || lpad(m::text, 8, '0'), '', 'false',
      case when m % 10 = 0 then (${FAILURES})[1] end, case when m % 13 = 0 then (${FAILURES})[(m % 6) + 1] end,
      case when m % 11 = 0 then (${FAILURES})[(m % 6) + 1] end,
      case when m % 10 = 0 then 0.9 else 0 end, 0, case when m % 10 = 0 then 0.1 else 1 end,
      case when m % 13 = 0 then 0.75 else 0 end, 0, case when m % 13 = 0 then 0.25 else 1 end,
      case when m % 11 = 0 then 0.6 else 0 end, 0, case when m % 11 = 0 then 0.4 else 1 end,
      'dns.ok', 'tcp.connect_ok', 'tls.handshake_ok', '', 2, '1', 'bench', 'bench'
    from generate_series(0, 199999) m`);
  if (await empty('obs_web_ctrl'))
    await sql.unsafe(`
    insert into obs_web_ctrl (measurement_uid, input, report_id, ooni_run_link_id, measurement_start_time, software_name, software_version,
      test_name, test_version, bucket_date, transformer_version, enrichment_version, observation_idx, hostname, ip, port, ip_asn,
      dns_success, tcp_success, tls_success, tls_failure)
    select 'u' || lpad(m::text, 8, '0'), 'https://site-' || (m % 3000) || '.example/', 'r', '',
      timestamp '${END}' - make_interval(secs => (m % 60) * 86400 + ((m * 2654435761::bigint) % 86400)),
      'ooniprobe-cli', '3.20.0', 'web_connectivity', '0.4.3', '2024-11-01', '1', 'bench', i, 'site-' || (m % 3000) || '.example',
      '192.0.2.' || (m % 250), case when i = 0 then 443 else 80 end, 13335, true, true, case when i = 0 then true end, null
    from generate_series(0, 99999) m, generate_series(0, 1) i`);
  if (await empty('event_detector_changepoints'))
    await sql.unsafe(`
    insert into event_detector_changepoints (probe_asn, probe_cc, domain, ts, count_isp_resolver, count_other_resolver, count,
      dns_isp_blocked, dns_other_blocked, tcp_blocked, tls_blocked, change_dir, s_pos, s_neg, current_state, h, block_type, analysis_rules_version)
    select (m % 500) + 1000, (${CCS})[(m % 20) + 1], 'site-' || (m % 3000) || '.example',
      timestamp '${END}' - make_interval(hours => m), 10, 2, 12, 0.9, 0, 0, 0, case when m % 2 = 0 then 1 else -1 end,
      3.6, 0, 'ok', 3.5, 'dns_isp_blocked', 2
    from generate_series(0, 19999) m`);
  await sql.unsafe('analyze obs_web; analyze analysis_web_measurement; analyze obs_web_ctrl; analyze event_detector_changepoints');
}

const REQUESTS = [
  '/api/v1/observations',
  '/api/v1/observations?probe_cc=IT',
  '/api/v1/observations?probe_asn=1042&limit=1000',
  '/api/v1/analysis?probe_cc=IT',
  '/api/v1/aggregation/observations?group_by=failure&group_by=timestamp&data=observations&test_name=web_connectivity&since=2024-10-31&until=2024-11-30&time_grain=day&probe_cc=IT',
  '/api/v1/aggregation/observations?group_by=failure&group_by=timestamp&hostname=site-17.example&since=2024-10-31&until=2024-11-30',
  '/api/v1/aggregation/observations/ctrl?hostname=site-17.example&since=2024-11-12&until=2024-11-14',
  '/api/v1/aggregation/analysis?axis_x=measurement_start_day&since=2024-10-31&until=2024-11-30&probe_cc=IT&test_name=web_connectivity&time_grain=day',
  '/api/v1/aggregation/analysis?axis_x=measurement_start_day&axis_y=probe_asn&domain=site-17.example&since=2024-10-31&until=2024-11-30',
  '/api/v1/detector/changepoints',
  '/api/v1/detector/changepoints?probe_cc=VE&since=2024-09-01',
];

await applyMigrations(url);
const captured: { query: string; params: unknown[] }[] = [];
const sql = postgres(url, {
  max: 4,
  onnotice: () => {},
  transform: { undefined: null },
  connection: { TimeZone: 'UTC' },
  debug: (_c, query, params) => captured.push({ query, params: params as unknown[] }),
});
const t0 = performance.now();
await fill(sql);
console.log(`-- dataset ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
for (const t of ['obs_web', 'analysis_web_measurement', 'obs_web_ctrl', 'event_detector_changepoints']) {
  const [r] = await sql<
    { n: number; size: string }[]
  >`select count(*)::int as n, pg_size_pretty(pg_total_relation_size(${t})) as size from ${sql(t)}`;
  console.log(`-- ${t}: ${r!.n} rows, ${r!.size} with indexes`);
}
const config = runtimeSchema.parse({ DATABASE_URL: url, PUBLIC_BASE_URL: 'http://bench' });
const database = { sql, db: drizzle(sql, { schema }), close: () => sql.end() };
const deps = {
  ...infraOf({ database, store: {} as ObjectStore, temporal: {} as Client, log: createLogger('bench', 'silent'), clock: () => NOW }),
  config,
};
const app = createQueryRoutes(deps, { rateLimit: false });
for (const path of REQUESTS) {
  captured.length = 0;
  const started = performance.now();
  const res = await app.request(path);
  const ms = performance.now() - started;
  // postgres.js's own array-type lookup on a new connection is not the route's
  const statements = captured.splice(0).filter((s) => !s.query.includes('pg_catalog.pg_type'));
  console.log(`\n### GET ${path}\n\nstatus ${res.status}, ${ms.toFixed(1)} ms through the app, ${statements.length} statement(s)`);
  for (const s of statements) {
    const plan = await sql.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${s.query}`, s.params as postgres.ParameterOrJSON<never>[]);
    console.log(
      '\n```\n' +
        s.query.replace(/\s+/g, ' ').trim() +
        '\n-- params ' +
        JSON.stringify(s.params) +
        '\n' +
        plan.map((r) => r['QUERY PLAN']).join('\n') +
        '\n```',
    );
  }
}
await sql.end();
