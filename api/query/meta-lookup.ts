// Looks up one fastpath row by uid, or by report_id (+ input), with its Citizen Lab category.
import type postgres from 'postgres';

export interface MetaRow {
  measurement_uid: string;
  report_id: string;
  input: string;
  probe_cc: string;
  probe_asn: string;
  test_name: string;
  mst: string;
  tst: string;
  anomaly: boolean;
  confirmed: boolean;
  msm_failure: boolean;
  scores: string;
  is_verified: string;
  category_code: string | null;
}

export type MetaKey = { uid: string } | { reportId: string; input?: string };

export async function lookupMeta(sql: postgres.Sql, key: MetaKey): Promise<MetaRow | null> {
  // category_code: '' when looked up with an input and no list has it, null when no input was given
  const category =
    'reportId' in key && key.input === undefined
      ? sql`null::text`
      : sql`coalesce((select cl.category_code from citizenlab cl where cl.url = f.input
                      order by (cl.cc = 'ZZ') desc, cl.cc limit 1), '')`;
  const where = 'uid' in key ? sql`f.measurement_uid = ${key.uid}` : sql`f.report_id = ${key.reportId} and f.input = ${key.input ?? ''}`;
  const [row] = await sql<MetaRow[]>`
    select f.measurement_uid, f.report_id, f.input, f.probe_cc, f.probe_asn::text as probe_asn, f.test_name,
           f.measurement_start_time::text as mst, f.test_start_time::text as tst,
           f.anomaly, f.confirmed, f.msm_failure, f.scores, f.is_verified, ${category} as category_code
    from fastpath f where ${where} and f.probe_asn <> 0
    order by f.measurement_uid limit 1`;
  return row ?? null;
}
