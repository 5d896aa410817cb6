// The hourly data-quality job of one analysis hour (docs/v5-data.md "Data quality"): reads the
// hour's fastpath rows in batches (heartbeating), computes the flags (domain/data-quality, pure)
// and, in one transaction, makes the hour's rows of the job's types (and the provisional
// ingest-time `clock_drift`) exactly that answer: stale rows deleted, new or changed rows
// upserted, unchanged rows left as they are (so a re-run changes no byte, `ts` included).
import { heartbeat, Context } from '@temporalio/activity';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { dataQualityFlags } from '../../drizzle/schema.ts';
import { hourWindow } from '../../domain/analysis-hour.ts';
import { hourlyQualityFlags, REPLACED_FLAG_TYPES, type HourlyFlag } from '../../domain/data-quality/hour-flags.ts';
import type { QualityRow } from '../../domain/data-quality/types.ts';
import { DEFAULT_QUALITY_SETTINGS } from '../../domain/quality-flags.ts';
import type { ActivityDeps } from '../deps.ts';
import { pgText } from '../measurement/insert-row.ts';

export interface HourQualityFlagsResult {
  hour: string;
  /** fastpath rows of the hour read */
  measurements: number;
  /** the hour's job-made flags after the run */
  flags: number;
  /** rows inserted or changed / deleted by this run */
  written: number;
  removed: number;
}

const BATCH = 2000;
const CHUNK = 500;

/** Canonical JSON (keys sorted): jsonb does not keep key order. */
const canonical = (v: unknown): string =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? `{${Object.keys(v)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
        .join(',')}}`
    : JSON.stringify(v);

const keyOf = (uid: string, type: string) => `${type} ${uid}`;

/** The hour's rows, the columns §8 reads, streamed in batches. */
async function hourRows(deps: ActivityDeps, hour: string, progress: { measurements: number }): Promise<QualityRow[]> {
  const { start, end } = hourWindow(hour);
  // the cursor callbacks run outside the activity's async context: heartbeat through it directly
  const context = Context.current();
  const rows: QualityRow[] = [];
  await deps.sql`
    select measurement_uid, probe_cc, probe_asn::float8 as probe_asn,
           to_char(measurement_start_time, 'YYYY-MM-DD HH24:MI:SS') as measurement_start_time,
           engine_version, software_name, software_version, platform, architecture
    from fastpath where measurement_start_time >= ${start} and measurement_start_time < ${end}`.cursor(BATCH, (batch) => {
    for (const r of batch) rows.push(r as unknown as QualityRow);
    progress.measurements += batch.length;
    context.heartbeat(progress);
  });
  return rows;
}

export function computeHourQualityFlags(deps: ActivityDeps) {
  const settings = deps.quality ?? DEFAULT_QUALITY_SETTINGS;
  return async (input: { hour: string }): Promise<HourQualityFlagsResult> => {
    const progress = { hour: input.hour, phase: 'reading', measurements: 0 };
    heartbeat(progress);
    const rows = await hourRows(deps, input.hour, progress);
    const flags = hourlyQualityFlags(input.hour, rows, settings);
    const wanted = new Map<string, HourlyFlag>(flags.map((f) => [keyOf(f.measurement_uid, f.type), f]));
    const { start, end } = hourWindow(input.hour);
    const t = dataQualityFlags;
    let written = 0;
    let removed = 0;
    await deps.db.transaction(async (tx) => {
      const existing = await tx
        .select({ uid: t.measurementUid, type: t.type, details: t.details })
        .from(t)
        .where(
          and(
            inArray(t.type, [...REPLACED_FLAG_TYPES]),
            gte(t.measurementStartTime, new Date(`${start}Z`)),
            lt(t.measurementStartTime, new Date(`${end}Z`)),
          ),
        )
        .for('update');
      const stale = new Map<string, string[]>();
      const unchanged = new Set<string>();
      for (const e of existing) {
        const key = keyOf(e.uid, e.type);
        const want = wanted.get(key);
        if (!want) stale.set(e.type, [...(stale.get(e.type) ?? []), e.uid]);
        else if (canonical(want.details) === canonical(e.details)) unchanged.add(key);
      }
      for (const [type, uids] of stale) {
        for (let i = 0; i < uids.length; i += CHUNK) {
          const r = await tx.delete(t).where(and(eq(t.type, type as HourlyFlag['type']), inArray(t.measurementUid, uids.slice(i, i + CHUNK))));
          removed += r.count;
        }
      }
      const changed = flags.filter((f) => !unchanged.has(keyOf(f.measurement_uid, f.type)));
      for (let i = 0; i < changed.length; i += CHUNK) {
        await tx
          .insert(t)
          .values(
            changed.slice(i, i + CHUNK).map((f) => ({
              measurementUid: f.measurement_uid,
              type: f.type,
              probeCc: pgText(f.probe_cc),
              probeAsn: f.probe_asn,
              measurementStartTime: new Date(`${f.measurement_start_time.replace(' ', 'T')}Z`),
              details: Object.fromEntries(Object.entries(f.details).map(([k, v]) => [k, pgText(v)])),
            })),
          )
          .onConflictDoUpdate({ target: [t.measurementUid, t.type], set: { details: sql`excluded.details`, ts: sql`now()` } });
        written += Math.min(CHUNK, changed.length - i);
        heartbeat({ ...progress, phase: 'writing', written });
      }
    });
    return { hour: input.hour, measurements: rows.length, flags: flags.length, written, removed };
  };
}
