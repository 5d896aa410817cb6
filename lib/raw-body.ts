// A measurement's `content` as JSON bytes: from its sealed jsonl line (s3path + linenum) or,
// before sealing, from the incoming `.post` object.
import { eq } from 'drizzle-orm';
import { jsonl, staged } from '../drizzle/schema.ts';
import { isValidMeasurementUid } from '../domain/ids/measurement-uid.ts';
import { incomingKey } from '../domain/s3-keys.ts';
import { decodeStoredPost } from '../domain/stored-post.ts';
import type { Database } from './db.ts';
import type { ObjectStore } from './s3.ts';
import { serializeContent } from '../domain/archive/content-line.ts';
import { readJsonl } from '../domain/archive/files.ts';

export interface RawBodyDeps {
  db: Database;
  store: ObjectStore;
}

// Sealed files never change (committed parts are not rewritten), so caching them is safe.
const CACHE_FILES = 8;
const cache = new Map<string, Promise<string[] | null>>();

function linesOf(store: ObjectStore, key: string): Promise<string[] | null> {
  const cacheKey = `${store.bucket}/${key}`;
  let hit = cache.get(cacheKey);
  if (hit) {
    cache.delete(cacheKey);
  } else {
    hit = store.get(key).then((gz) => (gz ? readJsonl(gz) : null));
    hit.catch(() => cache.delete(cacheKey));
  }
  cache.set(cacheKey, hit);
  while (cache.size > CACHE_FILES) cache.delete(cache.keys().next().value!);
  return hit;
}

async function fromArchive(deps: RawBodyDeps, uid: string): Promise<Uint8Array | null | undefined> {
  const [row] = await deps.db.select({ s3path: jsonl.s3path, linenum: jsonl.linenum }).from(jsonl).where(eq(jsonl.measurementUid, uid));
  if (!row) return undefined;
  const line = (await linesOf(deps.store, row.s3path))?.[row.linenum];
  return line === undefined ? null : new TextEncoder().encode(line);
}

async function fromIncoming(deps: RawBodyDeps, uid: string): Promise<Uint8Array | null> {
  const [row] = await deps.db.select({ key: staged.objectKey }).from(staged).where(eq(staged.measurementUid, uid));
  const body = await deps.store.get(row?.key ?? incomingKey(uid));
  const post = body ? decodeStoredPost(body) : null;
  if (!post?.ok) return null;
  // content sent as a JSON string: its text is the measurement, kept as sent
  return new TextEncoder().encode(post.contentText ?? serializeContent(post.content));
}

export async function fetchMeasurementBody(deps: RawBodyDeps, uid: string): Promise<Uint8Array | null> {
  if (!isValidMeasurementUid(uid)) return null;
  const sealed = await fromArchive(deps, uid);
  if (sealed !== undefined) return sealed;
  const fresh = await fromIncoming(deps, uid);
  // Sealed (and its object deleted) between the two look-ups: the index has it now.
  return fresh ?? (await fromArchive(deps, uid)) ?? null;
}
