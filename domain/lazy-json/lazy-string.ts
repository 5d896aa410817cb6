// A JSON string of a parsed document left as its bytes until someone reads it. Reading the
// property that holds it (an accessor installed by the lazy parse) decodes it once and turns the
// property into a plain data property, so code that does not know about laziness sees exactly
// what JSON.parse gives. Code that does (the body matcher, the request-line comparison) peeks
// with `lazyStringAt` and works on the bytes. Pure.
import type { Buffer } from 'node:buffer';

const DATA = { writable: true, enumerable: true, configurable: true } as const;

export class LazyJsonString {
  private decoded: string | undefined;

  /**
   * @param source the whole document (never modified)
   * @param start index of the opening quote
   * @param end index of the closing quote
   * @param escaped whether the content has a backslash escape
   */
  constructor(
    private readonly source: Buffer,
    private readonly start: number,
    private readonly end: number,
    readonly escaped: boolean,
  ) {}

  /** Length of the raw content between the quotes, in bytes. */
  get rawLength(): number {
    return this.end - this.start - 1;
  }

  /** The string JSON.parse gives for it (decoded once). */
  value(): string {
    this.decoded ??= JSON.parse(this.source.toString('utf8', this.start, this.end + 1)) as string;
    return this.decoded;
  }

  /**
   * Whether the decoded string can have `length` UTF-16 units: each unit comes from 1–3 raw
   * bytes (a 4-byte sequence gives 2 units), or 2–6 bytes of an escape.
   */
  mayHaveLength(length: number): boolean {
    const n = this.rawLength;
    return length <= n && length * (this.escaped ? 6 : 3) >= n;
  }

  /** Raw content bytes (a view of the document): exactly the UTF-8 of the value when not escaped. */
  rawBytes(): Buffer {
    return this.source.subarray(this.start + 1, this.end);
  }

  /**
   * The UTF-8 bytes of the value, or null when it holds a lone surrogate (which has no UTF-8
   * form). Escape-free content is returned as a view, without copying.
   */
  utf8(): Uint8Array | null {
    const raw = this.rawBytes();
    return this.escaped ? unescapeToUtf8(raw) : raw;
  }
}

const SIMPLE_ESCAPES = new Map<number, number>([
  [0x22, 0x22],
  [0x5c, 0x5c],
  [0x2f, 0x2f],
  [0x62, 0x08],
  [0x66, 0x0c],
  [0x6e, 0x0a],
  [0x72, 0x0d],
  [0x74, 0x09],
]);

const hex4 = (b: Uint8Array, i: number) => parseInt(String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!), 16);

/** Content of a valid JSON string (escapes checked by the scan) → UTF-8 bytes; null on a lone surrogate. */
function unescapeToUtf8(raw: Uint8Array): Uint8Array | null {
  const out = new Uint8Array(raw.length);
  let o = 0;
  for (let i = 0; i < raw.length;) {
    const c = raw[i]!;
    if (c !== 0x5c) {
      out[o++] = c;
      i++;
      continue;
    }
    const e = raw[i + 1]!;
    if (e !== 0x75) {
      out[o++] = SIMPLE_ESCAPES.get(e)!;
      i += 2;
      continue;
    }
    let cp = hex4(raw, i + 2);
    i += 6;
    if (cp >= 0xdc00 && cp <= 0xdfff) return null;
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const lo = raw[i] === 0x5c && raw[i + 1] === 0x75 ? hex4(raw, i + 2) : -1;
      if (lo < 0xdc00 || lo > 0xdfff) return null;
      cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
      i += 6;
    }
    if (cp < 0x80) out[o++] = cp;
    else if (cp < 0x800) {
      out[o++] = 0xc0 | (cp >> 6);
      out[o++] = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      out[o++] = 0xe0 | (cp >> 12);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    } else {
      out[o++] = 0xf0 | (cp >> 18);
      out[o++] = 0x80 | ((cp >> 12) & 0x3f);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    }
  }
  return out.subarray(0, o);
}

/** Holders (objects and arrays) that have at least one lazy property. */
const holders = new WeakSet<object>();
const lazyOfGetter = new WeakMap<() => string, LazyJsonString>();

/** Sets `holder[key]` to the lazily decoded `lazy` (enumerable, writable through a setter, configurable). */
export function defineLazyString(holder: object, key: string | number, lazy: LazyJsonString): void {
  const get = () => {
    const value = lazy.value();
    Object.defineProperty(holder, key, { ...DATA, value });
    return value;
  };
  const set = (value: unknown) => Object.defineProperty(holder, key, { ...DATA, value });
  lazyOfGetter.set(get, lazy);
  holders.add(holder);
  Object.defineProperty(holder, key, { get, set, enumerable: true, configurable: true });
}

/** The still undecoded string at `holder[key]`, if it is one (reading nothing). */
export function lazyStringAt(holder: unknown, key: string | number): LazyJsonString | undefined {
  if (typeof holder !== 'object' || holder === null || !holders.has(holder)) return undefined;
  const get = Object.getOwnPropertyDescriptor(holder, key)?.get;
  return get === undefined ? undefined : lazyOfGetter.get(get as () => string);
}
