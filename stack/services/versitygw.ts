// versitygw: a real SigV4 S3 gateway over a local directory.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { createS3Client } from '../../lib/s3.ts';
import { spawnManaged, stopAndThrow, waitUntilReady, type ManagedProcess } from '../managed-process.ts';

export const LOCAL_S3_ACCESS_KEY = 'ooni-pipeline-local';
export const LOCAL_S3_SECRET_KEY = 'ooni-pipeline-local-secret';

export interface VersitygwOptions {
  binary: string;
  dataDir: string;
  logFile: string;
  port: number;
  timeoutMs: number;
}

export async function startVersitygw(o: VersitygwOptions): Promise<ManagedProcess & { endpoint: string }> {
  // versitygw refuses a sidecar folder whose path starts with the root's
  const root = join(o.dataDir, 'objects');
  const sidecar = join(o.dataDir, 'object-metadata');
  mkdirSync(root, { recursive: true });
  mkdirSync(sidecar, { recursive: true });
  const args = ['--port', `127.0.0.1:${o.port}`, '--quiet', 'posix', '--sidecar', sidecar, root];
  const env = { ...process.env, ROOT_ACCESS_KEY_ID: LOCAL_S3_ACCESS_KEY, ROOT_SECRET_ACCESS_KEY: LOCAL_S3_SECRET_KEY };
  const proc = spawnManaged('S3 (versitygw)', o.binary, args, o.logFile, { env });
  const endpoint = `http://127.0.0.1:${o.port}`;
  const client = createS3Client({
    endpoint,
    region: 'us-east-1',
    bucket: '',
    accessKeyId: LOCAL_S3_ACCESS_KEY,
    secretAccessKey: LOCAL_S3_SECRET_KEY,
    forcePathStyle: true,
    requestTimeoutMs: 1_000,
  });
  try {
    await waitUntilReady(proc, async () => Boolean(await client.send(new ListBucketsCommand({}))), o.timeoutMs).catch(stopAndThrow(proc));
  } finally {
    client.destroy();
  }
  return Object.assign(proc, { endpoint });
}
