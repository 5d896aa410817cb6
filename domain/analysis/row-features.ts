// Per-row features of one measurement's obs_web rows (§5.1, §5.2), with ClickHouse's semantics:
// window partitions whose NULL keys are equal, aggregates that skip NULL, LEFT JOIN misses that give
// 0 / '' / empty (never NULL), integer divisions where 0/0 is NaN, Float32 control rates.
import { isIP } from 'node:net';
import type { ObsWebRow } from '../observations/types.ts';
import { dnsBlockingCountryConsistent, type DnsFingerprintIndex } from './dns-fingerprints.ts';
import type { GroundTruth, HostDayControl } from './ground-truth.ts';
import type { TlsScope } from './rules/types.ts';

const SYSTEM_ENGINES = new Set(['getaddrinfo', 'system']);

/** One partition (measurement_uid, hostname, ip_is_v6) of the `dns_answers` windows. */
interface AnswerPartition {
  uid: string;
  hostname: string | null;
  /** ip_is_v6: 0 NULL, 1 false, 2 true */
  v6Slot: number;
  answers: string[];
  asns: number[];
  /** maxIf(ip_is_bogon, …): NULL when no row qualifies or all are NULL */
  bogon: number | null;
  /** the control the matches below were computed against (rows of one partition share it); null before */
  matchedCtrl: HostDayControl | undefined | null;
  tlsConsistent: number;
  tlsInconsistent: number;
  answerMatches: number;
  asnMatches: number;
}

/** `isIP(ip)`: 4, 6, 0 for a non-IP string ("scrubbed": ip_is_v6 0), -1 for NULL (ip_is_v6 NULL). */
const ipKind = (ip: string | null): number => (ip === null ? -1 : isIP(ip));

/**
 * The partition of (uid, hostname, v6Slot) among `parts`, added when new. A measurement has a
 * handful of partitions: a scan of them is cheaper than the two levels of Maps it replaces
 * (strict equality: NULL hostnames equal to each other, as in ClickHouse's windows).
 */
function partitionOf(parts: AnswerPartition[], uid: string, hostname: string | null, v6Slot: number): AnswerPartition {
  for (const p of parts) if (p.v6Slot === v6Slot && p.hostname === hostname && p.uid === uid) return p;
  const p: AnswerPartition = {
    uid,
    hostname,
    v6Slot,
    answers: [],
    asns: [],
    bogon: null,
    matchedCtrl: null,
    tlsConsistent: 0,
    tlsInconsistent: 0,
    answerMatches: 0,
    asnMatches: 0,
  };
  parts.push(p);
  return p;
}

/**
 * The `dns_answers`, `dns_answers_asns` and bogon windows over the rows: the partition of each row
 * (by index). Partitions are keyed by value, NULL hostnames equal to each other (ClickHouse).
 */
function answerPartitions(rows: readonly ObsWebRow[], kinds: readonly number[]): AnswerPartition[] {
  const parts: AnswerPartition[] = [];
  const partOf: AnswerPartition[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const kind = kinds[i]!;
    // ip_is_v6: NULL, 0, 1
    const p = partitionOf(parts, r.measurement_uid, r.hostname, kind === -1 ? 0 : kind === 6 ? 2 : 1);
    partOf.push(p);
    // dns_engine IN ('getaddrinfo', 'system') AND (ip_is_v6 OR ip_is_v4): the row's ip must be an IP literal
    if (r.dns_engine === null || !SYSTEM_ENGINES.has(r.dns_engine) || kind <= 0) continue;
    if (r.dns_answer !== null) p.answers.push(r.dns_answer);
    if (r.ip_asn !== null) p.asns.push(r.ip_asn);
    if (r.ip_is_bogon !== null) p.bogon = Math.max(p.bogon ?? 0, r.ip_is_bogon ? 1 : 0);
  }
  return partOf;
}

/** The partition's answers against the control `c` (a join miss: all 0), computed once per control. */
function matchControl(p: AnswerPartition, c: HostDayControl | undefined): AnswerPartition {
  if (p.matchedCtrl !== c) {
    p.matchedCtrl = c;
    p.tlsConsistent = hasAnyKey(c?.unionTlsConsistentIps, p.answers);
    p.tlsInconsistent = hasAnyKey(c?.tlsInconsistentIps, p.answers);
    p.answerMatches = hasAnyKey(c?.dnsAnswers, p.answers);
    p.asnMatches = hasAnyKey(c?.dnsAnswersAsns, p.asns);
  }
  return p;
}

/** tcp_ipv6_failure_rate = v6 failures / (v6 successes + v6 failures); 0/0 = NaN. */
function ipv6FailureRate(counts: { v6Failures: number; v6Successes: number }): number {
  return counts.v6Failures / (counts.v6Successes + counts.v6Failures);
}

