// Python's lenient base64.b64decode (binascii.a2b_base64, non-strict mode).
import { Base64Error, PyError } from './errors.ts';

const TABLE = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (TABLE[c.charCodeAt(0)] = i));

export function b64decode(data: unknown): Uint8Array {
  if (typeof data !== 'string') throw new PyError('TypeError', 'argument should be a bytes-like object or ASCII string');
  // str input is encoded to ASCII first, so any non-ASCII character fails before decoding
  if (/[^\x00-\x7f]/.test(data)) throw new PyError('ValueError', 'string argument should contain only ASCII characters');
  const out = new Uint8Array(Math.floor((data.length * 3) / 4) + 3);
  let n = 0;
  let quad = 0;
  let left = 0;
  let pads = 0;
  for (let i = 0; i < data.length; i++) {
    const ch = data.charCodeAt(i);
    if (ch === 0x3d) {
      // '=' ends the data once it completes a group of four
      if (quad >= 2 && quad + ++pads >= 4) return out.slice(0, n);
      continue;
    }
    const v = TABLE[ch]!;
    if (v < 0) continue;
    pads = 0;
    switch (quad) {
      case 0:
        quad = 1;
        left = v;
        break;
      case 1:
        quad = 2;
        out[n++] = (left << 2) | (v >> 4);
        left = v & 0x0f;
        break;
      case 2:
        quad = 3;
        out[n++] = ((left << 4) | (v >> 2)) & 0xff;
        left = v & 0x03;
        break;
      default:
        quad = 0;
        out[n++] = ((left << 6) | v) & 0xff;
        left = 0;
    }
  }
  if (quad === 1) throw new Base64Error('Invalid base64-encoded string');
  if (quad !== 0) throw new Base64Error('Incorrect padding');
  return out.slice(0, n);
}
