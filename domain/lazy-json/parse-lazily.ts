// JSON.parse of UTF-8 bytes that leaves long strings undecoded (see lazy-string.ts). Only the
// containers on the way to a long string are built here; every other value is handed to
// JSON.parse as its own slice, so values, key order, duplicate keys and `__proto__` keys come out
// as JSON.parse makes them. Anything unexpected — invalid UTF-8 or JSON, a stack overflow — gives
// null, and the caller parses the whole text the ordinary way, which decides the rejection. Pure.
import { Buffer, isAscii, isUtf8 } from 'node:buffer';
import { defineLazyString, LazyJsonString } from './lazy-string.ts';
import { scanJson, type Scan } from './scan.ts';

class NotLazy extends Error {}

const DATA = { writable: true, enumerable: true, configurable: true } as const;

const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

class Parser {
  /** Next container (index into scan.opens) and next long string not yet passed. */
  private container = 0;
  private lazy = 0;
  pos = 0;

  constructor(
    private readonly b: Buffer,
    private readonly scan: Scan,
  ) {}

  skipSpace(): void {
    while (isSpace(this.b[this.pos])) this.pos++;
  }

  /** JSON.parse of b[from, to). */
  private slice(from: number, to: number): unknown {
    const { b } = this;
    const text = b.toString(isAscii(b.subarray(from, to)) ? 'latin1' : 'utf8', from, to);
    return JSON.parse(text) as unknown;
  }

  private nextLazyStart(): number {
    return this.scan.lazyStarts[this.lazy] ?? Infinity;
  }

  /** The value at pos (no space before it); pos moves past it. */
  value(): unknown {
    const { b, scan } = this;
    const c = b[this.pos];
    if (c === 0x22) {
      if (this.nextLazyStart() === this.pos) return this.takeLazy();
      const end = this.stringEnd(this.pos + 1);
      return this.sliceTo(end + 1);
    }
    if (c === 0x7b || c === 0x5b) {
      while (scan.opens[this.container]! < this.pos) this.container++;
      if (scan.opens[this.container] !== this.pos) throw new NotLazy();
      const close = scan.closes[this.container]!;
      if (this.nextLazyStart() > close) return this.sliceTo(close + 1);
      this.container++;
      this.pos++;
      return c === 0x7b ? this.object() : this.array();
    }
    let end = this.pos;
    while (end < b.length && !isSpace(b[end]) && b[end] !== 0x2c && b[end] !== 0x7d && b[end] !== 0x5d) end++;
    return this.sliceTo(end);
  }

  private sliceTo(end: number): unknown {
    const v = this.slice(this.pos, end);
    this.pos = end;
    return v;
  }

  private takeLazy(): LazyJsonString {
    const { scan } = this;
    const end = scan.lazyEnds[this.lazy]!;
    const lazy = new LazyJsonString(this.b, this.pos, end, scan.lazyEscaped[this.lazy]!);
    this.lazy++;
    this.pos = end + 1;
    return lazy;
  }

  /** Closing quote of a short string whose content starts at i (the scan checked it). */
  private stringEnd(i: number): number {
    const { b } = this;
    while (i < b.length && b[i] !== 0x22) i += b[i] === 0x5c ? 2 : 1;
    return i;
  }

  private expect(c: number): void {
    if (this.b[this.pos] !== c) throw new NotLazy();
    this.pos++;
  }

  private key(): string {
    if (this.b[this.pos] !== 0x22) throw new NotLazy();
    const k = this.value();
    return k instanceof LazyJsonString ? k.value() : (k as string);
  }

  private object(): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    this.skipSpace();
    if (this.b[this.pos] === 0x7d) throw new NotLazy(); // an empty object holds no long string
    for (;;) {
      this.skipSpace();
      const key = this.key();
      this.skipSpace();
      this.expect(0x3a);
      this.skipSpace();
      const v = this.value();
      if (v instanceof LazyJsonString) defineLazyString(obj, key, v);
      else Object.defineProperty(obj, key, { ...DATA, value: v });
      this.skipSpace();
      if (this.b[this.pos] === 0x7d) break;
      this.expect(0x2c);
    }
    this.pos++;
    return obj;
  }

  private array(): unknown[] {
    const arr: unknown[] = [];
    for (;;) {
      this.skipSpace();
      const v = this.value();
      if (v instanceof LazyJsonString) defineLazyString(arr, arr.length, v);
      else arr.push(v);
      this.skipSpace();
      if (this.b[this.pos] === 0x5d) break;
      this.expect(0x2c);
    }
    this.pos++;
    return arr;
  }
}

/**
 * The document in `bytes` with every string of at least `minLazy` content bytes left lazy, or
 * null (nothing to leave lazy, or anything JSON.parse might reject: then parse the usual way).
 */
export function parseJsonLazily(bytes: Uint8Array, minLazy: number): { value: unknown } | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isUtf8(b)) return null;
  const scan = scanJson(b, minLazy);
  if (scan === null || scan.lazyStarts.length === 0) return null;
  const p = new Parser(b, scan);
  try {
    p.skipSpace();
    const value = p.value();
    p.skipSpace();
    if (p.pos !== b.length || value instanceof LazyJsonString) return null;
    return { value };
  } catch {
    // NotLazy, a SyntaxError from a slice, a RangeError from deep nesting: the full parse decides
    return null;
  }
}
