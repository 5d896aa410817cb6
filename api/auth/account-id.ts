// account_id: the keyed hash of the lower-cased email address (HMAC-SHA256 with
// ACCOUNT_ID_HASHING_KEY, 32 hex characters, as long as OONI's keyed BLAKE2b digest). Stable per
// address, opaque, and not reversible without the key.
import { createHmac } from 'node:crypto';

export function accountIdOf(email: string, hashingKey: string): string {
  return createHmac('sha256', hashingKey).update(email.toLowerCase()).digest('hex').slice(0, 32);
}
