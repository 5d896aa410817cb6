// The hourly data-quality job on the real stack: measurements uploaded into an hour (and fastpath
// rows whose uid receive time is chosen) get, once the hour's analysis runs, their §8 volume and
// time-inconsistency flags, queryable through GET /api/v1/quality_flags, replacing the
// provisional ingest-time ones; a late measurement into the flagged minute changes the group's
// total after the re-opened hour runs again; re-running the hour changes no byte.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hourWindow } from '../../domain/analysis-hour.ts';
import { fastpath } from '../../drizzle/schema.ts';
import { fpRow } from '../helpers/fastpath-rows.ts';
import { webConnectivity } from '../helpers/measurements.ts';
import { createTestPipeline, type TestPipeline } from '../helpers/pipeline.ts';
import { atHour, runCoordinator, runHour, uploadAndProcess } from '../helpers/v5.ts';

const HOUR = '2024-06-01T10';
const WINDOW = 'since=2024-06-01T10:00:00&until=2024-06-01T11:00:00';
const THRESHOLD = 3;
let p: TestPipeline;

before(async () => {
  p = await createTestPipeline('v5-quality', { QUALITY_VOLUME_THRESHOLD: String(THRESHOLD) });
  await p.startWorker();
});
after(async () => {
  await p?.close();
});

interface FlagResult {
  measurement_uid: string;
  type: string;
  details: Record<string, string | number>;
}
const flags = async (q: string): Promise<FlagResult[]> => {
  const res = await fetch(`${p.baseUrl}/api/v1/quality_flags?${WINDOW}&limit=1000&${q}`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { results: FlagResult[] }).results;
};
const uidsOf = (rs: FlagResult[]) => rs.map((r) => r.measurement_uid).sort();

/** Every data_quality_flags row of the hour, all columns, one JSON line each. */
async function dumpHourFlags(): Promise<string> {
  const { start, end } = hourWindow(HOUR);
  const rows = await p.database.sql`select * from data_quality_flags
    where measurement_start_time >= ${start} and measurement_start_time < ${end} order by measurement_uid, type`;
  return rows.map((r) => JSON.stringify(r)).join('\n');
}

/** The web_connectivity fixture started at HOUR:`minuteSecond`. */
const at = (minuteSecond: string) => atHour(webConnectivity(), HOUR, minuteSecond);

test(
  'an hour analysed: volume groups and time inconsistencies flagged, filterable by type; late data changes the total; a re-run changes no byte',
  { timeout: 300_000 },
  async () => {
    const burst = [await uploadAndProcess(p, at('15:01')), await uploadAndProcess(p, at('15:02')), await uploadAndProcess(p, at('15:03'))];
    const alone = await uploadAndProcess(p, at('20:00'));
    // received now, started in 2024: every upload is provisionally clock_drift; the ingest count (3) is not beyond 3
    assert.deepEqual(uidsOf(await flags('type=clock_drift')), [...burst, alone].sort());
    assert.deepEqual(await flags('type=volume'), []);

    // rows whose receive time (the uid's) we choose: a clock 2.5 h ahead, and a start 15 min before receipt
    const ahead = fpRow({
      measurementStartTime: new Date('2024-06-01T10:30:00Z'),
      measurementUid: '20240601080000.000000_IT_webconnectivity_00000000000000a1',
    });
    const near = fpRow({
      measurementStartTime: new Date('2024-06-01T10:30:00Z'),
      measurementUid: '20240601104500.000000_IT_webconnectivity_00000000000000a2',
    });
    await p.database.db.insert(fastpath).values([ahead, near]);

    const run1 = await runCoordinator(p);
    assert.ok(run1.hours.includes(HOUR), `${HOUR} analysed`);

    const volume = await flags('type=volume');
    assert.deepEqual(uidsOf(volume), [...burst].sort());
    const wc = webConnectivity();
    for (const v of volume) {
      assert.deepEqual(v.details, {
        probe_cc: wc.probe_cc,
        probe_asn: Number(wc.probe_asn.replace('AS', '')),
        start_time: '2024-06-01T10:15:00',
        end_time: '2024-06-01T10:16:00',
        engine_version: (wc.annotations as Record<string, string>).engine_version,
        software_name: wc.software_name,
        software_version: wc.software_version,
        platform: (wc.annotations as Record<string, string>).platform,
        architecture: (wc.annotations as Record<string, string>).architecture,
        total: 3,
        threshold: THRESHOLD,
      });
    }
    const beforeReceipt = await flags('type=start_before_receipt');
    assert.deepEqual(uidsOf(beforeReceipt), [...burst, alone].sort(), 'started in 2024, received now; the 15-minute one is under 1800 s');
    for (const f of beforeReceipt) {
      assert.equal(f.details.upstream_type, 'time_inconsistency_future');
      assert.equal(f.details.threshold, 1800);
      assert.ok((f.details.diff_seconds as number) < -1800);
    }
    const afterReceipt = await flags('type=start_after_receipt');
    assert.deepEqual(
      afterReceipt.map((f) => [f.measurement_uid, f.details.diff_seconds, f.details.threshold, f.details.upstream_type, f.details.uid_timestamp]),
      [[ahead.measurementUid, 9000, 7200, 'time_inconsistency_past', '2024-06-01T08:00:00']],
    );
    assert.equal((await flags('type=start_before_receipt,start_after_receipt')).length, 5, 'a list of types');
    assert.deepEqual(await flags('type=clock_drift'), [], 'the job supersedes the provisional clock_drift of its hour');

    // a late measurement into the flagged minute: provisional at ingest, then the group's new total once the hour runs again
    const late = await uploadAndProcess(p, at('15:04'));
    // another software version in the minute: counted with the burst at ingest (cc, asn, software_name), a group of its own in §8
    const other = await uploadAndProcess(p, { ...at('15:05'), software_version: '5.0.7' });
    assert.deepEqual(
      (await flags(`measurement_uid=${other}`)).map((f) => [f.type, f.details.total]).sort(),
      [
        ['clock_drift', undefined],
        ['volume', 5],
      ],
      'provisional flags at ingest',
    );
    const run2 = await runCoordinator(p);
    assert.deepEqual(run2.hours, [HOUR], 'the late measurements re-opened their hour');
    const volume2 = await flags('type=volume');
    assert.deepEqual(uidsOf(volume2), [...burst, late].sort());
    for (const v of volume2) assert.equal(v.details.total, 4);
    assert.deepEqual(
      (await flags(`measurement_uid=${other}`)).map((f) => f.type),
      ['start_before_receipt'],
      'the job answer replaced both provisional flags',
    );
    assert.equal((await flags('type=start_before_receipt')).length, 6);

    const dump = await dumpHourFlags();
    const rerun = await runHour(p, HOUR);
    assert.equal(rerun.qualityFlags, 4 + 6 + 1);
    assert.equal(await dumpHourFlags(), dump, 're-running the hour changes no row, ts included');
  },
);
