// Raw bodies are immutable once stored, so the activities of one workflow can share one read.
// Correctness never depends on this cache: a miss reads S3 again. The decoded `.post` object is
// kept beside its bytes (and dropped with them), so validate and score share one JSON parse.
import type { ObjectStore } from '../../lib/s3.ts';
import { ApplicationFailure } from '@temporalio/common';
import { decodeStoredPost, type DecodedPost } from '../../domain/stored-post.ts';

export class BodyCache {
  private readonly entries = new Map<string, Uint8Array>();
  private readonly decoded = new WeakMap<Uint8Array, DecodedPost>();
  private bytes = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  async get(key: string): Promise<Uint8Array> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const body = await this.store.get(key);
    if (!body) {
      throw ApplicationFailure.create({
        type: 'MeasurementObjectMissing',
        message: `no object at ${key}`,
        nonRetryable: true,
      });
    }
    this.remember(key, body);
    return body;
  }

  /** The stored `.post` object at `key`, decoded once per body read (never mutate it). */
  async post(key: string): Promise<DecodedPost> {
    const body = await this.get(key);
    let post = this.decoded.get(body);
    if (!post) {
      post = decodeStoredPost(body);
      this.decoded.set(body, post);
    }
    return post;
  }

  private remember(key: string, body: Uint8Array): void {
    if (body.byteLength > this.maxBytes / 4) return;
    this.entries.set(key, body);
    this.bytes += body.byteLength;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.byteLength;
    }
  }
}
