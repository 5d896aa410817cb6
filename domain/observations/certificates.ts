// Peer certificates as TLS rows read them (DER bytes, SHA-256 fingerprint, leaf metadata),
// remembered per base64 text across measurements: every measurement of a service meets the same
// few chains, and decoding one costs more than the rest of its handshake's row. Bounded (the memo
// is emptied when full); entries are shared, so callers copy what they keep (the SAN list).
import type { ObservationCrypto } from './crypto.ts';
import { base64Bytes } from './http.ts';
import { decodeCertificate, type CertificateMeta } from './x509.ts';

export interface PeerCertificate {
  /** the decoded bytes; null when the text is not base64 */
  readonly der: Uint8Array | null;
  /** SHA-256 of der (hex); null with der */
  readonly fingerprint: string | null;
  /** decodeCertificate(der) once asked (leafMeta): null when it cannot be read, undefined until then */
  meta?: Readonly<CertificateMeta> | null;
}

const MAX_REMEMBERED = 4000;
const memos = new WeakMap<ObservationCrypto, Map<string, PeerCertificate>>();

/** The certificate whose base64 DER is `data` (hashed with `crypto`). */
export function peerCertificate(crypto: ObservationCrypto, data: string): PeerCertificate {
  let memo = memos.get(crypto);
  if (!memo) memos.set(crypto, (memo = new Map()));
  let cert = memo.get(data);
  if (cert === undefined) {
    const der = base64Bytes(data);
    cert = { der, fingerprint: der ? crypto.sha256Hex(der) : null };
    if (memo.size >= MAX_REMEMBERED) memo.clear();
    memo.set(data, cert);
  }
  return cert;
}

/** The leaf metadata of `cert` (decoded once); null when it has no bytes or they are not a certificate. */
export function leafMeta(cert: PeerCertificate): Readonly<CertificateMeta> | null {
  if (cert.meta === undefined) {
    try {
      const meta = cert.der ? decodeCertificate(cert.der) : null;
      if (meta) Object.freeze(meta.sanList);
      cert.meta = meta ? Object.freeze(meta) : null;
    } catch {
      // upstream logs a certificate it cannot decode and keeps the rest of the observation
      cert.meta = null;
    }
  }
  return cert.meta;
}
