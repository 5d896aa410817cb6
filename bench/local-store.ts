// The benches' bucket `bench` on the versitygw they start (its fixed local credentials).
import { createS3Client, ObjectStore } from '../lib/s3.ts';
import { LOCAL_S3_ACCESS_KEY, LOCAL_S3_SECRET_KEY } from '../stack/services/versitygw.ts';

export async function localBenchStore(endpoint: string): Promise<ObjectStore> {
  const client = createS3Client({
    endpoint,
    region: 'us-east-1',
    bucket: 'bench',
    accessKeyId: LOCAL_S3_ACCESS_KEY,
    secretAccessKey: LOCAL_S3_SECRET_KEY,
    forcePathStyle: true,
  });
  const store = new ObjectStore(client, 'bench');
  await store.ensureBucket();
  return store;
}
