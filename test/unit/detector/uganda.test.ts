// ooni/data's test_detector_uganda (ooni-data.md §10.4) on its own fixture: the analysis rows of
// tests/data/ug-analysis.sql (twitter.com from Uganda, 2025-12 – 2026-02, test/fixtures/
// ooni-data-detector/), detected from 2025-12-03 to 2026-02-12 with edd = 10, give exactly two
// changepoints. Pure: the hourly series (§7.1) of each hour, each series replayed from a fresh
// state. test/detector/uganda.test.ts runs the same through the workflows on the real stack.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DETECTOR_PARAMS,
  hourlySeries,
  replaySeries,
  watchlist,
  type DetectorAnalysisRow,
  type HourlyObservation,
} from '../../../domain/detector/index.ts';
import { UGANDA_RUN, ugandaAnalysisRows, ugandaInsert, utcMs } from '../../helpers/detector-uganda.ts';

const HOUR = 3_600_000;

test('the fixture reads as 470 analysis_web_measurement rows of twitter.com in UG', () => {
  const insert = ugandaInsert();
  assert.equal(insert.table, 'analysis_web_measurement');
  assert.equal(insert.rows.length, 470, 'the number of tuples in the file (grep -o "(.twitter.com" | wc -l)');
  assert.deepEqual([...new Set(insert.rows.map((r) => `${r.probe_cc} ${r.domain}`))], ['UG twitter.com']);
});

test('detected hour by hour from 2025-12-03 to 2026-02-12 with edd = 10: exactly two changepoints, as upstream', () => {
  assert.equal(DETECTOR_PARAMS.edd, UGANDA_RUN.edd);
  // twitter.com is on every watchlist (§7.1), whatever the Citizen Lab GRP list holds
  const watched = new Set(watchlist([]));
  assert.ok(watched.has('twitter.com'));
  const byHour = new Map<number, DetectorAnalysisRow[]>();
  for (const r of ugandaAnalysisRows()) {
    const t = utcMs(r.measurement_start_time);
    if (!(t >= UGANDA_RUN.start && t < UGANDA_RUN.end) || !watched.has(r.domain)) continue;
    const ts = t - (t % HOUR);
    byHour.set(ts, [...(byHour.get(ts) ?? []), r]);
  }
  const bySeries = new Map<string, HourlyObservation[]>();
  for (const ts of [...byHour.keys()].sort((a, b) => a - b)) {
    for (const obs of hourlySeries(ts, byHour.get(ts)!)) {
      const id = `${obs.probe_cc} ${obs.probe_asn} ${obs.domain}`;
      bySeries.set(id, [...(bySeries.get(id) ?? []), obs]);
    }
  }
  assert.deepEqual([...bySeries.keys()], ['UG 20294 twitter.com']);
  const changepoints = [...bySeries.values()].flatMap((hours) => replaySeries(null, hours, DETECTOR_PARAMS).changepoints);
  assert.equal(changepoints.length, 2, JSON.stringify(changepoints.map((c) => [new Date(c.ts).toISOString(), c.block_type, c.change_dir])));
});
