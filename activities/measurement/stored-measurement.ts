// Deep checks on a stored `.post` body (read by domain/stored-post.ts): what the API already
// checked once, so a bad object put in the bucket another way is caught here too. Pure.
import type { IngestRejection } from '../../domain/ingest-rejection-codes.ts';
import { decodeStoredPost, type StoredPost } from '../../domain/stored-post.ts';

export type StoredMeasurement = StoredPost | IngestRejection;

const REQUIRED_STRINGS = ['test_name', 'probe_cc', 'probe_asn', 'measurement_start_time', 'test_start_time'] as const;
const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** The measurement rules on an already decoded post. */
export function checkStoredMeasurement(post: StoredMeasurement): StoredMeasurement {
  if (!post.ok) return post;
  const { content } = post;
  for (const key of REQUIRED_STRINGS) {
    if (typeof content[key] !== 'string') return { ok: false, code: 'missing_field', reason: `\`${key}\` is missing or not a string` };
  }
  for (const key of ['measurement_start_time', 'test_start_time'] as const) {
    if (!TIME.test(content[key] as string)) {
      return { ok: false, code: 'bad_time', reason: `\`${key}\` is not "YYYY-MM-DD hh:mm:ss"` };
    }
  }
  return post;
}

export function readStoredMeasurement(bytes: Uint8Array): StoredMeasurement {
  return checkStoredMeasurement(decodeStoredPost(bytes));
}
