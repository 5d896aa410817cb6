// The streamed multipart upload on versitygw: an object of several parts arrives whole with the
// sha256 and size computed on the way; an unfinished upload is found and aborted.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { CreateMultipartUploadCommand, ListMultipartUploadsCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { abortStaleUploads, MultipartWriter } from '../../lib/s3-multipart.ts';
import type { ObjectStore } from '../../lib/s3.ts';
import { createTestBucket } from '../helpers/s3.ts';

let store: ObjectStore;
before(async () => {
  store = await createTestBucket();
});
after(() => store.client.destroy());

const MiB = 1024 * 1024;

test('11 MiB written in uneven chunks with 5 MiB parts: three parts, the same bytes back, sha256 and size of the whole', async () => {
  const data = randomBytes(11 * MiB + 12_345);
  const w = await MultipartWriter.start(store, 'exports/big.bin', 'application/octet-stream', 5 * MiB);
  for (let at = 0; at < data.length; at += 777_777) await w.write(data.subarray(at, at + 777_777));
  const done = await w.finish();
  assert.equal(done.bytes, data.length);
  assert.equal(done.sha256, createHash('sha256').update(data).digest('hex'));
  // a multipart ETag names its part count
  assert.match(done.etag, /-3"?$/);
  const back = (await store.get('exports/big.bin'))!;
  assert.ok(Buffer.from(back).equals(data));
});

test('an upload left unfinished is aborted by abortStaleUploads (and only the one of that key)', async () => {
  // what a crashed writer leaves: an upload with a part, never completed
  const stale = await store.client.send(new CreateMultipartUploadCommand({ Bucket: store.bucket, Key: 'exports/a.bin' }));
  await store.client.send(
    new UploadPartCommand({ Bucket: store.bucket, Key: 'exports/a.bin', UploadId: stale.UploadId, PartNumber: 1, Body: randomBytes(5 * MiB) }),
  );
  const other = await MultipartWriter.start(store, 'exports/a.bin.tmp', 'application/octet-stream');
  assert.equal(await abortStaleUploads(store, 'exports/a.bin'), 1);
  const left = await store.client.send(new ListMultipartUploadsCommand({ Bucket: store.bucket }));
  assert.deepEqual(
    (left.Uploads ?? []).map((u) => [u.Key, u.UploadId]),
    [['exports/a.bin.tmp', other.uploadId]],
  );
  assert.equal(await abortStaleUploads(store, 'exports/a.bin'), 0);
  assert.equal(await store.exists('exports/a.bin'), false);
  await other.abort();
});
