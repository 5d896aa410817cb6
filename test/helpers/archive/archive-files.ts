// Reads every sealed part of a bucket back from S3.
import { readJsonl, readPostcan, type PostMember } from '../../../domain/archive/files.ts';
import { postcanKeyOf } from '../../../domain/s3-keys.ts';
import type { ObjectStore } from '../../../lib/s3.ts';

export interface SealedPart {
  jsonlKey: string;
  lines: string[];
  members: PostMember[];
}

export async function listKeys(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of store.list(prefix)) if (o.Key) keys.push(o.Key);
  return keys.sort();
}

export async function readParts(store: ObjectStore): Promise<SealedPart[]> {
  const keys = (await listKeys(store, 'raw/')).filter((k) => k.endsWith('.jsonl.gz'));
  return Promise.all(
    keys.map(async (jsonlKey) => ({
      jsonlKey,
      lines: readJsonl((await store.get(jsonlKey))!),
      members: await readPostcan((await store.get(postcanKeyOf(jsonlKey)))!),
    })),
  );
}
