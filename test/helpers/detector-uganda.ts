// The fixture of ooni/data's test_detector_uganda (ooni-data.md §10.4): the analysis rows of
// tests/data/ug-analysis.sql (test/fixtures/ooni-data-detector/) and the run it is checked with.
import { readFileSync } from 'node:fs';
import type { AnalysisWebMeasurementRow } from '../../domain/analysis/types.ts';
import { readClickhouseInserts } from './clickhouse-inserts.ts';
import { analysisRow } from './query/v5-rows.ts';

const FIXTURE = new URL('../fixtures/ooni-data-detector/ug-analysis.sql', import.meta.url);

/** Upstream runs the detector over [2025-12-03, 2026-02-12) in 3-hour windows with edd = 10. */
export const UGANDA_RUN = { start: Date.UTC(2025, 11, 3), end: Date.UTC(2026, 1, 12), edd: 10 };

/** The fixture's one INSERT: table name and rows as upstream's column names → values. */
export function ugandaInsert() {
  const inserts = readClickhouseInserts(readFileSync(FIXTURE, 'utf8'));
  if (inserts.length !== 1) throw new Error(`ug-analysis.sql: ${inserts.length} INSERT statements, expected 1`);
  return inserts[0]!;
}

/** The fixture rows as full analysis_web_measurement rows (columns the fixture lacks get test values). */
export function ugandaAnalysisRows(): AnalysisWebMeasurementRow[] {
  return ugandaInsert().rows.map((r) => analysisRow(r as Partial<AnalysisWebMeasurementRow>));
}

/** epoch ms of a `YYYY-MM-DD HH:MM:SS.fff` UTC time */
export const utcMs = (t: string): number => Date.parse(`${t.replace(' ', 'T')}Z`);
