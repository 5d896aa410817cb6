// Finds which body fingerprints occur in a response body in one pass over its UTF-8 bytes instead
// of one substring search per fingerprint. The scan reads a 4-byte gram at every 4th position only,
// tests it against a bitmap of anchor hashes (32 KB, stays in L1), and only on a hit looks the gram
// up and verifies its candidates byte by byte. A pattern of ≥ 7 bytes is registered by the 4 grams
// at offsets k..k+3 (k chosen where its grams are least shared among patterns, so that common ones
// such as "<tit" or "http" rarely fire): any occurrence covers one aligned position among them, so
// nothing is missed. Shorter patterns are searched one by one. For a well-formed string, a UTF-8
// byte match is exactly a code point substring match (UTF-8 is self-synchronising), so results
// equal the original's `body.find(pattern) != -1` on text and `bytes.find(pattern.encode())` on bytes.
import { naiveMatchBody } from './naive-body-matcher.ts';

interface WellFormed {
  isWellFormed(): boolean;
}

const encoder = new TextEncoder();
/** Text bodies are encoded into one reused scratch buffer up to this size (bytes). */
const SCRATCH_MAX = 1 << 20;
const Q = 4;
const STEP = 4;
const MIN_INDEXED = Q + STEP - 1;
/** 2^18 filter bits (literals below: 32 - 18 = 14, 2^13 words). */
const FILTER_WORDS = 1 << 13;
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The 4-byte gram of `b` at `i`: the little-endian uint32 there, as the scan reads it. */
const gramAt = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
const slot = (gram: number) => Math.imul(gram, 0x9e3779b1 | 0) >>> 14;

/** The body's bytes as aligned little-endian words (bytes past the last whole word are not read). */
function words(bytes: Uint8Array): Uint32Array {
  const count = bytes.length >>> 2;
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset, count);
  const w = new Uint32Array(count);
  for (let j = 0; j < count; j++) w[j] = gramAt(bytes, j * 4);
  return w;
}

interface Candidate {
  readonly id: number;
  /** Offset of the anchor gram inside the pattern. */
  readonly offset: number;
}

export class BodyMatcher {
  private readonly patterns: readonly string[];
  /** Unique non-empty pattern id → fingerprint indices. */
  private readonly owners: number[][] = [];
  private readonly bytesOf: Uint8Array[] = [];
  private readonly alwaysMatching: number[] = [];
  /** Ids of the unique patterns too short to be indexed. */
  private readonly short: number[] = [];
  /** One bit per hash slot of the registered grams. */
  private readonly filter = new Uint32Array(FILTER_WORDS);
  private readonly anchors = new Map<number, Candidate[]>();
  private readonly seen: Uint32Array;
  private stamp = 0;
  private scratch = new Uint8Array(0);

  constructor(patterns: readonly string[]) {
    this.patterns = patterns;
    const idOf = new Map<string, number>();
    patterns.forEach((p, fpIndex) => {
      if (p === '') {
        this.alwaysMatching.push(fpIndex);
        return;
      }
      let id = idOf.get(p);
      if (id === undefined) {
        id = this.owners.length;
        idOf.set(p, id);
        this.owners.push([]);
        this.bytesOf.push(encoder.encode(p));
      }
      this.owners[id]!.push(fpIndex);
    });
    this.seen = new Uint32Array(this.owners.length);

    // How many patterns contain each gram: a pattern is registered at its least shared run of 4.
    const shared = new Map<number, number>();
    for (const b of this.bytesOf) {
      const grams = new Set<number>();
      for (let i = 0; i + Q <= b.length; i++) grams.add(gramAt(b, i));
      for (const g of grams) shared.set(g, (shared.get(g) ?? 0) + 1);
    }
    const register = (g: number, c: Candidate) => {
      const list = this.anchors.get(g) ?? [];
      list.push(c);
      this.anchors.set(g, list);
      const h = slot(g);
      this.filter[h >>> 5]! |= 1 << (h & 31);
    };
    this.bytesOf.forEach((b, id) => {
      if (b.length < MIN_INDEXED) {
        this.short.push(id);
        return;
      }
      let best = 0;
      let bestCost = Infinity;
      for (let k = 0; k + MIN_INDEXED <= b.length; k++) {
        let cost = 0;
        for (let j = 0; j < STEP; j++) {
          const g = gramAt(b, k + j);
          cost += shared.get(g)! * 1024 + (this.anchors.get(g)?.length ?? 0);
        }
        if (cost < bestCost) {
          bestCost = cost;
          best = k;
        }
      }
      for (let j = 0; j < STEP; j++) register(gramAt(b, best + j), { id, offset: best + j });
    });
  }

  /** UTF-8 of a well-formed string, in the reused scratch buffer when it fits (valid until the next call). */
  private utf8(text: string): Uint8Array {
    const need = text.length * 3;
    if (need > SCRATCH_MAX) return encoder.encode(text);
    if (this.scratch.length < need) this.scratch = new Uint8Array(Math.max(need, 4096));
    return this.scratch.subarray(0, encoder.encodeInto(text, this.scratch).written);
  }

  /** Indices (ascending) of the patterns found in the body. */
  match(body: string | Uint8Array): number[] {
    let bytes: Uint8Array;
    if (typeof body === 'string') {
      // a lone surrogate has no UTF-8 form; such rare bodies take the slow exact path
      if (!(body as unknown as WellFormed).isWellFormed()) return naiveMatchBody(this.patterns, body);
      bytes = this.utf8(body);
    } else bytes = body;

    const stamp = ++this.stamp;
    const found: number[] = [];
    const { filter, anchors, seen, bytesOf } = this;
    const n = bytes.length;
    const w = words(bytes);
    for (let j = 0; j < w.length; j++) {
      const gram = w[j]! | 0;
      const h = Math.imul(gram, 0x9e3779b1 | 0) >>> 14;
      if ((filter[h >>> 5]! & (1 << (h & 31))) === 0) continue;
      const list = anchors.get(gram);
      if (list === undefined) continue;
      const i = j * STEP;
      for (const { id, offset } of list) {
        if (seen[id] === stamp) continue;
        const p = bytesOf[id]!;
        const start = i - offset;
        if (start < 0 || start + p.length > n) continue;
        let k = 0;
        while (k < p.length && bytes[start + k] === p[k]) k++;
        if (k === p.length) {
          seen[id] = stamp;
          found.push(id);
        }
      }
    }
    if (this.short.length > 0) {
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (const id of this.short) if (buf.indexOf(bytesOf[id]!) !== -1) found.push(id);
    }
    const result = [...this.alwaysMatching];
    for (const id of found) result.push(...this.owners[id]!);
    return result.sort((a, b) => a - b);
  }
}
