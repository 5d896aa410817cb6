// Walks zstd frame and block headers without decompressing, so a frame that declares a
// huge content or window size (fzstd allocates the window up front) is refused before any
// allocation. Block contents are not checked here; fzstd does that.

export type ZstdScan = { ok: true } | { ok: false; reason: 'malformed' | 'too_large' };

const ZSTD_MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const DICT_ID_BYTES = [0, 1, 2, 4] as const;
const FCS_BYTES = [0, 2, 4, 8] as const;
/** Window sizes up to 8 MiB are always allowed (what the zstd spec asks decoders to support). */
const ALWAYS_OK_WINDOW = 8 * 1024 * 1024;

function readLE(b: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + b[at + i]!;
  return v;
}

export function scanZstdFrames(b: Uint8Array, maxOutputBytes: number): ZstdScan {
  const maxWindow = Math.max(maxOutputBytes, ALWAYS_OK_WINDOW);
  let at = 0;
  if (b.length === 0) return { ok: false, reason: 'malformed' };
  while (at < b.length) {
    if (at + 4 > b.length) return { ok: false, reason: 'malformed' };
    const magic = readLE(b, at, 4);
    if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      if (at + 8 > b.length) return { ok: false, reason: 'malformed' };
      at += 8 + readLE(b, at + 4, 4);
      if (at > b.length) return { ok: false, reason: 'malformed' };
      continue;
    }
    if (magic !== ZSTD_MAGIC || at + 5 > b.length) return { ok: false, reason: 'malformed' };
    const flg = b[at + 4]!;
    const singleSegment = (flg >> 5) & 1;
    const hasChecksum = (flg >> 2) & 1;
    if (flg & 8) return { ok: false, reason: 'malformed' };
    const fcsFlag = flg >> 6;
    let p = at + 5;
    const windowDescriptor = singleSegment ? -1 : b[p++];
    p += DICT_ID_BYTES[flg & 3]!;
    const fcsBytes = fcsFlag === 0 ? singleSegment : FCS_BYTES[fcsFlag]!;
    if (p + fcsBytes > b.length) return { ok: false, reason: 'malformed' };
    const contentSize = fcsBytes === 0 ? -1 : readLE(b, p, fcsBytes) + (fcsBytes === 2 ? 256 : 0);
    p += fcsBytes;
    if (contentSize > maxOutputBytes) return { ok: false, reason: 'too_large' };
    if (windowDescriptor !== undefined && windowDescriptor >= 0) {
      const base = 2 ** (10 + (windowDescriptor >> 3));
      const window = base + (base / 8) * (windowDescriptor & 7);
      if (window > maxWindow) return { ok: false, reason: 'too_large' };
    }
    for (;;) {
      if (p + 3 > b.length) return { ok: false, reason: 'malformed' };
      const header = readLE(b, p, 3);
      p += 3;
      const last = header & 1;
      const type = (header >> 1) & 3;
      const size = header >>> 3;
      if (type === 3) return { ok: false, reason: 'malformed' };
      p += type === 1 ? 1 : size;
      if (p > b.length) return { ok: false, reason: 'malformed' };
      if (last) break;
    }
    p += hasChecksum ? 4 : 0;
    if (p > b.length) return { ok: false, reason: 'malformed' };
    at = p;
  }
  return { ok: true };
}
