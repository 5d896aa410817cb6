// The v5 tests' common steps on a real pipeline: upload a measurement through the probe API and
// wait for its run, move a measurement to an hour, run the analysis coordinator, dump tables.
import { randomUUID } from 'node:crypto';
import { analysisCoordinatorWorkflowId } from '../../workflows/ids.ts';
import { measurementWorkflowId, startAnalysisCoordinatorWorkflow, startAnalysisHourWorkflow } from '../../client.ts';
import type { AnalysisCoordinatorInput } from '../../workflows/analysis.ts';
import { submitMeasurement, type Measurement } from './measurements.ts';
import type { TestPipeline } from './pipeline.ts';

/** Uploads `m` as a v3.30 probe does and waits for its measurement workflow; the uid. */
export async function uploadAndProcess(p: TestPipeline, m: Measurement): Promise<string> {
  const res = await submitMeasurement(p.baseUrl, m);
  if (res.status !== 200) throw new Error(`upload refused: ${res.status} ${res.text}`);
  const uid = res.json.measurement_uid as string;
  await p.env.client.workflow.getHandle(measurementWorkflowId(uid)).result();
  return uid;
}

/** `m` measured in `hour` (`YYYY-MM-DDTHH`): start times rewritten, minutes and seconds kept unless given. */
export function atHour(m: Measurement, hour: string, minuteSecond?: string): Measurement {
  const ms = minuteSecond ?? String(m.measurement_start_time).slice(14, 19);
  const t = `${hour.slice(0, 10)} ${hour.slice(11, 13)}:${ms}`;
  return { ...m, measurement_start_time: t, test_start_time: t };
}

/** One coordinator run to completion (re-runs allowed at once unless told otherwise). */
export async function runCoordinator(p: TestPipeline, input: AnalysisCoordinatorInput = { minRerunMinutes: 0 }) {
  const handle = await startAnalysisCoordinatorWorkflow(p.env.client, p.config.TEMPORAL_TASK_QUEUE, input, {
    workflowId: `${analysisCoordinatorWorkflowId('test', Date.now())}-${randomUUID()}`,
  });
  return handle.result();
}

/** Starts `analysis-YYYYMMDDHH` by hand and waits for it. */
export async function runHour(p: TestPipeline, hour: string) {
  return (await startAnalysisHourWorkflow(p.env.client, p.config.TEMPORAL_TASK_QUEUE, { hour })).result();
}

/** Every row of a v5 output table, one JSON line each, in key order: byte-comparable dumps. */
export async function dumpTable(
  p: TestPipeline,
  table: 'analysis_web_measurement' | 'event_detector_changepoints' | 'event_detector_cusums' | 'event_detector_series',
): Promise<string> {
  const order = {
    analysis_web_measurement: 'measurement_uid',
    event_detector_changepoints: 'probe_asn, probe_cc, domain, ts, block_type',
    event_detector_cusums: 'probe_cc, probe_asn, domain, ts',
    event_detector_series: 'probe_cc, probe_asn, domain, ts',
  }[table];
  const rows = await p.database.sql.unsafe(`select * from ${table} order by ${order}`);
  return rows.map((r) => JSON.stringify(r)).join('\n');
}

/** The three detector tables (changepoints, per-hour states, stored series) as one byte-comparable dump. */
export async function dumpDetectorTables(p: TestPipeline): Promise<string> {
  return [
    await dumpTable(p, 'event_detector_changepoints'),
    await dumpTable(p, 'event_detector_cusums'),
    await dumpTable(p, 'event_detector_series'),
  ].join('\n--\n');
}
