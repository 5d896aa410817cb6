// The incoming `.post` object, `{"format":"json","content":{…}}`: its one writer (encode) and
// its one reader (decode, with every rule a stored object must pass). Pure.
import type { IngestRejection } from './ingest-rejection-codes.ts';
import { parseJsonLazily } from './lazy-json/parse-lazily.ts';
import { isPlainObject, parseJsonBytes, parseJsonText } from './submission/parse-json-object.ts';

const POST_FORMAT = 'json';

export interface StoredPost {
  ok: true;
  /** The whole object; fields besides format and content (e.g. is_verified) stay in it. */
  wrapper: Record<string, unknown>;
  /** The measurement. */
  content: Record<string, unknown>;
  /** `content` as sent when the probe sent it as a JSON string (kept byte for byte), else null. */
  contentText: string | null;
}

export type DecodedPost = StoredPost | IngestRejection;

export type FormatRejection = IngestRejection & { code: 'bad_wrapper_format' | 'yaml_not_supported' };

const utf8 = new TextEncoder();

const reject = <C extends IngestRejection['code']>(code: C, reason: string): IngestRejection & { code: C } => ({ ok: false, code, reason });

/** The bytes of a `.post` object holding `content`, serialised compactly. */
export function encodeStoredPost(content: Record<string, unknown>): Uint8Array {
  return utf8.encode(JSON.stringify({ format: POST_FORMAT, content }));
}

/**
 * The wrapper's format rule. `anyCase`: OONI's fastpath lower-cases it; a stored object must
 * say "json" exactly, as the upload routes require.
 */
function postFormatRejection(format: unknown, anyCase = false): FormatRejection | null {
  if (typeof format !== 'string') return reject('bad_wrapper_format', 'wrapper format is not a string');
  if ((anyCase ? format.toLowerCase() : format) === POST_FORMAT) return null;
  if (format.toLowerCase() === 'yaml') return reject('yaml_not_supported', 'YAML measurements are not supported');
  return reject('bad_wrapper_format', `unknown wrapper format '${format}'`);
}

/**
 * OONI fastpath's reading of an upload (process_measurement): an object with both `format` and
 * `content` is a wrapper and is opened (format in any case); anything else is the measurement
 * itself. The content is returned as sent, not checked.
 */
export function unwrapUpload(raw: Record<string, unknown>): { ok: true; content: unknown } | FormatRejection {
  if (!(Object.hasOwn(raw, 'content') && Object.hasOwn(raw, 'format'))) return { ok: true, content: raw };
  return postFormatRejection(raw['format'], true) ?? { ok: true, content: raw['content'] };
}

/** The rules on a parsed stored object: an object, format "json", content an object or a JSON string holding one. */
export function readStoredPost(wrapper: unknown): DecodedPost {
  if (!isPlainObject(wrapper)) return reject('not_an_object', 'stored body is not a JSON object');
  const badFormat = postFormatRejection(wrapper['format']);
  if (badFormat) return badFormat;
  const sent = wrapper['content'];
  const contentText = typeof sent === 'string' ? sent : null;
  let content = sent;
  if (contentText !== null) {
    const parsed = parseJsonText(contentText);
    content = parsed.kind === 'json' ? parsed.value : undefined;
  }
  if (!isPlainObject(content)) return reject('bad_content', '`content` is not a measurement object');
  return { ok: true, wrapper, content, contentText };
}

/**
 * When a stored object is big enough for a lazy parse to pay, and the strings it leaves undecoded
 * (the scorer reads HTTP bodies and echoed request lines as bytes; anything else decodes them on
 * first read).
 */
export interface LazyDecoding {
  minDocumentBytes: number;
  minStringBytes: number;
}

export const LAZY_DECODING: LazyDecoding = { minDocumentBytes: 64 * 1024, minStringBytes: 8 * 1024 };

/**
 * Strict UTF-8 and JSON (one JSON.parse, or for big objects the lazy parse, which gives the same
 * value), then readStoredPost. Never throws.
 */
export function decodeStoredPost(bytes: Uint8Array, lazy: LazyDecoding = LAZY_DECODING): DecodedPost {
  const lazyParsed = bytes.length >= lazy.minDocumentBytes ? parseJsonLazily(bytes, lazy.minStringBytes) : null;
  if (lazyParsed) return readStoredPost(lazyParsed.value);
  const parsed = parseJsonBytes(bytes);
  if (parsed.kind !== 'json') return reject('invalid_json', `stored body is not UTF-8 JSON: ${parsed.message}`);
  return readStoredPost(parsed.value);
}
