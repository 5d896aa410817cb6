// Counters refresh job: runs refreshCounters (refresh-counters.ts) over the fastpath rows changed since
// the last successful run (a watermark in job_watermarks, taken before the run with a minute of
// slack for transactions still in flight), or the last day on the first run.
import { refreshCounters } from './refresh-counters.ts';
import type { ActivityDeps } from '../deps.ts';
import { rawSql } from './raw-sql.ts';

export interface RefreshCountersResult {
  since: string;
  days: string[];
  durationMs: number;
}

const WATERMARK = 'counters';
const SLACK_MS = 60_000;

export function refreshCountersJob(deps: ActivityDeps) {
  return async (input: { since?: string } = {}): Promise<RefreshCountersResult> => {
    const started = new Date();
    const sql = rawSql(deps.db);
    // timestamps cross this (drizzle-configured) client as ISO text, not Date objects
    const [mark] = await sql<
      { value: string }[]
    >`select to_char(value at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as value from job_watermarks where name = ${WATERMARK}`;
    const since = input.since ? new Date(input.since) : mark ? new Date(Date.parse(mark.value) - SLACK_MS) : new Date(started.getTime() - 86_400_000);
    const { days } = await refreshCounters({ sql }, { since });
    await sql`insert into job_watermarks (name, value) values (${WATERMARK}, ${started.toISOString()}::timestamptz)
      on conflict (name) do update set value = greatest(job_watermarks.value, excluded.value)`;
    const result = { since: since.toISOString(), days, durationMs: Date.now() - started.getTime() };
    deps.log.info(result, 'counters refreshed');
    return result;
  };
}
