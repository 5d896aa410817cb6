// The sub-observation lists most nettests build from the same test_keys, linked into rows.
import type { Transform } from '../context.ts';
import { dnsObservations } from '../dns.ts';
import { httpObservations } from '../http.ts';
import type { Json } from '../json.ts';
import { tcpObservations } from '../tcp.ts';
import { tlsObservations } from '../tls.ts';
import type { ObsWebRow } from '../types.ts';
import { webRows, type WebRowOptions } from '../web-rows.ts';

export interface Parts {
  queries?: boolean;
  tcp?: boolean;
  tls?: boolean;
  http?: boolean;
  rootsPem?: readonly string[];
}

/** Rows of one `consume_web_observations` call over the chosen parts of `keys`. */
export function rowsOf(t: Transform, keys: Json, parts: Parts, opts: WebRowOptions = {}): ObsWebRow[] {
  const dns = parts.queries ? dnsObservations(keys.queries) : [];
  const tcp = parts.tcp ? tcpObservations(keys.tcp_connect) : [];
  const tls = parts.tls
    ? tlsObservations(keys.tls_handshakes, keys.network_events, { crypto: t.crypto, startMs: t.startMs, rootsPem: parts.rootsPem })
    : [];
  const http = parts.http ? httpObservations(keys.requests, t.crypto) : [];
  return webRows(t, dns, tcp, tls, http, opts);
}

export const ALL: Parts = { queries: true, tcp: true, tls: true, http: true };
