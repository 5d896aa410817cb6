// createActivities(deps): every activity the worker registers, each closing over its deps.
import type { ActivityDeps } from './deps.ts';
import { analyseHour, beginHourAnalysis, finishHourAnalysis } from './analysis/analyse-hour.ts';
import { listDueAnalysisHours } from './analysis/due-hours.ts';
import { beginDetectorHour, detectHour, finishDetectorHour } from './detector/detect-hour.ts';
import { computeHourQualityFlags } from './analysis/hour-quality-flags.ts';
import { listHourBuckets, listSealableHours } from './archive/list-buckets.ts';
import { planReprocessDay, reprocessBatch } from './archive/reprocess.ts';
import { sealBucket } from './archive/seal-bucket.ts';
import { insertFastpathRow } from './measurement/insert-row.ts';
import { recordFaultyMeasurement } from './measurement/record-faulty.ts';
import { scoreMeasurement } from './measurement/score.ts';
import { stageForArchive } from './measurement/stage.ts';
import { storeMeasurement } from './measurement/store.ts';
import { validateMeasurement } from './measurement/validate.ts';
import { validateAndScoreMeasurement } from './measurement/validate-and-score.ts';
import { sweepIncomingObjects } from './sweep/sweep-incoming.ts';
import { exportFastpathMonth } from './exports/export-month.ts';
import { refreshCountersJob } from './jobs/counters.ts';
import { refreshFingerprints } from './jobs/fingerprints.ts';
import { applyRetention } from './jobs/retention.ts';
import { summariseSlowQueries } from './jobs/slow-queries.ts';
import { importTestLists } from './jobs/test-lists.ts';
import { refreshUrlCounts } from './jobs/url-counts.ts';

export function createActivities(deps: ActivityDeps) {
  return {
    validateMeasurement: validateMeasurement(deps),
    scoreMeasurement: scoreMeasurement(deps),
    insertFastpathRow: insertFastpathRow(deps),
    stageForArchive: stageForArchive(deps),
    validateAndScoreMeasurement: validateAndScoreMeasurement(deps),
    storeMeasurement: storeMeasurement(deps),
    recordFaultyMeasurement: recordFaultyMeasurement(deps),
    sweepIncomingObjects: sweepIncomingObjects(deps),
    listSealableHours: listSealableHours(deps),
    listHourBuckets: listHourBuckets(deps),
    sealBucket: sealBucket(deps),
    planReprocessDay: planReprocessDay(deps),
    reprocessBatch: reprocessBatch(deps),
    importTestLists: importTestLists(deps),
    refreshUrlCounts: refreshUrlCounts(deps),
    refreshFingerprints: refreshFingerprints(deps),
    refreshCountersJob: refreshCountersJob(deps),
    applyRetention: applyRetention(deps),
    summariseSlowQueries: summariseSlowQueries(deps),
    listDueAnalysisHours: listDueAnalysisHours(deps),
    beginHourAnalysis: beginHourAnalysis(deps),
    analyseHour: analyseHour(deps),
    finishHourAnalysis: finishHourAnalysis(deps),
    beginDetectorHour: beginDetectorHour(deps),
    detectHour: detectHour(deps),
    finishDetectorHour: finishDetectorHour(deps),
    computeHourQualityFlags: computeHourQualityFlags(deps),
    exportFastpathMonth: exportFastpathMonth(deps),
  };
}
