// Small helpers shared by the probe-services routes.
import type { Context } from 'hono';
import { isPlainObject } from '../../domain/submission/parse-json-object.ts';
import { ApiError } from '../errors.ts';

export const NO_CACHE = { 'Cache-Control': 'no-cache' } as const;

const MAX_JSON_BODY_BYTES = 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** RFC 3339 with whole seconds, `YYYY-MM-DDTHH:MM:SSZ`: what Go's time.Time decodes. */
export function formatRfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Reads the body as a JSON object whatever the Content-Type ("some probes are not setting
 * the JSON mimetype", as the original notes). Returns the object or throws ApiError.
 */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const tooLarge = () => new ApiError('body_too_large', `body exceeds ${MAX_JSON_BODY_BYTES} bytes`);
  if (Number(c.req.header('Content-Length') ?? 0) > MAX_JSON_BODY_BYTES) throw tooLarge();
  const raw = new Uint8Array(await c.req.arrayBuffer());
  if (raw.length > MAX_JSON_BODY_BYTES) throw tooLarge();
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(raw));
  } catch {
    throw new ApiError('invalid_json', 'JSON expected');
  }
  if (!isPlainObject(value)) throw new ApiError('invalid_json', 'a JSON object is expected');
  return value;
}
