// Python semantics of dict/list/str operations on parsed JSON values (None = null).
import { isPlainObject } from '../../../domain/submission/parse-json-object.ts';
import { PyError } from './errors.ts';

export type Dict = Record<string, unknown>;

/** A JSON object (Python dict): the one plain-object test, shared with domain/. */
export const isDict: (v: unknown) => v is Dict = isPlainObject;

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'dict';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  return 'str';
}

function asDict(d: unknown, op: string): Dict {
  if (!isDict(d)) throw new PyError('AttributeError', `'${typeName(d)}' object has no attribute '${op}'`);
  return d;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** `d.get(key, dflt)`: a present null stays null. */
export function get(d: unknown, key: string, dflt: unknown = null): unknown {
  const o = asDict(d, 'get');
  return hasOwn.call(o, key) ? o[key] : dflt;
}

/** `dget_or(d, key, dflt)`: missing or null → dflt. */
export function gOr(d: unknown, key: string, dflt: unknown): unknown {
  const v = get(d, key, null);
  return v === null ? dflt : v;
}

/** `g(d, *keys, default=dflt)`: nested or-default getter, `{}` for intermediate levels. */
export function gNested(d: unknown, keys: readonly string[], dflt: unknown): unknown {
  let cur = d;
  for (let i = 0; i < keys.length - 1; i++) cur = gOr(cur, keys[i]!, {});
  return gOr(cur, keys[keys.length - 1]!, dflt);
}

/** `d[key]` on a dict (KeyError when missing) or TypeError on other types. */
export function item(d: unknown, key: string): unknown {
  if (isDict(d)) {
    if (!hasOwn.call(d, key)) throw new PyError('KeyError', key);
    return d[key];
  }
  throw new PyError('TypeError', `${typeName(d)} indices must be integers`);
}

/** `v[i]` for a non-negative integer index. */
export function index(v: unknown, i: number): unknown {
  if (Array.isArray(v)) {
    if (i >= v.length) throw new PyError('IndexError', 'list index out of range');
    return v[i];
  }
  if (typeof v === 'string') {
    const cps = Array.from(v);
    if (i >= cps.length) throw new PyError('IndexError', 'string index out of range');
    return cps[i];
  }
  if (isDict(v)) throw new PyError('KeyError', String(i));
  throw new PyError('TypeError', `'${typeName(v)}' object is not subscriptable`);
}

export function hasKey(d: Dict, key: string): boolean {
  return hasOwn.call(d, key);
}

/** `for x in v`: list items, str code points, dict keys. */
export function iter(v: unknown): readonly unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return Array.from(v);
  if (isDict(v)) return Object.keys(v);
  throw new PyError('TypeError', `'${typeName(v)}' object is not iterable`);
}

export function len(v: unknown): number {
  if (Array.isArray(v)) return v.length;
  if (typeof v === 'string') return Array.from(v).length;
  if (isDict(v)) return Object.keys(v).length;
  throw new PyError('TypeError', `object of type '${typeName(v)}' has no len()`);
}

/** `item in container`. */
export function contains(container: unknown, x: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof x !== 'string') throw new PyError('TypeError', "'in <string>' requires string as left operand");
    return container.includes(x);
  }
  if (Array.isArray(container)) return container.some((el) => eq(el, x));
  if (isDict(container)) {
    if (Array.isArray(x) || isDict(x)) throw new PyError('TypeError', 'unhashable type');
    return typeof x === 'string' && hasOwn.call(container, x);
  }
  throw new PyError('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}

/** Python `==` (bools are the ints 0 and 1; lists and dicts compare deeply). */
export function eq(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  const na = typeof a === 'number' || typeof a === 'boolean';
  const nb = typeof b === 'number' || typeof b === 'boolean';
  if (na || nb) return na && nb && Number(a) === Number(b);
  if (typeof a === 'string') return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => eq(x, b[i]));
  }
  if (isDict(a)) {
    if (!isDict(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => hasOwn.call(b, k) && eq(a[k], b[k]));
  }
  return false;
}

export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (v === true) return true;
  if (typeof v === 'number') return v !== 0; // NaN is truthy in Python
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return true;
}

/** A key that is equal for Python-equal hashable values; throws for lists/dicts. */
export function hashKey(v: unknown): string {
  if (v === null || v === undefined) return 'N';
  if (typeof v === 'boolean') return v ? 'n:1' : 'n:0';
  if (typeof v === 'number') return `n:${v === 0 ? 0 : v}`;
  if (typeof v === 'string') return `s:${v}`;
  throw new PyError('TypeError', `unhashable type: '${typeName(v)}'`);
}

export function requireStr(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new PyError('AttributeError', `'${typeName(v)}' object has no attribute '${what}'`);
  return v;
}

// str.isspace() characters, used by strip() and by int()/float() parsing.
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
export const PY_SPACE_CLASS = `[${PY_SPACE}]`;
const STRIP_RE = new RegExp(`^${PY_SPACE_CLASS}+|${PY_SPACE_CLASS}+$`, 'g');

export function strip(s: string): string {
  return s.replace(STRIP_RE, '');
}

/** Code point order, as Python compares strings. */
export function compareStr(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
