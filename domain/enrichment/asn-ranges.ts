// The compact index of an IP → ASN range list (the "num" CSVs of @ip-location-db/asn:
// `first,last,asn,org` per line, addresses as decimal integers): typed arrays searched by
// binary search, organisation names interned once. Built from text; the caller reads the files.
import type { IpAddress } from './ip-address.ts';

export interface AsnRecord {
  asn: number;
  org: string;
}

const MASK64 = (1n << 64n) - 1n;

interface Columns {
  asn: Uint32Array;
  org: Uint32Array;
}
interface V4Columns extends Columns {
  first: Uint32Array;
  last: Uint32Array;
}
interface V6Columns extends Columns {
  firstHi: BigUint64Array;
  firstLo: BigUint64Array;
  lastHi: BigUint64Array;
  lastLo: BigUint64Array;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const ZERO = 48;
const utf8 = new TextDecoder();

/**
 * A reader of the `first,last,asn,org` lines of a CSV file, straight from its bytes: numbers
 * are parsed in place and each organisation name becomes a string of its own (slices of one
 * big decoded text would keep the whole file alive as long as any name is).
 */
class CsvCursor {
  pos = 0;
  lineEnd = 0;
  private next = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Moves to the next non-blank line; false at the end. */
  nextLine(): boolean {
    const { bytes } = this;
    for (;;) {
      this.pos = this.next;
      if (this.pos >= bytes.length) return false;
      let lf = bytes.indexOf(LF, this.pos);
      if (lf < 0) lf = bytes.length;
      this.next = lf + 1;
      this.lineEnd = bytes[lf - 1] === CR ? lf - 1 : lf;
      if (this.lineEnd > this.pos) return true;
    }
  }

  private fieldEnd(): number {
    const end = this.bytes.indexOf(COMMA, this.pos);
    return end < 0 || end > this.lineEnd ? this.lineEnd : end;
  }

  /** An unsigned decimal field as a number (exact up to 2^53). */
  number(): number {
    const end = this.fieldEnd();
    let n = 0;
    for (let i = this.pos; i < end; i++) n = n * 10 + (this.bytes[i]! - ZERO);
    this.pos = end + 1;
    return n;
  }

  /** An unsigned decimal field as a bigint, 15 digits at a time. */
  bigint(): bigint {
    const end = this.fieldEnd();
    let n = 0n;
    for (let i = this.pos; i < end; i += 15) {
      const stop = Math.min(i + 15, end);
      let chunk = 0;
      for (let j = i; j < stop; j++) chunk = chunk * 10 + (this.bytes[j]! - ZERO);
      n = n * 10n ** BigInt(stop - i) + BigInt(chunk);
    }
    this.pos = end + 1;
    return n;
  }

  /** A text field, quoted (`""` for a quote) or not; "" past the line's end. */
  text(): string {
    const { bytes } = this;
    if (this.pos > this.lineEnd) return '';
    if (bytes[this.pos] !== QUOTE) {
      const end = this.fieldEnd();
      const s = utf8.decode(bytes.subarray(this.pos, end));
      this.pos = end + 1;
      return s;
    }
    const parts: string[] = [];
    let i = this.pos + 1;
    for (;;) {
      const q = bytes.indexOf(QUOTE, i);
      if (q < 0 || q >= this.lineEnd) throw new Error(`unterminated quoted field at byte ${this.pos}`);
      parts.push(utf8.decode(bytes.subarray(i, q)));
      if (bytes[q + 1] === QUOTE) {
        parts.push('"');
        i = q + 2;
        continue;
      }
      this.pos = q + 2;
      return parts.join('');
    }
  }
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) n++;
  return n + 1;
}

export class AsnRanges {
  private readonly orgByAsn = new Map<number, number>();

  private constructor(
    private readonly v4: V4Columns,
    private readonly v6: V6Columns,
    private readonly orgs: string[],
  ) {
    for (const t of [v4, v6]) for (let i = 0; i < t.asn.length; i++) if (!this.orgByAsn.has(t.asn[i]!)) this.orgByAsn.set(t.asn[i]!, t.org[i]!);
  }

