// TCP cascade of RULES_VERSION 2 (upstream `TCP_RULES`), in order; may read the row's DNS result.
// Parity: `no_tcp_data` keeps upstream's condition, which is NULL (so false) on rows without a TCP
// part (tcp_success NULL): such rows end at `none` (ooni-data.md §11 #7; docs/v5-data.md).
import { and, eq, gt, isNotNull, isNull, le, ne, plus } from './sql-logic.ts';
import { Evidence, OutcomeClass, type Rule, type TcpScope } from './types.ts';

export const TCP_RULES: readonly Rule<TcpScope>[] = [
  {
    id: 'no_tcp_data',
    sql: 'tcp_success != 1 AND tcp_failure IS NULL',
    condition: (f) => and(ne(f.tcp_success, 1), isNull(f.tcp_failure)),
    blocked: 0,
    down: 0,
    ok: 0,
    evidence: Evidence.NONE,
    outcome: OutcomeClass.UNKNOWN,
    comment: 'Row has no TCP data attached. Masked out of aggregate analysis.',
  },
  {
    id: 'connect_ok',
    sql: 'tcp_failure IS NULL AND tcp_success = 1',
    condition: (f) => and(isNull(f.tcp_failure), eq(f.tcp_success, 1)),
    blocked: 0,
    down: 0,
    ok: 1.0,
    evidence: Evidence.SCORED,
    outcome: OutcomeClass.OK,
    comment: 'We can connect, nothing to see here.',
  },
  {
    id: 'ipv6_broken_probe',
    sql: 'tcp_failure IS NOT NULL AND ip_is_v6 = 1 AND tcp_ipv6_failure_rate > 0.5',
    condition: (f) => and(isNotNull(f.tcp_failure), eq(f.ip_is_v6, 1), gt(f.tcp_ipv6_failure_rate, 0.5)),
    blocked: 0,
    down: 0,
    ok: 0,
    evidence: Evidence.DISCARDED,
    outcome: OutcomeClass.UNKNOWN,
    comment: 'Failure against an IPv6 target while IPv6 is failing broadly for this report_id: the probe most likely has broken IPv6. Masked.',
  },
  {
    id: 'failure_ctrl_ok',
    sql: 'tcp_failure IS NOT NULL AND ctrl_tcp_success_rate > 0.5 AND ctrl_tcp_success_count > 0',
    condition: (f) => and(isNotNull(f.tcp_failure), gt(f.ctrl_tcp_success_rate, 0.5), gt(f.ctrl_tcp_success_count, 0)),
    blocked: 0.75,
    down: 0.25,
    ok: 0,
    evidence: Evidence.SCORED,
    outcome: OutcomeClass.BLOCKED,
    comment: 'Failure against an address that mostly succeeds in the control.',
  },
  {
    id: 'dns_untrusted',
    sql: 'dns_blocked > 0 AND dns_ok <= (dns_blocked + dns_down)',
    condition: (f) => and(gt(f.dns_blocked, 0), le(f.dns_ok, plus(f.dns_blocked, f.dns_down))),
    blocked: 0,
    down: 0,
    ok: 0,
    evidence: Evidence.DISCARDED,
    outcome: OutcomeClass.UNKNOWN,
    // upstream's own TODO: this sits below connect_ok, so a successful connection to a blockpage
    // address is still scored OK (§11 #8; kept for parity)
    comment: 'DNS was not trustworthy, so the addresses we connected to cannot be trusted either. Masked.',
  },
  {
    id: 'failure_ctrl_also_failing',
    sql: 'tcp_failure IS NOT NULL AND ctrl_tcp_success_rate <= 0.5 AND ctrl_tcp_failing_count > 0',
    condition: (f) => and(isNotNull(f.tcp_failure), le(f.ctrl_tcp_success_rate, 0.5), gt(f.ctrl_tcp_failing_count, 0)),
    blocked: 0.25,
    down: 0.75,
    ok: 0,
    evidence: Evidence.SCORED,
    outcome: OutcomeClass.DOWN,
    comment: 'Failure, but the control is failing a lot too. Likely down.',
  },
];
