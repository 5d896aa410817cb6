// Hashing and certificate-chain checks the transformers need, injected so this folder stays pure
// (lib/observations/crypto.ts implements it with node:crypto).
export interface ObservationCrypto {
  /** a string is hashed as its UTF-8 bytes (lone surrogates as U+FFFD, as TextEncoder writes them) */
  sha1Hex(data: Uint8Array | string): string;
  sha256Hex(bytes: Uint8Array): string;
  /**
   * Upstream's TLSCertStore.validate_cert_chain: the root whose subject is the last certificate's
   * issuer must be among `rootsPem`, and every certificate (leaf first in `chainDer`) must be signed
   * by the next one (the last by the root) and valid at `atMs` (epoch milliseconds).
   */
  isChainValid(chainDer: readonly Uint8Array[], rootsPem: readonly string[], atMs: number): boolean;
}
