// The hourly series of one hour (ooni-data.md §7.1): the hour's analysis rows grouped by
// (probe_cc, probe_asn, domain), counted by resolver kind (ISP resolver = resolver_asn ==
// probe_asn), with the median of each blocked column. Pure.
import { compareSeries, type HourlyObservation, type SeriesKey } from './series.ts';

/** The columns of an analysis_web_measurement row the detector reads. */
export interface DetectorAnalysisRow extends SeriesKey {
  resolver_asn: number;
  dns_blocked: number;
  tcp_blocked: number;
  tls_blocked: number;
}

/**
 * ClickHouse's `quantile(0.5)` on up to 8192 values: the linearly interpolated median of the
 * sorted values (index 0.5 · (n − 1), ClickHouse's `ReservoirSampler::quantileInterpolated`); NaN
 * when there are none. Above 8192 values ClickHouse samples at random; we stay exact (deterministic).
 * The stored values are Float32, so each one is taken as its Float32 value.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = values.map((v) => Math.fround(v)).sort((a, b) => a - b);
  const index = 0.5 * (sorted.length - 1);
  const lo = Math.floor(index);
  const frac = index - lo;
  if (lo + 1 >= sorted.length) return sorted[lo]!;
  return sorted[lo]! * (1 - frac) + sorted[lo + 1]! * frac;
}

interface Group {
  key: SeriesKey;
  ispDns: number[];
  otherDns: number[];
  tcp: number[];
  tls: number[];
}

/** The observations of the hour starting at `ts` (epoch ms) from its rows, in series order. */
export function hourlySeries(ts: number, rows: Iterable<DetectorAnalysisRow>): HourlyObservation[] {
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const id = `${r.probe_cc}\u0000${r.probe_asn}\u0000${r.domain}`;
    let g = groups.get(id);
    if (!g) {
      g = { key: { probe_cc: r.probe_cc, probe_asn: r.probe_asn, domain: r.domain }, ispDns: [], otherDns: [], tcp: [], tls: [] };
      groups.set(id, g);
    }
    (r.resolver_asn === r.probe_asn ? g.ispDns : g.otherDns).push(r.dns_blocked);
    g.tcp.push(r.tcp_blocked);
    g.tls.push(r.tls_blocked);
  }
  return [...groups.values()]
    .map((g) => ({
      ...g.key,
      ts,
      count_isp_resolver: g.ispDns.length,
      count_other_resolver: g.otherDns.length,
      count: g.tcp.length,
      dns_isp_blocked: median(g.ispDns),
      dns_other_blocked: median(g.otherDns),
      tcp_blocked: median(g.tcp),
      tls_blocked: median(g.tls),
    }))
    .sort(compareSeries);
}