  /** Builds the index from the bytes of the IPv4 and IPv6 "num" CSV files (UTF-8); lines must be sorted by first address. */
  static fromCsv(v4Csv: Uint8Array, v6Csv: Uint8Array): AsnRanges {
    const orgs: string[] = [];
    const orgIndex = new Map<string, number>();
    const intern = (org: string) => {
      let i = orgIndex.get(org);
      if (i === undefined) {
        i = orgs.length;
        orgs.push(org);
        orgIndex.set(org, i);
      }
      return i;
    };
    const checkOrder = (ok: boolean, line: number) => {
      if (!ok) throw new Error(`ASN ranges not sorted by first address at line ${line}`);
    };

    const cap4 = countLines(v4Csv);
    const v4: V4Columns = { first: new Uint32Array(cap4), last: new Uint32Array(cap4), asn: new Uint32Array(cap4), org: new Uint32Array(cap4) };
    let n4 = 0;
    for (const c = new CsvCursor(v4Csv); c.nextLine();) {
      v4.first[n4] = c.number();
      v4.last[n4] = c.number();
      v4.asn[n4] = c.number();
      v4.org[n4] = intern(c.text());
      checkOrder(n4 === 0 || v4.first[n4]! > v4.first[n4 - 1]!, n4 + 1);
      n4++;
    }

    const cap6 = countLines(v6Csv);
    const v6: V6Columns = {
      firstHi: new BigUint64Array(cap6),
      firstLo: new BigUint64Array(cap6),
      lastHi: new BigUint64Array(cap6),
      lastLo: new BigUint64Array(cap6),
      asn: new Uint32Array(cap6),
      org: new Uint32Array(cap6),
    };
    let n6 = 0;
    let previous = -1n;
    for (const c = new CsvCursor(v6Csv); c.nextLine();) {
      const f = c.bigint();
      const l = c.bigint();
      checkOrder(f > previous, n6 + 1);
      previous = f;
      v6.firstHi[n6] = f >> 64n;
      v6.firstLo[n6] = f & MASK64;
      v6.lastHi[n6] = l >> 64n;
      v6.lastLo[n6] = l & MASK64;
      v6.asn[n6] = c.number();
      v6.org[n6] = intern(c.text());
      n6++;
    }
    const trim = <T extends object>(cols: T, n: number): T =>
      Object.fromEntries(Object.entries(cols).map(([k, a]: [string, Uint32Array | BigUint64Array]) => [k, a.subarray(0, n)])) as T;
    return new AsnRanges(trim(v4, n4), trim(v6, n6), orgs);
  }

  /** Number of IPv4 and IPv6 ranges. */
  get size(): { v4: number; v6: number } {
    return { v4: this.v4.asn.length, v6: this.v6.asn.length };
  }

  /** The range holding `ip`, or undefined. */
  find(ip: IpAddress): AsnRecord | undefined {
    return ip.version === 4 ? this.find4(ip.value) : this.find6(ip.value);
  }

  /** The organisation name of `asn` (its first range's), or undefined when no range has it. */
  orgOf(asn: number): string | undefined {
    const i = this.orgByAsn.get(asn);
    return i === undefined ? undefined : this.orgs[i];
  }

  private record(t: Columns, i: number): AsnRecord {
    return { asn: t.asn[i]!, org: this.orgs[t.org[i]!]! };
  }

  private find4(x: number): AsnRecord | undefined {
    const { first, last } = this.v4;
    let lo = 0;
    let hi = first.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (first[mid]! <= x) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && x <= last[found]! ? this.record(this.v4, found) : undefined;
  }

  private find6(x: bigint): AsnRecord | undefined {
    const xHi = x >> 64n;
    const xLo = x & MASK64;
    const { firstHi, firstLo, lastHi, lastLo } = this.v6;
    const le = (aHi: bigint, aLo: bigint, bHi: bigint, bLo: bigint) => aHi < bHi || (aHi === bHi && aLo <= bLo);
    let lo = 0;
    let hi = firstHi.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (le(firstHi[mid]!, firstLo[mid]!, xHi, xLo)) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && le(xHi, xLo, lastHi[found]!, lastLo[found]!) ? this.record(this.v6, found) : undefined;
  }
}
