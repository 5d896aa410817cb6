// DNS sub-observations (§2.5): one per answer of each `queries` entry, one when it has none.
import { normaliseFailure } from './failure.ts';
import { arr, int, num, obj, str } from './json.ts';
import type { DnsColumns } from './types.ts';

export interface DnsObservation {
  cols: DnsColumns;
  hostname: string | null;
  /** the raw answer (IP or name), what TCP/TLS/HTTP items are matched against */
  answer: string | null;
  transactionId: number | null;
}

export function dnsObservations(queries: unknown): DnsObservation[] {
  const out: DnsObservation[] = [];
  for (const q of arr(queries)) {
    const query = obj(q);
    if (!query) continue;
    const base = {
      dns_query_type: str(query.query_type),
      dns_failure: normaliseFailure(query.failure),
      dns_engine: str(query.engine),
      dns_engine_resolver_address: str(query.resolver_address),
      dns_t: num(query.t),
    };
    const hostname = str(query.hostname);
    const transactionId = int(query.transaction_id);
    const answers = arr(query.answers);
    if (answers.length === 0) {
      out.push({
        cols: { ...base, dns_answer_type: null, dns_answer: null, dns_answer_asn: null, dns_answer_as_org_name: null },
        hostname,
        answer: null,
        transactionId,
      });
      continue;
    }
    for (const a of answers) {
      const answer = obj(a) ?? {};
      const value = str(answer.ipv4) || str(answer.ipv6) || str(answer.hostname) || null;
      out.push({
        cols: {
          ...base,
          dns_answer_type: str(answer.answer_type),
          dns_answer: value,
          dns_answer_asn: int(answer.asn) || 0,
          dns_answer_as_org_name: str(answer.as_org_name) || '',
        },
        hostname,
        answer: value,
        transactionId,
      });
    }
  }
  return out;
}
