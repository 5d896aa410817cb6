// PLACEHOLDER until H1 lands: the hashing and X.509 decoding the transformers are given.
export interface ObservationCrypto {
  sha1Hex(bytes: Uint8Array): string;
}