/** The report's counts from the rows themselves (the window's report = this measurement's rows). */
function ownIpv6Counts(rows: readonly ObsWebRow[]): { v6Failures: number; v6Successes: number } {
  let v6Failures = 0;
  let v6Successes = 0;
  for (const r of rows) {
    if (r.ip === null || isIP(r.ip) !== 6) continue;
    if (r.tcp_failure !== null) v6Failures++;
    if (r.tcp_success === true) v6Successes++;
  }
  return { v6Failures, v6Successes };
}

const hasAnyKey = <K>(keys: { has(k: K): boolean } | undefined, values: readonly K[]): number => {
  if (!keys) return 0;
  for (const v of values) if (keys.has(v)) return 1;
  return 0;
};

/** `success_ips[ip] / (success_ips[ip] + failing_ips[ip])` cast to Float32; 0 when ip is in neither map. */
function successRate(success: Map<string, number>, failing: Map<string, number>, ip: string): number {
  const s = success.get(ip) ?? 0;
  const f = failing.get(ip) ?? 0;
  return s + f === 0 ? 0 : Math.fround(s / (s + f));
}

const int8 = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);

/**
 * The rule features of every row, in the order given, as the scope the cascades read: the layer
 * results (dns_*, tcp_* scores) start at 0 and are filled in by the caller layer after layer (one
 * object per row: copying a 28-field object per layer costs more than all the rules together).
 */
export function rowFeatures(rows: readonly ObsWebRow[], truth: GroundTruth, dns: DnsFingerprintIndex): TlsScope[] {
  const kinds = rows.map((r) => ipKind(r.ip));
  const partOf = answerPartitions(rows, kinds);
  const reportCounts = rows.length > 0 ? truth.reportIpv6Counts(rows[0]!.report_id) : undefined;
  const v6Rate = ipv6FailureRate(reportCounts ?? ownIpv6Counts(rows));
  // rows of a measurement share hostname and start time: one control lookup for a run of them
  let lastHostname: string | null = null;
  let lastStart: string | null = null;
  let lastCtrl: HostDayControl | undefined;
  return rows.map((r, i): TlsScope => {
    const kind = kinds[i]!;
    // LEFT JOIN on (hostname, day): a NULL hostname never matches
    if (r.hostname !== lastHostname || r.measurement_start_time !== lastStart) {
      lastHostname = r.hostname;
      lastStart = r.measurement_start_time;
      lastCtrl = r.hostname === null ? undefined : truth.control(r.hostname, r.measurement_start_time.slice(0, 10));
    }
    const c = lastCtrl;
    const p = matchControl(partOf[i]!, c);
    const ip = r.ip;
    return {
      dns_answers: p.answers,
      dns_failure: r.dns_failure,
      dns_engine: r.dns_engine,
      dns_blocking_country_consistent: dnsBlockingCountryConsistent(dns, r.dns_answer, r.probe_cc) ? 1 : 0,
      dns_tls_consistent: p.tlsConsistent,
      dns_tls_inconsistent: p.tlsInconsistent,
      dns_answers_contain_bogon: p.bogon ?? 0,
      dns_answer_matches_ctrl: p.answerMatches,
      dns_answer_asn_matches_ctrl: p.asnMatches,
      ctrl_dns_success_rate: c ? c.dnsSuccessCount / (c.dnsFailureCount + c.dnsSuccessCount) : NaN,
      tcp_success: int8(r.tcp_success),
      tcp_failure: r.tcp_failure,
      ip_is_v6: kind === -1 ? null : kind === 6 ? 1 : 0,
      tcp_ipv6_failure_rate: v6Rate,
      ctrl_tcp_success_count: ip === null ? null : (c?.tcpSuccessIps.get(ip) ?? 0),
      ctrl_tcp_failing_count: ip === null ? null : (c?.tcpFailingIps.get(ip) ?? 0),
      ctrl_tcp_success_rate: ip === null ? null : c ? successRate(c.tcpSuccessIps, c.tcpFailingIps, ip) : 0,
      tls_is_certificate_valid: int8(r.tls_is_certificate_valid),
      tls_failure: r.tls_failure,
      ctrl_tls_success_count: ip === null ? null : (c?.tlsSuccessIps.get(ip) ?? 0),
      ctrl_tls_failing_count: ip === null ? null : (c?.tlsFailingIps.get(ip) ?? 0),
      ctrl_tls_success_rate: ip === null ? null : c ? successRate(c.tlsSuccessIps, c.tlsFailingIps, ip) : 0,
      dns_blocked: 0,
      dns_down: 0,
      dns_ok: 0,
      tcp_blocked: 0,
      tcp_down: 0,
      tcp_ok: 0,
    };
  });
}
