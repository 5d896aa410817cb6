// The v5 tables (drizzle/v5-schema.ts) and the row types the pure code makes
// (domain/observations/types.ts, domain/analysis/types.ts) name the same columns with the same
// types: the assignments below fail `tsc` (test/unit/lint/typecheck.test.ts) when they drift,
// and the test fails when a table gains a column the row type lacks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTableColumns } from 'drizzle-orm';
import { analysisWebMeasurement, obsHttpMiddlebox, obsWeb, obsWebCtrl } from '../../../drizzle/v5-schema.ts';
import type { ObsHttpMiddleboxRow, ObsWebCtrlRow, ObsWebRow } from '../../../domain/observations/types.ts';
import type { AnalysisWebMeasurementRow } from '../../../domain/analysis/types.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const sameTypes: [
  Same<ObsWebRow, typeof obsWeb.$inferSelect>,
  Same<ObsWebCtrlRow, typeof obsWebCtrl.$inferSelect>,
  Same<ObsHttpMiddleboxRow, typeof obsHttpMiddlebox.$inferSelect>,
  Same<AnalysisWebMeasurementRow, typeof analysisWebMeasurement.$inferSelect>,
] = [true, true, true, true];

test('every v5 table column is named as in SQL by its row-type key', () => {
  assert.deepEqual(sameTypes, [true, true, true, true]);
  for (const table of [obsWeb, obsWebCtrl, obsHttpMiddlebox, analysisWebMeasurement]) {
    for (const [key, column] of Object.entries(getTableColumns(table))) assert.equal(column.name, key);
  }
});
