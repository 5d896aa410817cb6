// Reading an object as a stream (for the API to pass a large file on without holding it),
// optionally one byte range of it.
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { isNotFound, s3Call, type ObjectStore } from './s3.ts';

export interface OpenedObject {
  body: ReadableStream<Uint8Array>;
  contentLength?: number;
  contentRange?: string;
  etag?: string;
}

/** The object's bytes as a stream; null when there is no such key; 'not_satisfiable' for a range past its end. */
export async function openObject(store: ObjectStore, key: string, range?: string): Promise<OpenedObject | null | 'not_satisfiable'> {
  try {
    const out = await s3Call('get', () =>
      store.client.send(new GetObjectCommand({ Bucket: store.bucket, Key: key, ...(range ? { Range: range } : {}) })),
    );
    if (!out.Body) return null;
    return {
      body: out.Body.transformToWebStream() as ReadableStream<Uint8Array>,
      ...(out.ContentLength !== undefined ? { contentLength: out.ContentLength } : {}),
      ...(out.ContentRange ? { contentRange: out.ContentRange } : {}),
      ...(out.ETag ? { etag: out.ETag } : {}),
    };
  } catch (err) {
    if (isNotFound(err)) return null;
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'InvalidRange' || e.$metadata?.httpStatusCode === 416) return 'not_satisfiable';
    throw err;
  }
}
