import type { RuntimeConfig } from './config.ts';
import { createS3Client, ObjectStore } from './s3.ts';

export function objectStoreFromConfig(config: RuntimeConfig, requestTimeoutMs?: number): ObjectStore {
  const client = createS3Client({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    bucket: config.S3_BUCKET,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
  });
  return new ObjectStore(client, config.S3_BUCKET);
}
