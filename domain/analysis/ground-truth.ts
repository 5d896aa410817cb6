// The ground truth of one analysis window (ooni-data.md §4.2): the window's obs_web_ctrl rows folded
// per (hostname, UTC day), the window's TLS-consistent (hostname, day, ip) triples from obs_web, and
// per report_id the IPv6 TCP counts behind `tcp_ipv6_failure_rate` (§5.1). Pure accumulator: the
// caller feeds it every row of the window, in any order, then analyses each measurement against it.
import { isIP } from 'node:net';
import type { ObsWebCtrlRow, ObsWebRow } from '../observations/types.ts';

/** The obs_web_ctrl fields §4.2 reads. */
type CtrlTruthInput = Pick<
  ObsWebCtrlRow,
  'hostname' | 'measurement_start_time' | 'ip' | 'ip_asn' | 'dns_failure' | 'dns_success' | 'tcp_success' | 'tls_success' | 'tls_failure'
>;

/** The obs_web fields the window-wide features read (TLS consistency, IPv6 failure rate per report). */
type WindowObsInput = Pick<
  ObsWebRow,
  'test_name' | 'report_id' | 'hostname' | 'measurement_start_time' | 'ip' | 'tls_is_certificate_valid' | 'tcp_success' | 'tcp_failure'
>;

/** One (hostname, day) of control: upstream's `ctrl` subquery row (maps of ip → row count). */
export interface HostDayControl {
  dnsFailureCount: number;
  dnsSuccessCount: number;
  dnsAnswers: Map<string, number>;
  /** keys: ip_asn of dns_success rows with ip_asn != 0 (NULL excluded) */
  dnsAnswersAsns: Map<number, number>;
  tlsSuccessIps: Map<string, number>;
  tlsInconsistentIps: Map<string, number>;
  tlsFailingIps: Map<string, number>;
  tcpSuccessIps: Map<string, number>;
  tcpFailingIps: Map<string, number>;
  /** keys of tlsSuccessIps ∪ the window's other TLS-consistent ips of this hostname and day */
  unionTlsConsistentIps: ReadonlySet<string>;
}

const bump = <K>(m: Map<K, number>, k: K): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};

/** `LIKE 'ssl_%'`: "ssl", then any one character (`_` is a wildcard), then anything. */
const likeSslPrefix = (s: string | null): boolean => s !== null && s.length >= 4 && s.startsWith('ssl');

/**
 * Values per (hostname, UTC day) without joining the two into a new key string per row (each such
 * string is built, then hashed, on every lookup): a window spans a day or two, so the outer map
 * stays tiny and the hostname strings, shared by a measurement's rows, keep their cached hash.
 */
class HostDayMap<V> {
  private readonly byDay = new Map<string, Map<string, V>>();

  get(hostname: string, day: string): V | undefined {
    return this.byDay.get(day)?.get(hostname);
  }

  set(hostname: string, day: string, value: V): void {
    let hosts = this.byDay.get(day);
    if (!hosts) this.byDay.set(day, (hosts = new Map()));
    hosts.set(hostname, value);
  }
}

interface ReportCounts {
  v6Failures: number;
  v6Successes: number;
}

export class GroundTruth {
  private readonly ctrl = new HostDayMap<HostDayControl & { unionTlsConsistentIps: Set<string> }>();
  private readonly otherTls = new HostDayMap<Set<string>>();
  private readonly reports = new Map<string, ReportCounts>();
  // a measurement's rows share one start time: its day is sliced once per run of them
  private lastStart = '';
  private lastDay = '';

  private dayOf(measurementStartTime: string): string {
    if (measurementStartTime !== this.lastStart) {
      this.lastStart = measurementStartTime;
      this.lastDay = measurementStartTime.slice(0, 10);
    }
    return this.lastDay;
  }

  addCtrlRow(r: CtrlTruthInput): void {
    const day = this.dayOf(r.measurement_start_time);
    let c = this.ctrl.get(r.hostname, day);
    if (!c) {
      c = {
        dnsFailureCount: 0,
        dnsSuccessCount: 0,
        dnsAnswers: new Map(),
        dnsAnswersAsns: new Map(),
        tlsSuccessIps: new Map(),
        tlsInconsistentIps: new Map(),
        tlsFailingIps: new Map(),
        tcpSuccessIps: new Map(),
        tcpFailingIps: new Map(),
        unionTlsConsistentIps: new Set(this.otherTls.get(r.hostname, day)),
      };
      this.ctrl.set(r.hostname, day, c);
    }
    if (r.dns_failure !== null) c.dnsFailureCount++;
    if (r.dns_success === true) {
      c.dnsSuccessCount++;
      bump(c.dnsAnswers, r.ip);
      if (r.ip_asn !== null && r.ip_asn !== 0) bump(c.dnsAnswersAsns, r.ip_asn);
    }
    if (r.tls_success === true) {
      bump(c.tlsSuccessIps, r.ip);
      c.unionTlsConsistentIps.add(r.ip);
    }
    if (r.tls_success === false && r.tls_failure !== null) {
      bump(c.tlsFailingIps, r.ip);
      if (likeSslPrefix(r.tls_failure)) bump(c.tlsInconsistentIps, r.ip);
    }
    if (r.tcp_success === true) bump(c.tcpSuccessIps, r.ip);
    if (r.tcp_success === false) bump(c.tcpFailingIps, r.ip);
  }

  /** An obs_web row of the window (any test, any country) whose certificate was valid for `ip`. */
  addTlsConsistent(hostname: string, day: string, ip: string): void {
    let s = this.otherTls.get(hostname, day);
    if (!s) this.otherTls.set(hostname, day, (s = new Set()));
    s.add(ip);
    // upstream LEFT JOINs these onto the control: they count only where the control has the host/day
    this.ctrl.get(hostname, day)?.unionTlsConsistentIps.add(ip);
  }

  /**
   * Every obs_web row of the window: records its TLS consistency (any test) and, for the analysed
   * test (web_connectivity), its report's IPv6 TCP outcome.
   */
  addObsWebRow(r: WindowObsInput): void {
    if (r.tls_is_certificate_valid === true && r.hostname !== null && r.ip !== null) {
      this.addTlsConsistent(r.hostname, this.dayOf(r.measurement_start_time), r.ip);
    }
    if (r.test_name !== 'web_connectivity') return;
    let c = this.reports.get(r.report_id);
    if (!c) this.reports.set(r.report_id, (c = { v6Failures: 0, v6Successes: 0 }));
    // every IPv6 literal has a colon: most rows (IPv4) skip the address regexes
    if (r.ip === null || !r.ip.includes(':') || isIP(r.ip) !== 6) return;
    if (r.tcp_failure !== null) c.v6Failures++;
    if (r.tcp_success === true) c.v6Successes++;
  }

  /** The control of one hostname and UTC day (`YYYY-MM-DD`), undefined on a join miss. */
  control(hostname: string, day: string): HostDayControl | undefined {
    return this.ctrl.get(hostname, day);
  }

  /** IPv6 TCP counts of a report seen through addObsWebRow, undefined when none of its rows was. */
  reportIpv6Counts(reportId: string): Readonly<ReportCounts> | undefined {
    return this.reports.get(reportId);
  }
}
