// Series replay (ooni-data.md §7.2–7.3): the four signals of a (probe_cc, probe_asn, domain)
// stepped hour by hour, the 10-day horizon of a saved state, the hourly medians of §7.1, and the
// replay property the stored state relies on: resuming from any saved state = one straight run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  DETECTOR_PARAMS,
  hourlySeries,
  median,
  priorFor,
  replaySeries,
  watchlist,
  type HourlyObservation,
  type SavedState,
} from '../../../domain/detector/index.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 2, 1, 0);
const key = { probe_cc: 'IT', probe_asn: 30722, domain: 'twitter.com' };

/** An hour with only TCP/TLS data (no DNS rows of either kind): dns signals have weight 0. */
const tcpHour = (hour: number, y: number, count = 1): HourlyObservation => ({
  ...key,
  ts: T0 + hour * HOUR,
  count_isp_resolver: 0,
  count_other_resolver: 0,
  count,
  dns_isp_blocked: NaN,
  dns_other_blocked: NaN,
  tcp_blocked: y,
  tls_blocked: 0,
});

test('a fresh series: 11 hours of 0 make it ok, then 6 hours of TCP 1.0 emit one POS tcp_blocked at the 6th', () => {
  const hours = [...Array(11).fill(0), ...Array(6).fill(1)].map((y: number, i) => tcpHour(i, y));
  const { states, changepoints } = replaySeries(null, hours, DETECTOR_PARAMS);
  assert.equal(states.length, 17);
  assert.equal(changepoints.length, 1);
  const [c] = changepoints;
  assert.equal(c!.ts, T0 + 16 * HOUR);
  assert.equal(c!.block_type, 'tcp_blocked');
  assert.equal(c!.change_dir, 1);
  assert.equal(c!.current_state, 'ok');
  assert.equal(c!.count, 1);
  assert.ok(Number.isNaN(c!.dns_isp_blocked), 'the observation columns are copied, NaN included');
  const last = states[16]!.state;
  assert.equal(last.tcp_blocked.current_state, 'blk');
  assert.equal(last.tls_blocked.current_state, 'ok');
  assert.deepEqual(last.dns_isp_blocked, { current_state: 'unk', s_pos: 0, s_neg: 0, last_change: 0, last_ts: null }, 'weight 0: untouched');
});

test('a saved state is the prior of an hour less than 10 days later; exactly 10 days or more → fresh', () => {
  const saved: SavedState = replaySeries(
    null,
    Array.from({ length: 11 }, (_, i) => tcpHour(i, 0)),
    DETECTOR_PARAMS,
  ).states[10]!;
  assert.equal(saved.state.tcp_blocked.current_state, 'ok');
  assert.equal(priorFor(saved.ts + 240 * HOUR - HOUR, saved), saved.state);
  assert.equal(priorFor(saved.ts + 240 * HOUR, saved).tcp_blocked.current_state, 'unk');
  assert.equal(priorFor(saved.ts + 1, null).tcp_blocked.current_state, 'unk');
  assert.throws(() => replaySeries(saved, [tcpHour(10, 0)], DETECTOR_PARAMS), /out of order/);
});

test('median: ClickHouse quantile(0.5) — linear interpolation between the middle values, NaN when empty, Float32 values', () => {
  assert.ok(Number.isNaN(median([])));
  assert.equal(median([1]), 1);
  assert.equal(median([1, 0]), 0.5);
  assert.equal(median([0, 1, 0.5]), 0.5);
  assert.equal(median([1, 0, 0.75, 1]), 0.875);
  assert.equal(median([0.5, 1]), 0.75);
  assert.equal(median([0.9]), Math.fround(0.9));
});

