// Python `a[i] == b[j]` on list items, without decoding a long string left lazy by the parse
// (domain/lazy-json) when the answer does not need it. Same result as eq() on the decoded values.
import { Buffer } from 'node:buffer';
import { lazyStringAt, type LazyJsonString } from '../../../domain/lazy-json/lazy-string.ts';
import { eq } from './values.ts';

/** A lazy string against a decoded value. */
function lazyEq(lazy: LazyJsonString, other: unknown): boolean {
  if (typeof other !== 'string') return false;
  return lazy.mayHaveLength(other.length) && lazy.value() === other;
}

export function itemEq(a: readonly unknown[], i: number, b: readonly unknown[], j: number): boolean {
  const la = lazyStringAt(a, i);
  const lb = lazyStringAt(b, j);
  if (la && lb) {
    // escape-free contents are the values' UTF-8: equal bytes ⇔ equal strings
    if (!la.escaped && !lb.escaped) return Buffer.compare(la.rawBytes(), lb.rawBytes()) === 0;
    return la.value() === lb.value();
  }
  if (la) return lazyEq(la, b[j]);
  if (lb) return lazyEq(lb, a[i]);
  return eq(a[i], b[j]);
}
