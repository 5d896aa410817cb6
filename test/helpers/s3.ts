// A fresh S3 bucket per test file on the run's versitygw.
import { createS3Client, ObjectStore } from '../../lib/s3.ts';
import { testEnv, uniqueSuffix } from './env.ts';

export async function createTestBucket(): Promise<ObjectStore> {
  const bucket = `t-${uniqueSuffix()}`;
  const client = createS3Client({
    endpoint: testEnv.s3Endpoint(),
    region: 'us-east-1',
    bucket,
    accessKeyId: testEnv.s3AccessKeyId(),
    secretAccessKey: testEnv.s3SecretAccessKey(),
    forcePathStyle: true,
  });
  const store = new ObjectStore(client, bucket);
  await store.ensureBucket();
  return store;
}
