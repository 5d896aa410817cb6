// Finds which body fingerprints occur in a response body in one pass (Aho-Corasick over UTF-8
// bytes) instead of one substring search per fingerprint. For a well-formed string, a UTF-8 byte
// match is exactly a code point substring match (UTF-8 is self-synchronising), so results equal
// the original's `body.find(pattern) != -1` on text and `bytes.find(pattern.encode())` on bytes.
import { naiveMatchBody } from './naive-body-matcher.ts';

interface WellFormed {
  isWellFormed(): boolean;
}

const encoder = new TextEncoder();
const DENSE_ROWS = 4096;

export class BodyMatcher {
  private readonly patterns: readonly string[];
  /** Unique non-empty pattern id → fingerprint indices. */
  private readonly owners: number[][] = [];
  private readonly alwaysMatching: number[] = [];
  private readonly rootNext = new Int32Array(256).fill(0);
  private readonly childStart: Int32Array;
  private readonly childCount: Int32Array;
  private readonly childLabel: Uint8Array;
  private readonly childNode: Int32Array;
  private readonly fail: Int32Array;
  /** Pattern id ending at a node, or -1. */
  private readonly output: Int32Array;
  /** Nearest node on the fail chain with an output, or 0. */
  private readonly dictLink: Int32Array;
  private readonly seen: Uint32Array;
  /** Fully resolved transitions (goto + fail) for the shallowest nodes, 256 per row. */
  private readonly denseRowOf: Int32Array;
  private readonly dense: Int32Array;
  private stamp = 0;

  constructor(patterns: readonly string[]) {
    this.patterns = patterns;
    const idOf = new Map<string, number>();
    const children: Map<number, number>[] = [new Map()];
    const out: number[] = [-1];
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
        let node = 0;
        for (const b of encoder.encode(p)) {
          let next = children[node]!.get(b);
          if (next === undefined) {
            next = children.length;
            children.push(new Map());
            out.push(-1);
            children[node]!.set(b, next);
          }
          node = next;
        }
        out[node] = id;
      }
      this.owners[id]!.push(fpIndex);
    });

    const n = children.length;
    this.childStart = new Int32Array(n);
    this.childCount = new Int32Array(n);
    const total = children.reduce((s, m) => s + m.size, 0);
    this.childLabel = new Uint8Array(total);
    this.childNode = new Int32Array(total);
    let pos = 0;
    children.forEach((m, node) => {
      this.childStart[node] = pos;
      this.childCount[node] = m.size;
      for (const [b, next] of [...m].sort((x, y) => x[0] - y[0])) {
        this.childLabel[pos] = b;
        this.childNode[pos++] = next;
      }
    });
    for (const [b, next] of children[0]!) this.rootNext[b] = next;

    this.output = Int32Array.from(out);
    this.fail = new Int32Array(n);
    this.dictLink = new Int32Array(n);
    const queue: number[] = [...children[0]!.values()];
    for (let qi = 0; qi < queue.length; qi++) {
      const node = queue[qi]!;
      for (const [b, child] of children[node]!) {
        let f = this.fail[node]!;
        let t = this.step(f, b);
        while (t < 0 && f !== 0) {
          f = this.fail[f]!;
          t = this.step(f, b);
        }
        const failTo = t < 0 || t === child ? 0 : t;
        this.fail[child] = failTo;
        this.dictLink[child] = this.output[failTo]! >= 0 ? failTo : this.dictLink[failTo]!;
        queue.push(child);
      }
    }
    this.seen = new Uint32Array(this.owners.length);

    // Scanning mostly stays in shallow states; giving them dense rows avoids the fail-link walks.
    const shallow = [0, ...queue].slice(0, DENSE_ROWS);
    this.denseRowOf = new Int32Array(n).fill(-1);
    this.dense = new Int32Array(shallow.length * 256);
    shallow.forEach((node, row) => {
      this.denseRowOf[node] = row;
      for (let b = 0; b < 256; b++) {
        const t = this.step(node, b);
        // fail[node] is shallower, so its row is already filled
        this.dense[row * 256 + b] = t >= 0 ? t : node === 0 ? 0 : this.dense[this.denseRowOf[this.fail[node]!]! * 256 + b]!;
      }
    });
  }

  private step(node: number, b: number): number {
    if (node === 0) return this.rootNext[b]! || -1;
    const start = this.childStart[node]!;
    const end = start + this.childCount[node]!;
    for (let i = start; i < end; i++) if (this.childLabel[i] === b) return this.childNode[i]!;
    return -1;
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
    const { fail, output, dictLink, seen, dense, denseRowOf } = this;
    let state = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      for (;;) {
        const row = denseRowOf[state]!;
        if (row >= 0) {
          state = dense[row * 256 + b]!;
          break;
        }
        const t = this.step(state, b);
        if (t >= 0) {
          state = t;
          break;
        }
        state = fail[state]!;
      }
      let o = output[state]! >= 0 ? state : dictLink[state]!;
      while (o > 0) {
        const id = output[o]!;
        if (seen[id] !== stamp) {
          seen[id] = stamp;
          found.push(id);
        }
        o = dictLink[o]!;
      }
    }
    const result = [...this.alwaysMatching];
    for (const id of found) result.push(...this.owners[id]!);
    return result.sort((a, b) => a - b);
  }
}
