// The locked SDK warns once that releases after January 2027 need Node 22 (DESIGN §2); known.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// S3 access: one client factory with the settings third-party S3 servers need, and the few
// object operations the pipeline uses. Errors from an unreachable S3 become S3UnavailableError.
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type _Object,
} from '@aws-sdk/client-s3';

export interface S3Settings {
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  forcePathStyle: boolean;
  /**
   * Whole-request timeout (request and response; default 2 min, room for a large archive part):
   * past it the request is aborted, so a hung S3 leaves nothing pending (the API uses 5 s).
   */
  requestTimeoutMs?: number;
}

class S3UnavailableError extends Error {
  override name = 'S3UnavailableError';
}

export function createS3Client(s: S3Settings): S3Client {
  return new S3Client({
    region: s.region,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    forcePathStyle: s.forcePathStyle,
    ...(s.accessKeyId && s.secretAccessKey ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: s.requestTimeoutMs ?? 120_000, throwOnRequestTimeout: true },
  });
}

export function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

function isUnavailable(err: unknown): boolean {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500;
  return true; // no HTTP answer at all: connection refused, timeout, DNS
}

/** Runs one S3 request; an unreachable S3 becomes S3UnavailableError (a 503 at the API). */
export async function s3Call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!isNotFound(err) && isUnavailable(err)) {
      throw new S3UnavailableError(`S3 ${what} failed: ${(err as Error).message || (err as Error).name}`, { cause: err });
    }
    throw err;
  }
}

/** The object store of one bucket. */
export class ObjectStore {
  constructor(
    readonly client: S3Client,
    readonly bucket: string,
  ) {}

  async put(key: string, body: Uint8Array, contentType = 'application/octet-stream'): Promise<void> {
    await s3Call('put', () => this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType })));
  }

  /** The object's bytes, or null when there is no such key. */
  async get(key: string): Promise<Uint8Array | null> {
    try {
      const out = await s3Call('get', () => this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })));
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await s3Call('head', () => this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key })));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /** Every object under `prefix`, page by page. */
  async *list(prefix: string): AsyncGenerator<_Object> {
    let token: string | undefined;
    do {
      const page = await s3Call('list', () =>
        this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) })),
      );
      yield* page.Contents ?? [];
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async deleteMany(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000).map((Key) => ({ Key }));
      await s3Call('delete', () => this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch, Quiet: true } })));
    }
  }

  /** Creates the bucket unless it exists. */
  async ensureBucket(): Promise<void> {
    try {
      await s3Call('head bucket', () => this.client.send(new HeadBucketCommand({ Bucket: this.bucket })));
      return;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    try {
      await s3Call('create bucket', () => this.client.send(new CreateBucketCommand({ Bucket: this.bucket })));
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw err;
    }
  }

  /** A cheap round trip for /health. */
  async ping(): Promise<void> {
    await s3Call('head bucket', () => this.client.send(new HeadBucketCommand({ Bucket: this.bucket })));
  }
}
