// TCP sub-observations (§2.5): `tcp_connect` entries whose ip is an IP literal (or scrubbed).
import { fixAddress, isIpLiteral } from './address.ts';
import { normaliseFailure } from './failure.ts';
import { arr, bool, int, num, obj, str } from './json.ts';
import type { TcpColumns } from './types.ts';

export interface TcpObservation {
  cols: TcpColumns;
  ip: string;
  port: number | null;
  transactionId: number | null;
}

export function tcpObservations(tcpConnect: unknown): TcpObservation[] {
  const out: TcpObservation[] = [];
  for (const e of arr(tcpConnect)) {
    const entry = obj(e);
    const ip = entry ? str(entry.ip) : null;
    // older probes put host names here; upstream skips them (and keeps the scrubbed probe IP)
    if (!entry || ip === null || (!ip.includes('[scrubbed]') && !isIpLiteral(ip))) continue;
    const status = obj(entry.status) ?? {};
    out.push({
      cols: { tcp_failure: normaliseFailure(status.failure), tcp_success: bool(status.success), tcp_t: num(entry.t) },
      ip: fixAddress(ip),
      port: int(entry.port),
      transactionId: int(entry.transaction_id),
    });
  }
  return out;
}
