// Rules as data (upstream `analysis/rules.py`): each layer is a first-match cascade of rules over a
// row's features; a rule gives the row its (blocked, down, ok) triple, its rule id and evidence.
import type { SqlBool } from './sql-logic.ts';

/** How much a row says about its layer, independent of the score (ordered: ranking uses it). */
export const Evidence = { NONE: 0, DISCARDED: 1, SCORED: 2 } as const;
export type Evidence = (typeof Evidence)[keyof typeof Evidence];

/** Whether a rule leans blocked, down or ok (metadata; the SQL never reads it). */
export const OutcomeClass = { UNKNOWN: 0, OK: 1, DOWN: 2, BLOCKED: 3 } as const;
export type OutcomeClass = (typeof OutcomeClass)[keyof typeof OutcomeClass];

/** The features of one obs_web row the rules read (§5.1, §5.2), in ClickHouse's types. */
interface RowFeatures {
  dns_answers: readonly string[];
  dns_failure: string | null;
  dns_engine: string | null;
  /** UInt8 */
  dns_blocking_country_consistent: number;
  dns_tls_consistent: number;
  dns_tls_inconsistent: number;
  dns_answers_contain_bogon: number;
  dns_answer_matches_ctrl: number;
  dns_answer_asn_matches_ctrl: number;
  /** NaN when the control has no DNS data (0/0) */
  ctrl_dns_success_rate: number;
  /** Int8 */
  tcp_success: number | null;
  tcp_failure: string | null;
  /** `isIPv6String(ip)`: NULL when ip is NULL */
  ip_is_v6: number | null;
  /** NaN when the report has no IPv6 TCP data */
  tcp_ipv6_failure_rate: number;
  /** control map lookups by the row's ip: 0 when the key is missing, NULL when ip is NULL */
  ctrl_tcp_success_count: number | null;
  ctrl_tcp_failing_count: number | null;
  ctrl_tcp_success_rate: number | null;
  /** Int8 */
  tls_is_certificate_valid: number | null;
  tls_failure: string | null;
  ctrl_tls_success_count: number | null;
  ctrl_tls_failing_count: number | null;
  ctrl_tls_success_rate: number | null;
}

interface DnsScores {
  dns_blocked: number;
  dns_down: number;
  dns_ok: number;
}
interface TcpScores {
  tcp_blocked: number;
  tcp_down: number;
  tcp_ok: number;
}

/** What each layer's conditions may read: DNS the features, TCP also DNS's result, TLS both. */
export type DnsScope = RowFeatures;
export type TcpScope = RowFeatures & DnsScores;
export type TlsScope = RowFeatures & DnsScores & TcpScores;

export interface Rule<S> {
  /** stable, unique within its layer; stored in analysis_web_measurement */
  id: string;
  /** upstream's SQL condition, verbatim (documentation; `condition` is its port) */
  sql: string;
  condition(scope: S): SqlBool;
  blocked: number;
  down: number;
  ok: number;
  evidence: Evidence;
  outcome: OutcomeClass;
  comment: string;
}

/** The result of one layer's cascade for one row. */
export interface LayerVerdict {
  ruleId: string;
  blocked: number;
  down: number;
  ok: number;
  evidence: Evidence;
}
