// TLS sub-observations (§2.5) from `tls_handshakes`, with their network events (handshake size
// and duration) and the leaf certificate's metadata.
import { parseAddress } from './address.ts';
import { leafMeta, peerCertificate } from './certificates.ts';
import type { ObservationCrypto } from './crypto.ts';
import { normaliseFailure } from './failure.ts';
import { arr, int, num, obj, str, type Json } from './json.ts';
import type { TlsColumns } from './types.ts';

export interface TlsObservation {
  cols: TlsColumns;
  ip: string | null;
  port: number | null;
  transactionId: number | null;
}

export interface TlsOptions {
  crypto: ObservationCrypto;
  /** measurement_start_time (epoch ms): certificates are checked at start + t */
  startMs: number;
  /** a custom CA store (Signal): the chain is validated against it instead of trusting the probe */
  rootsPem?: readonly string[];
}

/** A `connect … tls_handshake_done` run of events without transaction ids, and the t it ends at. */
interface EventWindow {
  events: Json[];
  endT: number | null;
}

/** The network events cut into windows, once per measurement (every handshake picks from the same windows). */
function handshakeWindows(events: Json[]): EventWindow[] {
  const windows: EventWindow[] = [];
  let current: Json[] = [];
  for (const ev of events) {
    if (ev.operation === 'connect') current = [ev];
    else if (ev.operation === 'tls_handshake_done') {
      current.push(ev);
      windows.push({ events: current, endT: num(ev.t) });
      current = [];
    } else if (current.length > 0) current.push(ev);
  }
  return windows;
}

/** Events without transaction ids: the window ending at the handshake's t. */
function eventsByWindow(handshakeT: number | null, srcIdx: number, windows: readonly EventWindow[]): Json[] | null {
  const matched: number[] = [];
  for (let i = 0; i < windows.length; i++) if (windows[i]!.endT === handshakeT) matched.push(i);
  if (matched.length === 1) return windows[matched[0]!]!.events;
  // duplicate end times: trust the relative order of handshakes and windows
  if (matched.length > 1 && matched.includes(srcIdx)) return windows[srcIdx]!.events;
  return null;
}

/**
 * Events with transaction ids: those of the handshake's id, by t. Upstream asserts that the first
 * one has the handshake's address and crashes when there is none; both abort the measurement
 * there (§11 #6) — here both mean "no events" and the handshake keeps its own address.
 */
function eventsByTransaction(transactionId: number | null, address: string | null, events: Json[]): Json[] | null {
  const mine = events.filter((ev) => int(ev.transaction_id) === transactionId);
  if (mine.length === 0) return null;
  mine.sort((a, b) => (num(a.t) ?? 0) - (num(b.t) ?? 0));
  if (str(mine[0]!.address) !== address) return null;
  return mine;
}

function certificateValidity(failure: string | null, noTlsVerify: unknown): boolean | null {
  if (noTlsVerify !== false) return null;
  if (failure === 'ssl_invalid_hostname' || failure === 'ssl_unknown_authority' || failure === 'ssl_invalid_certificate') return false;
  return failure === null ? true : null;
}

