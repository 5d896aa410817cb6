// The one seam that finds a measurement's raw body. For now: the incoming `.post` object (staged
// key, or the key derived from the uid). The sealed-archive (jsonl) lookup will replace this body.
import { incomingKey } from '../../domain/incoming-key.ts';
import type { ApiDeps } from '../deps.ts';

const utf8 = new TextEncoder();

export async function fetchRawMeasurement(deps: ApiDeps, uid: string): Promise<Uint8Array | null> {
  const [row] = await deps.database.sql<{ object_key: string }[]>`
    select object_key from staged where measurement_uid = ${uid}`;
  let key = row?.object_key;
  if (!key) {
    try {
      key = incomingKey(uid);
    } catch {
      return null;
    }
  }
  const post = await deps.store.get(key);
  if (!post) return null;
  let content: unknown;
  try {
    content = (JSON.parse(new TextDecoder().decode(post)) as { content?: unknown }).content;
  } catch {
    return null;
  }
  // a string content is already the measurement's JSON text: keep its bytes as sent
  if (typeof content === 'string') return utf8.encode(content);
  if (content === null || typeof content !== 'object') return null;
  return utf8.encode(JSON.stringify(content));
}
