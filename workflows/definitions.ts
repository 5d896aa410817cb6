// The queries and signals of the workflows, defined once: the workflows set their handlers from
// here, and the CLI, the API and the tests query with the same definitions.
import { defineQuery } from '@temporalio/workflow';
import type { ReprocessProgress } from './reprocess-types.ts';
import type { AnalysisProgress } from './analysis.ts';

/** The reprocess workflow's progress so far (what `ooni-pipeline reprocess` draws). */
export const reprocessProgressQuery = defineQuery<ReprocessProgress>('reprocessProgress');

/** An hour analysis's progress: phase, measurements analysed, rows written, slices run. */
export const analysisProgressQuery = defineQuery<AnalysisProgress>('analysisProgress');
