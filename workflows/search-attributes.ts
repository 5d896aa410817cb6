// Custom search attributes: operators find a measurement's run in the Web UI by these.
// Registered by the dev server at start (stack/services/temporal.ts); on a real cluster,
// register them once with `temporal operator search-attribute create` (see README).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const MEASUREMENT_UID = defineSearchAttributeKey('measurement_uid', SearchAttributeType.KEYWORD);
export const PROBE_CC = defineSearchAttributeKey('probe_cc', SearchAttributeType.KEYWORD);
export const TEST_NAME = defineSearchAttributeKey('test_name', SearchAttributeType.KEYWORD);
export const REPORT_ID = defineSearchAttributeKey('report_id', SearchAttributeType.KEYWORD);
/** scored | rejected: lets operators list the measurements that failed validation. */
export const INGEST_STATUS = defineSearchAttributeKey('ingest_status', SearchAttributeType.KEYWORD);

/** Name → type as the Temporal CLI spells it. */
export const SEARCH_ATTRIBUTES: Record<string, 'Keyword'> = {
  measurement_uid: 'Keyword',
  probe_cc: 'Keyword',
  test_name: 'Keyword',
  report_id: 'Keyword',
  ingest_status: 'Keyword',
};

/** Temporal's own attribute on a scheduled run: the time it was due (not when it started). */
export const SCHEDULED_START_TIME = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);
