// The columns of a fastpath export, in the fastpath table's order: OONI's 26 fastpath columns
// (reference ooni-fastpath §1.4, its INSERT order) then our provenance, fingerprints_version and
// update_time. One list for the SELECT, the CSV header and the Parquet schema.

/** How a column is typed in the files: int64 values arrive as decimal strings (exact beyond 2^53). */
type ExportColumnKind = 'text' | 'int64' | 'bool' | 'float64' | 'timestamp';

export interface ExportColumn {
  name: string;
  kind: ExportColumnKind;
  nullable?: true;
}

const text = (name: string): ExportColumn => ({ name, kind: 'text' });
const time = (name: string): ExportColumn => ({ name, kind: 'timestamp' });
const flag = (name: string): ExportColumn => ({ name, kind: 'bool' });

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  text('measurement_uid'),
  text('report_id'),
  text('input'),
  text('domain'),
  text('probe_cc'),
  { name: 'probe_asn', kind: 'int64' },
  text('test_name'),
  time('test_start_time'),
  time('measurement_start_time'),
  text('scores'),
  text('platform'),
  flag('anomaly'),
  flag('confirmed'),
  flag('msm_failure'),
  text('blocking_type'),
  text('software_name'),
  text('software_version'),
  text('test_version'),
  { name: 'test_runtime', kind: 'float64' },
  text('architecture'),
  text('engine_name'),
  text('engine_version'),
  text('test_helper_address'),
  text('test_helper_type'),
  { name: 'ooni_run_link_id', kind: 'int64', nullable: true },
  text('is_verified'),
  text('fingerprints_version'),
  time('update_time'),
];

/**
 * One exported row as the export query returns it: text as strings, int64 as decimal strings,
 * booleans, test_runtime as a number, timestamps as epoch milliseconds (UTC); null only where
 * the column is nullable.
 */
export type ExportRow = Record<string, string | number | boolean | null>;