test('hourly series: grouped per (cc, asn, domain), ISP resolver = resolver_asn == probe_asn, medians per kind', () => {
  const row = (asn: number, domain: string, resolver: number, dns: number, tcp: number) => ({
    probe_cc: 'IT',
    probe_asn: asn,
    domain,
    resolver_asn: resolver,
    dns_blocked: dns,
    tcp_blocked: tcp,
    tls_blocked: 0,
  });
  const obs = hourlySeries(T0, [
    row(3269, 'x.org', 3269, 1, 0),
    row(3269, 'x.org', 15169, 0, 1),
    row(3269, 'x.org', 3269, 0, 1),
    row(30722, 'x.org', 13335, 1, 0),
  ]);
  assert.deepEqual(obs, [
    {
      probe_cc: 'IT',
      probe_asn: 3269,
      domain: 'x.org',
      ts: T0,
      count_isp_resolver: 2,
      count_other_resolver: 1,
      count: 3,
      dns_isp_blocked: 0.5,
      dns_other_blocked: 0,
      tcp_blocked: 1,
      tls_blocked: 0,
    },
    {
      probe_cc: 'IT',
      probe_asn: 30722,
      domain: 'x.org',
      ts: T0,
      count_isp_resolver: 0,
      count_other_resolver: 1,
      count: 1,
      dns_isp_blocked: NaN,
      dns_other_blocked: 1,
      tcp_blocked: 0,
      tls_blocked: 0,
    },
  ]);
});

test('watchlist: GRP domains plus twitter.com, sorted and unique; an override replaces it', () => {
  assert.deepEqual(watchlist(['www.facebook.com', 'twitter.com', 'www.youtube.com']), ['twitter.com', 'www.facebook.com', 'www.youtube.com']);
  assert.deepEqual(watchlist(['www.facebook.com'], ['b.org', 'a.org']), ['a.org', 'b.org']);
});

const arbHours = fc
  .array(
    fc.record({
      gap: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 20, max: 300 })),
      isp: fc.integer({ min: 0, max: 3 }),
      other: fc.integer({ min: 0, max: 3 }),
      dns: fc.constantFrom(0, 0.25, 0.5, 0.75, 0.9, 1),
      tcp: fc.constantFrom(0, 0.5, 0.75, 1),
      tls: fc.constantFrom(0, 0.6, 1),
    }),
    { minLength: 1, maxLength: 80 },
  )
  .map((hs) => {
    let hour = 0;
    return hs.map((h): HourlyObservation => {
      hour += h.gap;
      const count = h.isp + h.other;
      return {
        ...key,
        ts: T0 + hour * HOUR,
        count_isp_resolver: h.isp,
        count_other_resolver: h.other,
        count,
        dns_isp_blocked: h.isp ? h.dns : NaN,
        dns_other_blocked: h.other ? 1 - h.dns : NaN,
        tcp_blocked: h.tcp,
        tls_blocked: h.tls,
      };
    });
  });

/** What a saved state becomes after a write to and a read from PostgreSQL (numbers and nulls as JSON). */
const stored = (s: SavedState): SavedState => JSON.parse(JSON.stringify(s)) as SavedState;

test('property: replaying the rest of a series from any saved state gives the states and changepoints of one straight run', () => {
  fc.assert(
    fc.property(arbHours, fc.nat(), fc.boolean(), (hours, cut, warmup) => {
      const params = { ...DETECTOR_PARAMS, warmup };
      const straight = replaySeries(null, hours, params);
      const k = cut % (hours.length + 1);
      const head = replaySeries(null, hours.slice(0, k), params);
      const from = head.states.length > 0 ? stored(head.states[head.states.length - 1]!) : null;
      const tail = replaySeries(from, hours.slice(k), params);
      assert.deepEqual([...head.states, ...tail.states].map(stored), straight.states.map(stored));
      assert.deepEqual([...head.changepoints, ...tail.changepoints], straight.changepoints);
    }),
    { numRuns: 300 },
  );
});

test('property: accumulators stay in [0, ∞); per signal a changepoint crosses h and reverses the last one (until a 10-day gap)', () => {
  fc.assert(
    fc.property(arbHours, (hours) => {
      const { states, changepoints } = replaySeries(null, hours, DETECTOR_PARAMS);
      for (const s of states) for (const sig of Object.values(s.state)) assert.ok(sig.s_pos >= 0 && sig.s_neg >= 0);
      const lastDir = new Map<string, number>();
      let previousTs = -Infinity;
      for (const h of hours) {
        if (h.ts - previousTs >= 240 * HOUR) lastDir.clear();
        previousTs = h.ts;
        for (const c of changepoints.filter((cp) => cp.ts === h.ts)) {
          assert.notEqual(lastDir.get(c.block_type), c.change_dir);
          assert.ok((c.change_dir === 1 ? c.s_pos : c.s_neg) > c.h);
          lastDir.set(c.block_type, c.change_dir);
        }
      }
    }),
    { numRuns: 300 },
  );
});
