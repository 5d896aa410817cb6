// Python int() and float() conversions (ASCII digits only).
import { PyError } from './errors.ts';
import { strip } from './values.ts';

const INT_RE = /^[+-]?[0-9]+(?:_[0-9]+)*$/;
const D = '[0-9](?:_?[0-9])*';
const FLOAT_RE = new RegExp(`^[+-]?(?:(?:${D}(?:\\.(?:${D})?)?|\\.${D})(?:[eE][+-]?${D})?|inf|infinity|nan)$`, 'i');

/** `int(s)` for a str, or null where Python raises ValueError. */
export function intFromStrOrNull(s: string): number | null {
  const t = strip(s);
  return INT_RE.test(t) ? Number(BigInt(t.replace(/_/g, ''))) : null;
}

/** `int(s)` for a str; throws ValueError. */
export function intFromStr(s: string): number {
  const v = intFromStrOrNull(s);
  if (v === null) throw new PyError('ValueError', `invalid literal for int() with base 10: '${s}'`);
  return v;
}

/** `int(v)` for any JSON value. */
export function toInt(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new PyError('OverflowError', 'cannot convert float infinity to integer');
    return Math.trunc(v) || 0;
  }
  if (typeof v === 'string') return intFromStr(v);
  throw new PyError('TypeError', 'int() argument must be a string or a real number');
}

/** `float(v)` for any JSON value. */
export function toFloat(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = strip(v);
    if (!FLOAT_RE.test(t)) throw new PyError('ValueError', `could not convert string to float: '${v}'`);
    const lower = t.toLowerCase().replace(/^[+-]/, '');
    const neg = t.startsWith('-') ? -1 : 1;
    if (lower === 'nan') return NaN;
    if (lower === 'inf' || lower === 'infinity') return neg * Infinity;
    return Number(t.replace(/_/g, ''));
  }
  throw new PyError('TypeError', 'float() argument must be a string or a real number');
}
