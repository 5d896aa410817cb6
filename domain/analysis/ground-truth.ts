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

const dayOf = (measurementStartTime: string): string => measurementStartTime.slice(0, 10);
const keyOf = (hostname: string, day: string): string => `${hostname}\u0000${day}`;

interface ReportCounts {
  v6Failures: number;
  v6Successes: number;
}

export class GroundTruth {
  private readonly ctrl = new Map<string, HostDayControl & { unionTlsConsistentIps: Set<string> }>();
  private readonly otherTls = new Map<string, Set<string>>();
  private readonly reports = new Map<string, ReportCounts>();

  addCtrlRow(r: CtrlTruthInput): void {
    const key = keyOf(r.hostname, dayOf(r.measurement_start_time));
    let c = this.ctrl.get(key);
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
        unionTlsConsistentIps: new Set(this.otherTls.get(key)),
      };
      this.ctrl.set(key, c);
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
    const key = keyOf(hostname, day);
    let s = this.otherTls.get(key);
    if (!s) this.otherTls.set(key, (s = new Set()));
    s.add(ip);
    // upstream LEFT JOINs these onto the control: they count only where the control has the host/day
    this.ctrl.get(key)?.unionTlsConsistentIps.add(ip);
  }

  /**
   * Every obs_web row of the window: records its TLS consistency (any test) and, for the analysed
   * test (web_connectivity), its report's IPv6 TCP outcome.
   */
  addObsWebRow(r: WindowObsInput): void {
    if (r.tls_is_certificate_valid === true && r.hostname !== null && r.ip !== null) {
      this.addTlsConsistent(r.hostname, dayOf(r.measurement_start_time), r.ip);
    }
    if (r.test_name !== 'web_connectivity') return;
    let c = this.reports.get(r.report_id);
    if (!c) this.reports.set(r.report_id, (c = { v6Failures: 0, v6Successes: 0 }));
    if (r.ip === null || isIP(r.ip) !== 6) return;
    if (r.tcp_failure !== null) c.v6Failures++;
    if (r.tcp_success === true) c.v6Successes++;
  }

  /** The control of one hostname and UTC day (`YYYY-MM-DD`), undefined on a join miss. */
  control(hostname: string, day: string): HostDayControl | undefined {
    return this.ctrl.get(keyOf(hostname, day));
  }

  /** IPv6 TCP counts of a report seen through addObsWebRow, undefined when none of its rows was. */
  reportIpv6Counts(reportId: string): Readonly<ReportCounts> | undefined {
    return this.reports.get(reportId);
  }
}
