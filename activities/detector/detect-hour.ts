// The changepoint detector of one hour (docs/v5-data.md "Changepoints"), in three activities:
// begin (the hour's committed observation seq, the watchlist's size), detect (the hour's series,
// in batches of series with heartbeats, for at most a slice of time; the workflow calls it again
// from where it stopped) and finish (record the hour). Per batch, in one transaction under the
// detector's advisory lock: replace the series' hour H, then replay every stored hour >= H of
// those series from their saved state before H, replacing their states and changepoints. Rows
// never travel through Temporal.
import { Context } from '@temporalio/activity';
import type postgres from 'postgres';
import {
  compareSeries,
  DETECTOR_PARAMS,
  hourlySeries,
  replaySeries,
  STATE_HORIZON_MS,
  type HourlyObservation,
  type SeriesKey,
} from '../../domain/detector/index.ts';
import { hourWindow } from '../../domain/analysis-hour.ts';
import { committedSeq } from '../analysis/due-hours.ts';
import type { ActivityDeps } from '../deps.ts';
import {
  CHANGEPOINT_COLUMNS,
  changepointRow,
  CUSUM_COLUMNS,
  cusumRow,
  type InsertRow,
  observationOf,
  savedStateOf,
  SERIES_COLUMNS,
  seriesKeyOf,
  seriesRow,
  toTimestamp,
} from './rows.ts';
import { detectorDomains } from './watchlist.ts';

/** Every write of detector state holds this transaction-level advisory lock (two hours run in parallel). */
const STATE_LOCK = 'ooni-pipeline:detector-state';
const INSERT_CHUNK = 1000;

export interface DetectorHourInput {
  /** `YYYY-MM-DDTHH`, UTC */
  hour: string;
  /** only the series of these countries (upstream's optional probe_cc filter); all when absent */
  probeCc?: string[];
}

export interface DetectHourInput extends DetectorHourInput {
  /** resume after this series (null: from the first) */
  after: SeriesKey | null;
  /** stop after the batch that passes this many seconds; the workflow calls again */
  sliceSeconds?: number;
  /** series per transaction */
  batchSize?: number;
}

export interface DetectHourProgress {
  hour: string;
  after: SeriesKey | null;
  /** series of the hour done (this call and the attempts it resumed) */
  series: number;
  /** later hours of those series replayed */
  replayed: number;
  /** changepoints in the hour itself */
  changepoints: number;
}

export interface DetectHourResult extends DetectHourProgress {
  done: boolean;
}

type Tx = postgres.TransactionSql;

const ccFilter = (sql: postgres.Sql, column: string, probeCc: string[] | undefined) =>
  probeCc ? sql`and ${sql(column)} = any(${probeCc}::text[])` : sql``;

/** The hour's observations from its analysis rows (watchlist domains, probe_cc filter). */
async function hourObservations(deps: ActivityDeps, input: DetectorHourInput, domains: string[]): Promise<HourlyObservation[]> {
  const { start, end } = hourWindow(input.hour);
  const rows = await deps.sql<
    { probe_cc: string; probe_asn: string; domain: string; resolver_asn: string; dns_blocked: number; tcp_blocked: number; tls_blocked: number }[]
  >`
    select probe_cc, probe_asn, domain, resolver_asn, dns_blocked, tcp_blocked, tls_blocked
    from analysis_web_measurement
    where measurement_start_time >= ${start} and measurement_start_time < ${end}
      and domain = any(${domains}::text[]) ${ccFilter(deps.sql, 'probe_cc', input.probeCc)}`;
  return hourlySeries(
    Date.parse(`${start.replace(' ', 'T')}Z`),
    rows.map((r) => ({ ...r, probe_asn: Number(r.probe_asn), resolver_asn: Number(r.resolver_asn) })),
  );
}

/** The series the hour touches: those with analysis rows now, and those stored for it before. */
async function hourSeries(deps: ActivityDeps, input: DetectorHourInput, observations: HourlyObservation[]): Promise<SeriesKey[]> {
  const { start } = hourWindow(input.hour);
  const stored = await deps.sql`
    select probe_cc, probe_asn, domain from event_detector_series where ts = ${start} ${ccFilter(deps.sql, 'probe_cc', input.probeCc)}`;
  const keys = new Map<string, SeriesKey>();
  for (const k of [...observations, ...stored.map(seriesKeyOf)]) {
    keys.set(`${k.probe_cc}\u0000${k.probe_asn}\u0000${k.domain}`, { probe_cc: k.probe_cc, probe_asn: k.probe_asn, domain: k.domain });
  }
  return [...keys.values()].sort(compareSeries);
}

const keyArrays = (keys: SeriesKey[]) => ({
  cc: keys.map((k) => k.probe_cc),
  asn: keys.map((k) => k.probe_asn),
  domain: keys.map((k) => k.domain),
});

async function insertChunked(tx: Tx, table: string, rows: InsertRow[], columns: readonly string[]) {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx`insert into ${tx(table)} ${tx(rows.slice(i, i + INSERT_CHUNK), columns as string[])}`;
  }
}

