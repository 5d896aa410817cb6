// The analysis coordinator's look-up: fold new observation_status changes into analysis_hours
// (a cursor over seq), then list the hours due: changed since their last analysis, closed, and
// complete (every upload received before the hour ended has been observed or rejected).
import { sql } from 'drizzle-orm';
import { analysisCursor, analysisHours, faultyMeasurements, observationStatus, uploads } from '../../drizzle/schema.ts';
import type { ActivityDeps } from '../deps.ts';
import { takeSeqLockExclusive } from '../measurement/write-observations.ts';

export interface DueHoursInput {
  limit: number;
  /** an analysed hour runs again no sooner than this (and half the time since its first run) */
  minRerunMinutes: number;
  /** an upload still unprocessed after this long stops holding its hours back (it re-opens them when it lands) */
  pendingGiveUpMinutes: number;
}

/** Every observation_status row at or below the returned seq is committed (see SEQ lock). */
export async function committedSeq(deps: Pick<ActivityDeps, 'db'>, hour?: string): Promise<number> {
  return deps.db.transaction(async (tx) => {
    await takeSeqLockExclusive(tx);
    const where = hour === undefined ? sql`true` : sql`${observationStatus.hour} = ${hour}`;
    const [row] = await tx.execute<{ seq: string }>(
      sql`select coalesce(max(${observationStatus.seq}), 0)::text as seq from ${observationStatus} where ${where}`,
    );
    return Number(row?.seq ?? 0);
  });
}

/** Moves the cursor to `upTo`, raising each touched hour's observed_seq. Serialised on the cursor row. */
async function collect(deps: Pick<ActivityDeps, 'db'>, upTo: number): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.insert(analysisCursor).values({ id: 1, seq: 0 }).onConflictDoNothing();
    const [cursor] = await tx.execute<{ seq: string }>(sql`select seq::text as seq from ${analysisCursor} where id = 1 for update`);
    const from = Number(cursor?.seq ?? 0);
    if (upTo <= from) return;
    await tx.execute(sql`
      insert into ${analysisHours} (hour, observed_seq)
      select hour, max(seq) from ${observationStatus} where seq > ${from} and seq <= ${upTo} group by hour
      on conflict (hour) do update set observed_seq = greatest(${analysisHours.observed_seq}, excluded.observed_seq)`);
    await tx.execute(sql`update ${analysisCursor} set seq = ${upTo} where id = 1`);
  });
}

export function listDueAnalysisHours(deps: ActivityDeps) {
  return async (input: DueHoursInput): Promise<string[]> => {
    await collect(deps, await committedSeq(deps));
    const now = deps.clock().toISOString();
    // hours are UTC `timestamp`s; `at time zone 'UTC'` makes them comparable with timestamptz
    const rows = await deps.db.execute<{ hour: string }>(sql`
      select to_char(h.hour, 'YYYY-MM-DD"T"HH24') as hour from ${analysisHours} h
      where h.observed_seq > h.analysed_seq
        and (h.hour at time zone 'UTC') + interval '1 hour' <= ${now}::timestamptz
        and (h.analysed_at is null
             or h.analysed_at + greatest(make_interval(mins => ${input.minRerunMinutes}), (h.analysed_at - h.first_analysed_at) / 2) <= ${now}::timestamptz)
        and not exists (
          select 1 from ${uploads} u
          where u.received_at >= (h.hour at time zone 'UTC') - interval '24 hours'
            and u.received_at < (h.hour at time zone 'UTC') + interval '1 hour'
            and u.received_at > ${now}::timestamptz - make_interval(mins => ${input.pendingGiveUpMinutes})
            and not exists (select 1 from ${observationStatus} s where s.measurement_uid = u.measurement_uid)
            and not exists (select 1 from ${faultyMeasurements} f where f.measurement_uid = u.measurement_uid))
      order by h.hour
      limit ${input.limit}`);
    return [...rows].map((r) => r.hour);
  };
}