export function tlsObservations(handshakes: unknown, networkEvents: unknown, opts: TlsOptions): TlsObservation[] {
  const list = arr(handshakes);
  if (list.length === 0) return [];
  const events = arr(networkEvents)
    .map(obj)
    .filter((e): e is Json => e !== null);
  const byWindow = events.length > 0 && (events[0]!.transaction_id === null || events[0]!.transaction_id === undefined);
  const windows = byWindow ? handshakeWindows(events) : [];
  const out: TlsObservation[] = [];
  for (let idx = 0; idx < list.length; idx++) {
    const h = obj(list[idx]);
    if (!h) continue;
    const failure = normaliseFailure(h.failure);
    const t = num(h.t);
    const cols: TlsColumns = {
      tls_failure: failure,
      tls_server_name: str(h.server_name) || '',
      tls_outer_server_name: str(h.outer_server_name) || '',
      tls_echconfig: str(h.echconfig) || '',
      tls_version: str(h.tls_version) || '',
      tls_cipher_suite: str(h.cipher_suite) || '',
      tls_is_certificate_valid: null,
      tls_end_entity_certificate_fingerprint: null,
      tls_end_entity_certificate_subject: null,
      tls_end_entity_certificate_subject_common_name: null,
      tls_end_entity_certificate_issuer: null,
      tls_end_entity_certificate_issuer_common_name: null,
      tls_end_entity_certificate_san_list: [],
      tls_end_entity_certificate_not_valid_after: null,
      tls_end_entity_certificate_not_valid_before: null,
      tls_certificate_chain_length: null,
      tls_certificate_chain_fingerprints: [],
      tls_handshake_read_count: null,
      tls_handshake_write_count: null,
      tls_handshake_read_bytes: null,
      tls_handshake_write_bytes: null,
      tls_handshake_last_operation: null,
      tls_handshake_time: null,
      tls_t: t,
    };
    const address = str(h.address);
    let ip: string | null = null;
    let port: number | null = null;
    if (address) ({ host: ip, port } = parseAddress(address));
    const transactionId = int(h.transaction_id);

    const mine = events.length === 0 ? null : byWindow ? eventsByWindow(t, idx, windows) : eventsByTransaction(transactionId, address, events);
    if (mine && mine.length > 0) {
      const firstAddress = str(mine[0]!.address);
      if (firstAddress) ({ host: ip, port } = parseAddress(firstAddress));
      cols.tls_handshake_time = (num(mine[mine.length - 1]!.t) ?? 0) - (num(mine[0]!.t) ?? 0);
      let reads = 0;
      let writes = 0;
      let readBytes = 0;
      let writeBytes = 0;
      let last: string | null = null;
      for (const ev of mine) {
        const n = num(ev.num_bytes);
        if (ev.operation === 'write') {
          if (n) {
            writes++;
            writeBytes += n;
          }
          last = `write_${writes}`;
        } else if (ev.operation === 'read' && n) {
          reads++;
          readBytes += n;
          last = `read_${reads}`;
        }
      }
      cols.tls_handshake_read_count = reads;
      cols.tls_handshake_write_count = writes;
      cols.tls_handshake_read_bytes = readBytes;
      cols.tls_handshake_write_bytes = writeBytes;
      cols.tls_handshake_last_operation = last;
    }

    const certs = arr(h.peer_certificates);
    let ders: Uint8Array[] | null = null;
    if (certs.length > 0) {
      const peers = certs.map((c) => {
        const o = obj(c);
        return o && typeof o.data === 'string' ? peerCertificate(opts.crypto, o.data) : null;
      });
      // upstream decodes all or nothing
      if (peers.every((p) => p !== null && p.der !== null)) {
        ders = peers.map((p) => p!.der!);
        cols.tls_certificate_chain_fingerprints = peers.slice(1).map((p) => p!.fingerprint!);
      }
      cols.tls_certificate_chain_length = certs.length;
      const leaf = peers[0];
      const meta = leaf ? leafMeta(leaf) : null;
      if (leaf && meta) {
        cols.tls_end_entity_certificate_fingerprint = leaf.fingerprint;
        cols.tls_end_entity_certificate_subject = meta.subject;
        cols.tls_end_entity_certificate_subject_common_name = meta.subjectCommonName;
        cols.tls_end_entity_certificate_issuer = meta.issuer;
        cols.tls_end_entity_certificate_issuer_common_name = meta.issuerCommonName;
        cols.tls_end_entity_certificate_not_valid_after = meta.notValidAfter;
        cols.tls_end_entity_certificate_not_valid_before = meta.notValidBefore;
        cols.tls_end_entity_certificate_san_list = meta.sanList.slice();
      }
    }
    if (opts.rootsPem && ders && ders.length > 0) {
      let valid: boolean;
      try {
        valid = opts.crypto.isChainValid(ders, opts.rootsPem, opts.startMs + (t ? t * 1000 : 0));
      } catch {
        valid = false;
      }
      cols.tls_is_certificate_valid = valid;
    } else cols.tls_is_certificate_valid = certificateValidity(failure, h.no_tls_verify);
    out.push({ cols, ip, port, transactionId });
  }
  return out;
}
