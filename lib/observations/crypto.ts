// ObservationCrypto over node:crypto: SHA-1/SHA-256 and upstream's (deliberately simple) chain
// check of TLSCertStore.validate_cert_chain.
import { createHash, X509Certificate } from 'node:crypto';
import type { ObservationCrypto } from '../../domain/observations/crypto.ts';

const rootCache = new Map<string, X509Certificate>();

function root(pem: string): X509Certificate {
  let cert = rootCache.get(pem);
  if (!cert) {
    cert = new X509Certificate(pem);
    rootCache.set(pem, cert);
  }
  return cert;
}

function validAt(cert: X509Certificate, atMs: number): boolean {
  return Date.parse(cert.validFrom) <= atMs && atMs <= Date.parse(cert.validTo);
}

function isChainValid(chainDer: readonly Uint8Array[], rootsPem: readonly string[], atMs: number): boolean {
  if (chainDer.length === 0) return false;
  const chain = chainDer.map((d) => new X509Certificate(d));
  const last = chain[chain.length - 1]!;
  const anchor = rootsPem.map(root).find((r) => r.subject === last.issuer);
  if (!anchor || !validAt(anchor, atMs)) return false;
  // from the top down, each certificate must be issued and signed by the one above it
  let issuer = anchor;
  for (let i = chain.length - 1; i >= 0; i--) {
    const cert = chain[i]!;
    // the root itself, when the server sends it, is already trusted
    if (cert.subject === anchor.subject && cert.fingerprint256 === anchor.fingerprint256) continue;
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey) || !validAt(cert, atMs)) return false;
    issuer = cert;
  }
  return true;
}

export const nodeObservationCrypto: ObservationCrypto = {
  sha1Hex: (bytes) => createHash('sha1').update(bytes).digest('hex'),
  sha256Hex: (bytes) => createHash('sha256').update(bytes).digest('hex'),
  isChainValid,
};
