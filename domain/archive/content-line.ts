// One jsonl line: the `content` of a `.post` wrapper, serialised as OONI's uploader did
// (ujson defaults: compact, non-ASCII as \uXXXX, `/` as `\/`), so lines parse to the same JSON.
import { decodeStoredPost } from '../stored-post.ts';

/** The measurement of a `.post` body, or null when it has none (OONI wrote `{}` for those). */
function contentOfPost(body: Uint8Array): Record<string, unknown> | null {
  const post = decodeStoredPost(body);
  return post.ok ? post.content : null;
}

export function serializeContent(content: unknown): string {
  return JSON.stringify(content)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replaceAll('/', '\\/');
}

const EMPTY_LINE = '{}';

/** The jsonl line of a `.post` body and whether it is a real measurement. */
export function lineOfPost(body: Uint8Array): { line: string; ok: boolean } {
  const content = contentOfPost(body);
  return content ? { line: serializeContent(content), ok: true } : { line: EMPTY_LINE, ok: false };
}
