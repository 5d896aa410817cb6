// Inputs and results of the archive activities: keys and counts, never bodies.
import type { BucketRef } from '../../domain/archive/bucket.ts';

export interface SealBucketInput extends BucketRef {
  collectorId: string;
  /** cap on a part's uncompressed tar size */
  partBytes: number;
}

export interface SealBucketResult {
  /** jsonl keys of the parts committed by this run */
  committed: string[];
  measurements: number;
  /** staged rows whose incoming object is gone (left unsealed; verify reports them) */
  missing: number;
}

export interface ReprocessFilter {
  /** `YYYYMMDD` */
  day: string;
  probeCc?: string | undefined;
  /** without underscores */
  testName?: string | undefined;
}

export interface ReprocessBatch extends ReprocessFilter {
  /** inclusive bounds on jsonl keys */
  fromKey: string;
  toKey: string;
  files: number;
  measurements: number;
}

export interface ReprocessBatchResult {
  files: number;
  measurements: number;
  rejected: number;
  /** measurements whose v5 observations could not be made (observation_status `faulty`) */
  faultyObservations: number;
  /** `anomaly f→t` etc. → count */
  transitions: Record<string, number>;
}
