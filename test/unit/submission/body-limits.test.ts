import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, compress } from '@bokuweb/zstd-wasm';
import { decompressZstdCapped, parseSubmission } from '../../../domain/submission/index.ts';
import { options, rleZstdBomb } from '../../helpers/unit/submission.ts';

const MiB = 1024 * 1024;

test('a zstd bomb declaring 200 MB is refused before decompressing', async () => {
  await init();
  const bomb = compress(new Uint8Array(200 * MiB), 19);
  assert.ok(bomb.length < 64 * 1024);
  const started = performance.now();
  const r = parseSubmission({ body: bomb, contentEncoding: 'zstd' }, options);
  assert.equal(r.kind, 'rejected');
  if (r.kind === 'rejected') assert.deepEqual([r.status, r.code], [413, 'body_too_large']);
  assert.ok(performance.now() - started < 1000);
});

test('a zstd bomb with no declared size stops as soon as output passes the cap', () => {
  const bomb = rleZstdBomb(1600); // 200 MiB of 'a' from 6.4 kB
  assert.ok(bomb.length < 8000);
  const started = performance.now();
  const r = parseSubmission({ body: bomb, contentEncoding: 'zstd', reportId: '20240214T090617Z_ndt_IT_1_n1_x' }, options);
  assert.equal(r.kind, 'rejected');
  if (r.kind === 'rejected') assert.deepEqual([r.status, r.code], [413, 'body_too_large']);
  assert.ok(performance.now() - started < 1000);
});

test('the streaming decoder returns the exact output under the cap', () => {
  const r = decompressZstdCapped(rleZstdBomb(4), MiB);
  assert.equal(r.kind, 'decoded');
  if (r.kind !== 'decoded') return;
  assert.equal(r.bytes.length, 4 * 128 * 1024);
  assert.ok(r.bytes.every((b) => b === 0x61));
  assert.equal(decompressZstdCapped(rleZstdBomb(4), 4 * 128 * 1024 - 1).kind, 'rejected');
});

test('a frame declaring an oversized window is refused without allocating it', () => {
  const frame = Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xf8, 0x03, 0x00, 0x00]); // window 2 GiB, empty raw last block
  const r = decompressZstdCapped(frame, MiB);
  assert.equal(r.kind, 'rejected');
  if (r.kind === 'rejected') assert.equal(r.code, 'body_too_large');
});

test('multiple frames and skippable frames decode', async () => {
  await init();
  const a = compress(new TextEncoder().encode('{"a":'), 3);
  const b = compress(new TextEncoder().encode('1}'), 3);
  const skip = Uint8Array.from([0x50, 0x2a, 0x4d, 0x18, 0x02, 0, 0, 0, 9, 9]);
  const all = new Uint8Array([...a, ...skip, ...b]);
  const r = decompressZstdCapped(all, MiB);
  assert.equal(r.kind, 'decoded');
  if (r.kind === 'decoded') assert.equal(new TextDecoder().decode(r.bytes), '{"a":1}');
});
