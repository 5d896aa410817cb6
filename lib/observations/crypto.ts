// PLACEHOLDER until H1 lands: the observation transformers' hashing over node:crypto.
import { createHash } from 'node:crypto';
import type { ObservationCrypto } from '../../domain/observations/crypto.ts';

export const nodeObservationCrypto: ObservationCrypto = {
  sha1Hex: (bytes) => createHash('sha1').update(bytes).digest('hex'),
};
