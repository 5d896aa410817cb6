// Request body → plain bytes: Content-Encoding check, size caps, streaming zstd decode that
// stops as soon as the output passes the cap (a zstd bomb is never fully inflated).
import { Decompress } from 'fzstd';
import { reject, type SubmissionRejection } from './error-codes.ts';
import { scanZstdFrames } from './zstd-frames.ts';
import type { SubmissionLimits } from './types.ts';

export type DecodedBody = { kind: 'decoded'; bytes: Uint8Array } | SubmissionRejection;

class OutputCapExceeded extends Error {}

function contentEncodingOf(header: string | null | undefined): 'identity' | 'zstd' | null {
  const v = (header ?? '').trim().toLowerCase();
  if (v === '' || v === 'identity') return 'identity';
  if (v === 'zstd') return 'zstd';
  return null;
}

export function decodeRequestBody(body: Uint8Array, contentEncoding: string | null | undefined, limits: SubmissionLimits): DecodedBody {
  const encoding = contentEncodingOf(contentEncoding);
  if (encoding === null)
    return reject('unsupported_encoding', `Content-Encoding ${JSON.stringify(contentEncoding)} is not supported; use zstd or none`);
  if (body.length > limits.maxBodyBytes) return reject('body_too_large', `body exceeds ${limits.maxBodyBytes} bytes`);
  if (encoding === 'identity') {
    if (body.length > limits.maxDecompressedBytes) return reject('body_too_large', `body exceeds ${limits.maxDecompressedBytes} bytes`);
    return { kind: 'decoded', bytes: body };
  }
  return decompressZstdCapped(body, limits.maxDecompressedBytes);
}

export function decompressZstdCapped(body: Uint8Array, maxOutputBytes: number): DecodedBody {
  const scan = scanZstdFrames(body, maxOutputBytes);
  if (!scan.ok) {
    return scan.reason === 'too_large'
      ? reject('body_too_large', `zstd frame declares more than ${maxOutputBytes} bytes`)
      : reject('invalid_zstd', 'Incorrect format: body is not valid zstd');
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Decompress((chunk) => {
    total += chunk.length;
    if (total > maxOutputBytes) throw new OutputCapExceeded();
    chunks.push(chunk.slice());
  });
  try {
    stream.push(body, true);
  } catch (e) {
    if (e instanceof OutputCapExceeded) return reject('body_too_large', `decompressed body exceeds ${maxOutputBytes} bytes`);
    return reject('invalid_zstd', 'Incorrect format: body is not valid zstd');
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { kind: 'decoded', bytes: out };
}
