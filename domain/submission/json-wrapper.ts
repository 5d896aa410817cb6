// The part both upload routes share: body bytes (decoded, capped) → the `{"format": "json",
// "content": …}` wrapper, read by the `.post` reader (domain/stored-post.ts) and its rejections
// translated to the HTTP vocabulary, or the rejection of the first rule it breaks.
import { readStoredPost, type StoredPost } from '../stored-post.ts';
import { reject, type SubmissionRejection } from './error-codes.ts';
import { decodeRequestBody } from './decode-body.ts';
import { parseJsonBytes } from './parse-json-object.ts';
import type { SubmissionLimits } from './types.ts';

/**
 * `post`: the read wrapper, or null when its content is neither an object nor a string holding
 * one (each route words that rejection itself); `bytes`: the decoded body, as a legacy upload stores it.
 */
export type JsonWrapper = { kind: 'wrapper'; post: StoredPost | null; bytes: Uint8Array } | SubmissionRejection;

export function parseJsonWrapper(body: Uint8Array, contentEncoding: string | null | undefined, limits: SubmissionLimits): JsonWrapper {
  const decoded = decodeRequestBody(body, contentEncoding, limits);
  if (decoded.kind !== 'decoded') return decoded;
  const parsed = parseJsonBytes(decoded.bytes);
  if (parsed.kind !== 'json') return parsed;
  const post = readStoredPost(parsed.value);
  if (post.ok) return { kind: 'wrapper', post, bytes: decoded.bytes };
  if (post.code === 'not_an_object') return reject('not_a_json_object', 'Incorrect format: body must be a JSON object');
  if (post.code === 'bad_content') return { kind: 'wrapper', post: null, bytes: decoded.bytes };
  return reject('unsupported_format', 'format must be "json"');
}
