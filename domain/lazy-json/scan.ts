// First pass of the lazy parse: one walk over the bytes that pairs every bracket and finds the
// strings long enough to be left undecoded, checking their content as JSON.parse would (no
// control character, valid escapes). It decides nothing about the rest of the document's
// validity: the second pass does. Pure.

export interface Scan {
  /** Positions of `{` / `[`, in document order, and of the bracket closing each. */
  opens: number[];
  closes: number[];
  /** Opening-quote positions of the long strings, in document order; their closing quote; whether escaped. */
  lazyStarts: number[];
  lazyEnds: number[];
  lazyEscaped: boolean[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Bytes allowed after a backslash: " \ / b f n r t u. */
const ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrtu') ESCAPE[c.charCodeAt(0)] = 1;
const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;

/** Whether one of the 4 bytes of `v` is below 0x20, a quote or a backslash (SWAR; exact as a yes/no). */
function special(v: number): boolean {
  const q = v ^ 0x22222222;
  const s = v ^ 0x5c5c5c5c;
  return ((((q - 0x01010101) & ~q) | ((s - 0x01010101) & ~s) | ((v - 0x20202020) & ~v)) & 0x80808080) !== 0;
}

/** The document's bytes with their 4-byte words (absolute alignment in the underlying buffer). */
interface Bytes {
  b: Uint8Array;
  words: Uint32Array;
}

/**
 * Index of the closing quote of the string whose content starts at `i`, or -1 if the content
 * is not valid JSON. `escaped` (out, index 0) says whether it had an escape.
 */
function stringEnd({ b, words }: Bytes, i: number, escaped: boolean[]): number {
  const n = b.length;
  const off = b.byteOffset;
  const lastWord = (off + n) >>> 2;
  escaped[0] = false;
  for (;;) {
    // the run of plain characters, the bulk of any long string: bytes up to a word boundary,
    // then whole words while none of their bytes is special, then bytes again
    let c = 0;
    while (i < n && (off + i) & 3 && (c = b[i]!) >= 0x20 && c !== QUOTE && c !== BACKSLASH) i++;
    if (((off + i) & 3) === 0) {
      let j = (off + i) >>> 2;
      while (j < lastWord && !special(words[j]!)) j++;
      i = j * 4 - off;
      while (i < n && (c = b[i]!) >= 0x20 && c !== QUOTE && c !== BACKSLASH) i++;
    }
    if (i >= n || c < 0x20) return -1;
    if (c === QUOTE) return i;
    escaped[0] = true;
    const e = b[i + 1] ?? 0;
    if (ESCAPE[e] !== 1) return -1;
    if (e === 0x75) {
      if (i + 5 >= n || !(HEX[b[i + 2]!]! & HEX[b[i + 3]!]! & HEX[b[i + 4]!]! & HEX[b[i + 5]!]!)) return -1;
      i += 6;
    } else i += 2;
  }
}

/** The scan of `b`, or null when its brackets or strings cannot be those of a JSON document. */
export function scanJson(b: Uint8Array, minLazy: number): Scan | null {
  const scan: Scan = { opens: [], closes: [], lazyStarts: [], lazyEnds: [], lazyEscaped: [] };
  const { opens, closes } = scan;
  /** Indices (into opens) of the open containers. */
  const stack: number[] = [];
  const escaped = [false];
  const n = b.length;
  const bytes = { b, words: new Uint32Array(b.buffer, 0, b.buffer.byteLength >>> 2) };
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === QUOTE) {
      const end = stringEnd(bytes, i + 1, escaped);
      if (end < 0) return null;
      if (end - i - 1 >= minLazy) {
        scan.lazyStarts.push(i);
        scan.lazyEnds.push(end);
        scan.lazyEscaped.push(escaped[0]!);
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      stack.push(opens.length);
      opens.push(i);
      closes.push(-1);
    } else if (c === 0x7d || c === 0x5d) {
      const k = stack.pop();
      if (k === undefined || b[opens[k]!] !== c - 2) return null;
      closes[k] = i;
    }
  }
  return stack.length === 0 ? scan : null;
}
