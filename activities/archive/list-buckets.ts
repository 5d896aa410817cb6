// What is left to seal: buckets with unsealed staged rows or parts not yet done.
import { sql } from 'drizzle-orm';
import { archiveParts, staged } from '../../drizzle/schema.ts';
import { hourOf, parseHour, type BucketRef } from '../../domain/archive/bucket.ts';
import type { ActivityDeps } from '../deps.ts';

const ts = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

async function openBuckets(deps: Pick<ActivityDeps, 'db'>, from: Date, to: Date): Promise<BucketRef[]> {
  const rows = await deps.db.execute<{ bucket_hour: string; cc: string; test: string }>(sql`
    select to_char(bucket_hour, 'YYYYMMDDHH24') as bucket_hour, probe_cc as cc, replace(test_name, '_', '') as test
      from ${staged} where sealed_at is null and bucket_hour >= ${ts(from)} and bucket_hour < ${ts(to)}
    union
    select to_char(bucket_hour, 'YYYYMMDDHH24'), probe_cc, test_name
      from ${archiveParts} where state <> 'done' and bucket_hour >= ${ts(from)} and bucket_hour < ${ts(to)}
    order by 1, 2, 3`);
  return [...rows].map((r) => ({ hour: r.bucket_hour, cc: r.cc, testName: r.test }));
}

/** Hours that ended before `now` and still have work (oldest first, at most `limit`). */
export function listSealableHours(deps: ActivityDeps) {
  return async (input: { limit: number }): Promise<string[]> => {
    const currentHour = parseHour(hourOf(new Date()))!;
    const rows = await deps.db.execute<{ hour: string }>(sql`
      select distinct to_char(bucket_hour, 'YYYYMMDDHH24') as hour from (
        select bucket_hour from ${staged} where sealed_at is null and bucket_hour < ${ts(currentHour)}
        union all
        select bucket_hour from ${archiveParts} where state <> 'done' and bucket_hour < ${ts(currentHour)}
      ) h order by 1 limit ${input.limit}`);
    return [...rows].map((r) => r.hour);
  };
}

export function listHourBuckets(deps: ActivityDeps) {
  return async (input: { hour: string }): Promise<BucketRef[]> => {
    const start = parseHour(input.hour);
    if (!start) throw new Error(`bad hour ${input.hour}`);
    return openBuckets(deps, start, new Date(start.getTime() + 3_600_000));
  };
}
