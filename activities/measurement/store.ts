import type { ActivityDeps } from '../deps.ts';
import { readFastpathWriteInputs, writeFastpathRow, type InsertRowInput, type InsertRowResult } from './insert-row.ts';
import { stageRow, type StageInput } from './stage.ts';

export interface StoreMeasurementInput {
  fastpath: InsertRowInput;
  stage: StageInput;
}

/**
 * The fastpath row (with its observations and quality flags) and its archive staging in one
 * transaction: one activity, one round trip through Temporal, and never a row without its
 * staging or the reverse. Idempotent as both parts are (upsert, insert-or-nothing).
 */
export function storeMeasurement(deps: ActivityDeps) {
  return async (input: StoreMeasurementInput): Promise<InsertRowResult> => {
    const read = await readFastpathWriteInputs(deps, input.fastpath);
    return deps.db.transaction(async (tx) => {
      const result = await writeFastpathRow(deps, tx, input.fastpath, read);
      await stageRow(tx, input.stage);
      return result;
    });
  };
}
