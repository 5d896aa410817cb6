// The part both upload routes share: body bytes (decoded, capped) → the `{"format": "json",
// "content": …}` wrapper object, or the rejection of the first rule it breaks.
import { POST_FORMAT } from '../stored-post.ts';
import { reject, type SubmissionRejection } from './error-codes.ts';
import { decodeRequestBody } from './decode-body.ts';
import { isPlainObject, parseJsonBytes } from './parse-json-object.ts';
import type { SubmissionLimits } from './types.ts';

/** `bytes`: the decoded body, as a legacy upload stores it */
export type JsonWrapper = { kind: 'wrapper'; content: unknown; bytes: Uint8Array } | SubmissionRejection;

export function parseJsonWrapper(body: Uint8Array, contentEncoding: string | null | undefined, limits: SubmissionLimits): JsonWrapper {
  const decoded = decodeRequestBody(body, contentEncoding, limits);
  if (decoded.kind !== 'decoded') return decoded;
  const parsed = parseJsonBytes(decoded.bytes);
  if (parsed.kind !== 'json') return parsed;
  const wrapper = parsed.value;
  if (!isPlainObject(wrapper)) return reject('not_a_json_object', 'Incorrect format: body must be a JSON object');
  if (wrapper['format'] !== POST_FORMAT) return reject('unsupported_format', 'format must be "json"');
  return { kind: 'wrapper', content: wrapper['content'], bytes: decoded.bytes };
}