/** One batch of series: their hour H replaced, every stored hour >= H replayed. Returns counts. */
async function detectBatch(deps: ActivityDeps, hourMs: number, keys: SeriesKey[], observations: Map<string, HourlyObservation>) {
  const h = toTimestamp(hourMs);
  const horizon = toTimestamp(hourMs - STATE_HORIZON_MS);
  const { cc, asn, domain } = keyArrays(keys);
  return deps.sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${STATE_LOCK}))`;
    const inBatch = tx`(probe_cc, probe_asn, domain) in (select * from unnest(${cc}::text[], ${asn}::bigint[], ${domain}::text[]))`;
    await tx`delete from event_detector_series where ts = ${h} and ${inBatch}`;
    const fresh = keys.flatMap((k) => {
      const o = observations.get(`${k.probe_cc}\u0000${k.probe_asn}\u0000${k.domain}`);
      return o ? [seriesRow(o)] : [];
    });
    await insertChunked(tx, 'event_detector_series', fresh, SERIES_COLUMNS);
    const previous = await tx`
      select distinct on (probe_cc, probe_asn, domain) * from event_detector_cusums
      where ts < ${h} and ts > ${horizon} and ${inBatch}
      order by probe_cc, probe_asn, domain, ts desc`;
    const later = await tx`
      select * from event_detector_series where ts >= ${h} and ${inBatch}
      order by probe_cc, probe_asn, domain, ts`;
    const id = (k: SeriesKey) => `${k.probe_cc}\u0000${k.probe_asn}\u0000${k.domain}`;
    const prior = new Map(previous.map((r) => [id(seriesKeyOf(r)), savedStateOf(r)]));
    const hours = new Map<string, HourlyObservation[]>();
    for (const r of later) {
      const o = observationOf(r);
      const list = hours.get(id(o));
      if (list) list.push(o);
      else hours.set(id(o), [o]);
    }
    const states: InsertRow[] = [];
    const changepoints: InsertRow[] = [];
    let inHour = 0;
    let replayed = 0;
    for (const k of keys) {
      const series = hours.get(id(k)) ?? [];
      const r = replaySeries(prior.get(id(k)) ?? null, series, DETECTOR_PARAMS);
      for (const s of r.states) states.push(cusumRow(k, s));
      for (const c of r.changepoints) {
        changepoints.push(changepointRow(c));
        if (c.ts === hourMs) inHour++;
      }
      replayed += series.filter((o) => o.ts > hourMs).length;
    }
    await tx`delete from event_detector_cusums where ts >= ${h} and ${inBatch}`;
    await tx`delete from event_detector_changepoints where ts >= ${h} and ${inBatch}`;
    await insertChunked(tx, 'event_detector_cusums', states, CUSUM_COLUMNS);
    await insertChunked(tx, 'event_detector_changepoints', changepoints, CHANGEPOINT_COLUMNS);
    return { changepoints: inHour, replayed };
  });
}

export function beginDetectorHour(deps: ActivityDeps) {
  return async (input: DetectorHourInput): Promise<{ seq: number; domains: number }> => ({
    seq: await committedSeq(deps, hourWindow(input.hour).start),
    domains: (await detectorDomains(deps)).length,
  });
}

export function detectHour(deps: ActivityDeps) {
  return async (input: DetectHourInput): Promise<DetectHourResult> => {
    const started = Date.now();
    const sliceMs = (input.sliceSeconds ?? 120) * 1000;
    const batchSize = input.batchSize ?? 100;
    const context = Context.current();
    // a retried attempt resumes after the last batch its predecessor reported
    const resumed = context.info.heartbeatDetails as DetectHourProgress | undefined;
    const progress: DetectHourProgress = resumed ?? { hour: input.hour, after: input.after, series: 0, replayed: 0, changepoints: 0 };
    context.heartbeat(progress);
    const domains = await detectorDomains(deps);
    const observations = await hourObservations(deps, input, domains);
    const byKey = new Map(observations.map((o) => [`${o.probe_cc}\u0000${o.probe_asn}\u0000${o.domain}`, o]));
    const after = progress.after;
    const todo = (await hourSeries(deps, input, observations)).filter((k) => after === null || compareSeries(k, after) > 0);
    const hourMs = Date.parse(`${hourWindow(input.hour).start.replace(' ', 'T')}Z`);
    for (let i = 0; i < todo.length; i += batchSize) {
      const batch = todo.slice(i, i + batchSize);
      const r = await detectBatch(deps, hourMs, batch, byKey);
      progress.series += batch.length;
      progress.replayed += r.replayed;
      progress.changepoints += r.changepoints;
      progress.after = batch[batch.length - 1]!;
      await deps.detectorHooks?.afterBatch?.(input.hour, progress.series);
      context.heartbeat(progress);
      if (i + batchSize < todo.length && Date.now() - started > sliceMs) return { ...progress, done: false };
    }
    return { ...progress, done: true };
  };
}

export interface FinishDetectorHourInput extends DetectorHourInput {
  seq: number;
  domains: number;
  series: number;
  replayed: number;
}

export function finishDetectorHour(deps: ActivityDeps) {
  return async (input: FinishDetectorHourInput): Promise<{ changepoints: number }> => {
    const { start } = hourWindow(input.hour);
    const [row] = await deps.sql<{ n: number }[]>`
      select count(*)::int as n from event_detector_changepoints where ts = ${start} ${ccFilter(deps.sql, 'probe_cc', input.probeCc)}`;
    const changepoints = row?.n ?? 0;
    const fields = {
      hour: start,
      observed_seq: input.seq,
      probe_cc: input.probeCc ?? null,
      domains: input.domains,
      series: input.series,
      replayed: input.replayed,
      changepoints,
    };
    await deps.sql`
      insert into event_detector_hours ${deps.sql(fields)}
      on conflict (hour) do update set observed_seq = excluded.observed_seq, probe_cc = excluded.probe_cc, domains = excluded.domains,
        series = excluded.series, replayed = excluded.replayed, changepoints = excluded.changepoints`;
    return { changepoints };
  };
}
