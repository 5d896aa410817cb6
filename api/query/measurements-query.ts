// The SQL of GET /api/v1/measurements: one indexed scan of fastpath ordered by time; the
// anomaly/confirmed/failure filters are checked on the index entries (drizzle/schema.ts).
import type postgres from 'postgres';
import { pgTimestamp } from './format.ts';
import type { MeasurementFilter } from './measurement-filters.ts';

export interface ListRow {
  measurement_uid: string;
  report_id: string;
  probe_cc: string;
  probe_asn: string;
  test_name: string;
  mst: string;
  input: string;
  anomaly: boolean;
  confirmed: boolean;
  msm_failure: boolean;
  scores: string;
  is_verified: string;
}

type Fragment = postgres.PendingQuery<postgres.Row[]>;

export function joinAnd(sql: postgres.Sql, conds: Fragment[]): Fragment {
  return conds.reduce((acc, cond) => sql`${acc} and ${cond}`, sql`true`);
}

function measurementConditions(sql: postgres.Sql, f: MeasurementFilter): Fragment[] {
  const c: Fragment[] = [];
  if (f.reportId) c.push(sql`f.report_id = ${f.reportId}`);
  if (f.input) c.push(sql`md5(f.input) = md5(${f.input}) and f.input = ${f.input}`);
  if (f.domains) c.push(sql`f.domain in ${sql(f.domains)}`);
  c.push(f.probeCcs ? sql`f.probe_cc in ${sql(f.probeCcs)}` : sql`f.probe_cc <> 'ZZ'`);
  c.push(f.probeAsns ? sql`f.probe_asn in ${sql(f.probeAsns)}` : sql`f.probe_asn <> 0`);
  if (f.testNames) c.push(sql`f.test_name in ${sql(f.testNames)}`);
  if (f.since) c.push(sql`f.measurement_start_time > ${pgTimestamp(f.since)}::timestamp`);
  if (f.until) c.push(sql`f.measurement_start_time <= ${pgTimestamp(f.until)}::timestamp`);
  if (f.anomaly !== undefined) c.push(sql`f.anomaly = ${f.anomaly}`);
  if (f.confirmed !== undefined) c.push(sql`f.confirmed = ${f.confirmed}`);
  if (f.failure !== undefined) c.push(sql`f.msm_failure = ${f.failure}`);
  if (f.softwareVersions) c.push(sql`f.software_version in ${sql(f.softwareVersions)}`);
  if (f.testVersions) c.push(sql`f.test_version in ${sql(f.testVersions)}`);
  if (f.engineVersions) c.push(sql`f.engine_version in ${sql(f.engineVersions)}`);
  if (f.ooniRunLinkIds) c.push(sql`f.ooni_run_link_id in ${sql(f.ooniRunLinkIds)}`);
  if (f.categoryCode) {
    // A test instead of OONI's join: a URL in several lists no longer duplicates rows. `is true`
    // keeps the planner from turning the IN into a semi join (one citizenlab index probe per
    // fastpath row read); it becomes a hashed subplan: the category's URLs are read once and each
    // row is checked against a hash table while the time-ordered index scan runs.
    c.push(sql`(f.input in (select cl.url from citizenlab cl where cl.category_code = ${f.categoryCode})) is true`);
  }
  return c;
}

export function listMeasurements(sql: postgres.Sql, f: MeasurementFilter): Promise<ListRow[]> {
  const dir = f.order === 'asc' ? sql`asc` : sql`desc`;
  return sql<ListRow[]>`
    select f.measurement_uid, f.report_id, f.probe_cc, f.probe_asn::text as probe_asn, f.test_name,
           f.measurement_start_time::text as mst, f.input, f.anomaly, f.confirmed, f.msm_failure, f.scores, f.is_verified
    from fastpath f
    where ${joinAnd(sql, measurementConditions(sql, f))}
    order by f.measurement_start_time ${dir}, f.measurement_uid ${dir}
    limit ${f.limit} offset ${f.offset}`;
}
