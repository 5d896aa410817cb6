// The reprocess workflow's input and progress, shared by the workflow, its query and its callers.

import type { ReprocessRange } from '../domain/reprocess-request.ts';

export interface ReprocessInput extends ReprocessRange {
  batchMeasurements?: number;
  /** carried across continue-as-new */
  progress?: ReprocessProgress;
}

export interface ReprocessProgress {
  day: string;
  daysDone: number;
  days: number;
  /** measurements planned so far (grows day by day) */
  planned: number;
  measurements: number;
  files: number;
  rejected: number;
  /** measurements whose v5 observations could not be made */
  faultyObservations: number;
  transitions: Record<string, number>;
}
