// Finds which body fingerprints occur in a response body in one pass over its UTF-8 bytes instead
// of one substring search per fingerprint. Each pattern of ≥ 4 bytes is indexed by one "anchor"
// 4-byte gram at a fixed offset (the gram rarest among all patterns, so that common ones such as
// "<tit" or "http" rarely fire); the scan rolls a 4-byte window over the body, tests a bitmap of
// anchor hashes, and only on a hit looks the gram up and verifies the candidates byte by byte.
// Every occurrence of a pattern contains its anchor at its offset, so nothing is missed. Shorter
// patterns are searched one by one. For a well-formed string, a UTF-8 byte match is exactly a code
// point substring match (UTF-8 is self-synchronising), so results equal the original's
// `body.find(pattern) != -1` on text and `bytes.find(pattern.encode())` on bytes.
import { naiveMatchBody } from './naive-body-matcher.ts';

interface WellFormed {
  isWellFormed(): boolean;
}

const encoder = new TextEncoder();
const Q = 4;
const FILTER_BITS = 18;
const FILTER_SHIFT = 32 - FILTER_BITS;
const HASH_MUL = 0x9e3779b1 | 0;

/** The 4-byte gram of `b` starting at `i`, as the scan's rolling window holds it. */
const gramAt = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) | 0;
const slot = (gram: number) => Math.imul(gram, HASH_MUL) >>> FILTER_SHIFT;

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
  /** Ids of the unique patterns shorter than one gram. */
  private readonly short: number[] = [];
  private readonly filter = new Uint8Array(1 << FILTER_BITS);
  private readonly anchors = new Map<number, Candidate[]>();
  private readonly seen: Uint32Array;
  private stamp = 0;

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

    // How many patterns contain each gram: the anchor of a pattern is its least shared gram.
    const shared = new Map<number, number>();
    for (const b of this.bytesOf) {
      const grams = new Set<number>();
      for (let i = 0; i + Q <= b.length; i++) grams.add(gramAt(b, i));
      for (const g of grams) shared.set(g, (shared.get(g) ?? 0) + 1);
    }
    this.bytesOf.forEach((b, id) => {
      if (b.length < Q) {
        this.short.push(id);
        return;
      }
      let best = 0;
      let bestCost = Infinity;
      for (let i = 0; i + Q <= b.length; i++) {
        const g = gramAt(b, i);
        const cost = shared.get(g)! * 1024 + (this.anchors.get(g)?.length ?? 0);
        if (cost < bestCost) {
          bestCost = cost;
          best = i;
        }
      }
      const g = gramAt(b, best);
      const list = this.anchors.get(g) ?? [];
      list.push({ id, offset: best });
      this.anchors.set(g, list);
      this.filter[slot(g)] = 1;
    });
  }

  /** Indices (ascending) of the patterns found in the body. */
  match(body: string | Uint8Array): number[] {
    let bytes: Uint8Array;
    if (typeof body === 'string') {
      // a lone surrogate has no UTF-8 form; such rare bodies take the slow exact path
      if (!(body as unknown as WellFormed).isWellFormed()) return naiveMatchBody(this.patterns, body);
      bytes = Buffer.from(body, 'utf8');
    } else bytes = body;

    const stamp = ++this.stamp;
    const found: number[] = [];
    const { filter, anchors, seen, bytesOf } = this;
    const n = bytes.length;
    let gram = 0;
    for (let i = 0; i < n; i++) {
      gram = (gram << 8) | bytes[i]!;
      if (i < Q - 1 || filter[slot(gram)] === 0) continue;
      const list = anchors.get(gram);
      if (list === undefined) continue;
      const gramStart = i - (Q - 1);
      for (const { id, offset } of list) {
        if (seen[id] === stamp) continue;
        const p = bytesOf[id]!;
        const start = gramStart - offset;
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
