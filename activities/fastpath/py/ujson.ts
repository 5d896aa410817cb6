// ujson.dumps with its defaults (compact, ensure_ascii, escape_forward_slashes), for the scores
// column. JSON numbers lose the int/float distinction, so a number prints as a Python float when
// the scorer made it one (see float-keys in ../scores.ts) and as an int when it is integral.
import { PyError } from './errors.ts';
import { isDict } from './values.ts';

/**
 * repr() of a Python float: shortest round-trip digits, positional for exponents -4..15.
 * ujson (double-conversion) writes exponents unpadded (`1e-5`); Python pads them (`1e-05`).
 */
export function floatRepr(x: number, pythonExponent = false): string {
  if (!Number.isFinite(x)) {
    if (pythonExponent) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
    throw new PyError('OverflowError', 'Invalid Inf value when encoding double');
  }
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // integral and positional (exponent ≤ 15): JS prints the same shortest digits, zero-padded
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  const sign = x < 0 ? '-' : '';
  const [mant, expStr] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expStr);
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    return `${sign}${int}.${digits.slice(exp + 1) || '0'}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp);
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${pythonExponent && e < 10 ? '0' : ''}${e}`;
}

function numberRepr(x: number): string {
  if (Number.isSafeInteger(x)) return Object.is(x, -0) ? '0' : String(x);
  if (Number.isInteger(x) && Math.abs(x) < 2 ** 63) return BigInt(x).toString();
  return floatRepr(x);
}

const SAFE = /^[\x20-\x21\x23-\x2e\x30-\x5b\x5d-\x7e]*$/;

function stringRepr(s: string): string {
  if (SAFE.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x2f) out += '\\/';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c < 0x20 || c > 0x7e) {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = s.charCodeAt(i + 1);
        const paired = c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
        if (!paired) throw new PyError('UnicodeEncodeError', 'surrogates not allowed');
        out += `\\u${c.toString(16)}\\u${next.toString(16)}`;
        i++;
      } else if (c === 0x7f) out += '\x7f';
      else out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += s[i];
  }
  return out + '"';
}

export function dumpValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'number') return numberRepr(v);
  if (typeof v === 'string') return stringRepr(v);
  if (Array.isArray(v)) return `[${v.map(dumpValue).join(',')}]`;
  if (isDict(v))
    return `{${Object.keys(v)
      .map((k) => `${stringRepr(k)}:${dumpValue(v[k])}`)
      .join(',')}}`;
  throw new PyError('TypeError', `${typeof v} is not JSON serializable`);
}

/** Serialise an object whose listed top-level keys hold Python floats. */
export function dumpObject(o: Record<string, unknown>, isFloatKey: (key: string) => boolean): string {
  const parts: string[] = [];
  for (const k of Object.keys(o)) {
    const v = o[k];
    const s = typeof v === 'number' && isFloatKey(k) ? floatRepr(v) : dumpValue(v);
    parts.push(`${stringRepr(k)}:${s}`);
  }
  return `{${parts.join(',')}}`;
}
