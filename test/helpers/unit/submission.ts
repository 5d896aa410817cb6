// Shared test helpers: fixture loading and request building for the submission parser tests.
import { readFileSync } from 'node:fs';
import type { MeasurementContent, SubmissionOptions } from '../../../domain/submission/index.ts';

export function fixture(name: string): MeasurementContent {
  return JSON.parse(readFileSync(new URL(`../../fixtures/probe/${name}`, import.meta.url), 'utf8')) as MeasurementContent;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export function wrap(content: unknown, format: unknown = 'json'): Uint8Array {
  return utf8(JSON.stringify({ format, content }));
}

export const options: SubmissionOptions = {
  maxBodyBytes: 1024 * 1024,
  maxDecompressedBytes: 4 * 1024 * 1024,
  now: new Date('2026-03-01T12:34:56Z'),
  random: (n) => new Uint8Array(n).fill(0x42),
  collectorId: 7,
};

/** A hand-made zstd frame with no declared content size: `blocks` RLE blocks of 128 KiB of 'a'. */
export function rleZstdBomb(blocks: number): Uint8Array {
  const head = [0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x50]; // magic, no FCS, window 1 MiB
  const out = new Uint8Array(head.length + blocks * 4);
  out.set(head);
  for (let i = 0; i < blocks; i++) {
    const last = i === blocks - 1 ? 1 : 0;
    out.set([0x02 | last, 0x00, 0x10, 0x61], head.length + i * 4); // RLE, size 131072, byte 'a'
  }
  return out;
}
