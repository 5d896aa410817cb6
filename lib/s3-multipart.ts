// Streamed uploads: bytes go to S3 as a multipart upload in parts of `partBytes` (S3 wants at
// least 5 MiB but for the last), one part in flight while the next fills, so memory stays about
// two parts whatever the object's size. The sha256 and size of the whole object are computed on
// the way. Also: aborting the unfinished uploads a crashed writer left on a key.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { createHash, type Hash } from 'node:crypto';
import { s3Call, type ObjectStore } from './s3.ts';

const DEFAULT_PART_BYTES = 8 * 1024 * 1024;

export interface UploadedObject {
  etag: string;
  bytes: number;
  sha256: string;
}

export class MultipartWriter {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private parts: CompletedPart[] = [];
  private inflight: Promise<void> = Promise.resolve();
  private readonly hash: Hash = createHash('sha256');
  private total = 0;

  private constructor(
    private readonly store: ObjectStore,
    readonly key: string,
    readonly uploadId: string,
    private readonly partBytes: number,
  ) {}

  static async start(store: ObjectStore, key: string, contentType: string, partBytes = DEFAULT_PART_BYTES): Promise<MultipartWriter> {
    const out = await s3Call('create multipart upload', () =>
      store.client.send(new CreateMultipartUploadCommand({ Bucket: store.bucket, Key: key, ContentType: contentType })),
    );
    if (!out.UploadId) throw new Error(`S3 gave no UploadId for ${key}`);
    return new MultipartWriter(store, key, out.UploadId, partBytes);
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.total;
  }

  /** Appends bytes; resolves once they are buffered (waits for the part before when a part is full). */
  async write(chunk: Uint8Array): Promise<void> {
    if (chunk.length === 0) return;
    this.hash.update(chunk);
    this.total += chunk.length;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.buffered >= this.partBytes) await this.sendPart();
  }

  private async sendPart(): Promise<void> {
    const body = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [];
    this.buffered = 0;
    await this.inflight;
    const PartNumber = this.parts.length + 1;
    const slot: CompletedPart = { PartNumber };
    this.parts.push(slot);
    this.inflight = s3Call('upload part', () =>
      this.store.client.send(new UploadPartCommand({ Bucket: this.store.bucket, Key: this.key, UploadId: this.uploadId, PartNumber, Body: body })),
    ).then((out) => {
      slot.ETag = out.ETag;
    });
    // awaited by the next part or finish(); marked handled so a failure waits for them
    this.inflight.catch(() => {});
  }

  /** Sends the last part and completes the object. */
  async finish(): Promise<UploadedObject> {
    if (this.buffered > 0 || this.parts.length === 0) await this.sendPart();
    await this.inflight;
    const out = await s3Call('complete multipart upload', () =>
      this.store.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.store.bucket,
          Key: this.key,
          UploadId: this.uploadId,
          MultipartUpload: { Parts: this.parts },
        }),
      ),
    );
    return { etag: out.ETag ?? '', bytes: this.total, sha256: this.hash.digest('hex') };
  }

  /** Gives the upload up (its parts are deleted by S3); an upload already gone is fine. */
  async abort(): Promise<void> {
    await this.inflight.catch(() => {});
    await abortUpload(this.store, this.key, this.uploadId);
  }
}

async function abortUpload(store: ObjectStore, key: string, uploadId: string): Promise<void> {
  try {
    await s3Call('abort multipart upload', () =>
      store.client.send(new AbortMultipartUploadCommand({ Bucket: store.bucket, Key: key, UploadId: uploadId })),
    );
  } catch (err) {
    if ((err as { name?: string }).name !== 'NoSuchUpload' && (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404)
      throw err;
  }
}

/** Aborts every unfinished multipart upload of exactly `key` (left by a crashed writer); returns how many. */
export async function abortStaleUploads(store: ObjectStore, key: string): Promise<number> {
  let aborted = 0;
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const page = await s3Call('list multipart uploads', () =>
      store.client.send(
        new ListMultipartUploadsCommand({
          Bucket: store.bucket,
          Prefix: key,
          ...(keyMarker ? { KeyMarker: keyMarker } : {}),
          ...(uploadIdMarker ? { UploadIdMarker: uploadIdMarker } : {}),
        }),
      ),
    );
    for (const u of page.Uploads ?? []) {
      if (u.Key !== key || !u.UploadId) continue;
      await abortUpload(store, key, u.UploadId);
      aborted++;
    }
    if (!page.IsTruncated) return aborted;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
}
