// ObservationCrypto over node:crypto: SHA-1/SHA-256 and upstream's (deliberately simple) chain
// check of TLSCertStore.validate_cert_chain. Parsed certificates and signature checks are cached
// (bounded): Signal's servers present the same few chains in every measurement, and an RSA-4096
// verification costs far more than the rest of the transform.
import * as nodeCrypto from 'node:crypto';
import { createHash, X509Certificate } from 'node:crypto';
import type { ObservationCrypto } from '../../domain/observations/crypto.ts';

const MAX_CACHED = 2000;
const parsed = new Map<string, X509Certificate>();
const signedBy = new Map<string, boolean>();

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= MAX_CACHED) map.delete(map.keys().next().value!);
  map.set(key, value);
  return value;
}

type Digest = (algorithm: 'sha1' | 'sha256', data: Uint8Array | string) => string;
/** crypto.hash (Node ≥ 20.12: one call, no Hash object — a third faster on small inputs), else createHash. */
const digestHex: Digest =
  typeof (nodeCrypto as { hash?: unknown }).hash === 'function'
    ? (algorithm, data) => (nodeCrypto as unknown as { hash: (a: string, d: Uint8Array | string, e: 'hex') => string }).hash(algorithm, data, 'hex')
    : (algorithm, data) => createHash(algorithm).update(data).digest('hex');

function sha256Hex(bytes: Uint8Array | string): string {
  return digestHex('sha256', bytes);
}

/**
 * By the bytes object itself: the transformers' certificate memo hands over the same Uint8Array for
 * the same certificate every time, so a chain seen before needs no SHA-256 of each certificate.
 */
const byBytes = new WeakMap<Uint8Array, { cert: X509Certificate; key: string }>();

function certificate(der: Uint8Array | string): { cert: X509Certificate; key: string } {
  const known = typeof der === 'string' ? undefined : byBytes.get(der);
  if (known) return known;
  const key = sha256Hex(der);
  const found = { cert: parsed.get(key) ?? remember(parsed, key, new X509Certificate(der)), key };
  if (typeof der !== 'string') byBytes.set(der, found);
  return found;
}

/** Trust anchors by PEM text: the callers pass the same constant roots every time. */
const roots = new Map<string, { cert: X509Certificate; key: string }>();
function root(pem: string): { cert: X509Certificate; key: string } {
  return roots.get(pem) ?? remember(roots, pem, certificate(pem));
}

function validAt(cert: X509Certificate, atMs: number): boolean {
  return Date.parse(cert.validFrom) <= atMs && atMs <= Date.parse(cert.validTo);
}

function issuedBy(cert: { cert: X509Certificate; key: string }, issuer: { cert: X509Certificate; key: string }): boolean {
  const key = `${cert.key}<${issuer.key}`;
  const known = signedBy.get(key);
  if (known !== undefined) return known;
  return remember(signedBy, key, cert.cert.checkIssued(issuer.cert) && cert.cert.verify(issuer.cert.publicKey));
}

function isChainValid(chainDer: readonly Uint8Array[], rootsPem: readonly string[], atMs: number): boolean {
  if (chainDer.length === 0) return false;
  const chain = chainDer.map(certificate);
  const last = chain[chain.length - 1]!.cert;
  const anchor = rootsPem.map(root).find((r) => r.cert.subject === last.issuer);
  if (!anchor || !validAt(anchor.cert, atMs)) return false;
  // from the top down, each certificate must be issued and signed by the one above it
  let issuer = anchor;
  for (let i = chain.length - 1; i >= 0; i--) {
    const c = chain[i]!;
    // the root itself, when the server sends it, is already trusted
    if (c.key === anchor.key) continue;
    if (!issuedBy(c, issuer) || !validAt(c.cert, atMs)) return false;
    issuer = c;
  }
  return true;
}

export const nodeObservationCrypto: ObservationCrypto = {
  sha1Hex: (data) => digestHex('sha1', data),
  sha256Hex,
  isChainValid,
};
