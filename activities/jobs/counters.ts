// Counters refresh job: runs refreshCounters (refresh-counters.ts), which recomputes the days
// changed since the counters' watermark and moves the watermark, in one transaction.
import { refreshCounters } from './refresh-counters.ts';
import type { ActivityDeps } from '../deps.ts';
import { rawSql } from './raw-sql.ts';

export interface RefreshCountersResult {
  days: string[];
  snapshot: string;
  durationMs: number;
}

export function refreshCountersJob(deps: ActivityDeps) {
  return async (input: { since?: string } = {}): Promise<RefreshCountersResult> => {
    const started = Date.now();
    const { days, snapshot } = await refreshCounters({ sql: rawSql(deps.db) }, input.since ? { since: new Date(input.since) } : {});
    const result = { days, snapshot, durationMs: Date.now() - started };
    deps.log.info(result, 'counters refreshed');
    return result;
  };
}
