// The upload envelope: is_verified, the {format, content} wrapper and the discard rules.
import { get, gNested, isDict, requireStr } from './py/values.ts';
import type { Dict } from './py/values.ts';
import type { Rejected } from './types.ts';

export interface Envelope {
  measurement: Dict;
  isVerified: 'u' | 't' | 'f';
}

const reject = (code: Rejected['code'], reason: string): Rejected => ({ kind: 'rejected', code, reason });

/** Steps 2-4 of process_measurement: read is_verified, unwrap, apply the discard rules. */
export function openEnvelope(raw: unknown): Envelope | Rejected {
  if (!isDict(raw)) return reject('not_an_object', 'measurement is not a JSON object');
  const v = gNested(raw, ['is_verified'], 'u');
  const isVerified = v === 't' || v === 'f' ? v : 'u';

  let measurement: unknown = raw;
  if (Object.hasOwn(raw, 'content') && Object.hasOwn(raw, 'format')) {
    const format = raw.format;
    if (typeof format !== 'string') return reject('bad_wrapper_format', 'wrapper format is not a string');
    const fmt = format.toLowerCase();
    if (fmt === 'yaml') return reject('yaml_not_supported', 'YAML measurements are not supported');
    if (fmt !== 'json') return reject('bad_wrapper_format', `unknown wrapper format '${format}'`);
    measurement = raw.content;
  }
  if (!isDict(measurement)) return reject('not_an_object', 'measurement content is not a JSON object');

  if (get(measurement, 'report_id') === null) return reject('discarded_no_report_id', 'no report_id');
  const cc = get(measurement, 'probe_cc', '');
  if (typeof cc !== 'string') return reject('bad_field', 'probe_cc is not a string');
  if (cc.toUpperCase() === 'ZZ') return reject('discarded_probe_cc_zz', 'probe_cc is ZZ');
  const asn = get(measurement, 'probe_asn', '');
  if (requireStrOrNull(asn) === null) return reject('bad_field', 'probe_asn is not a string');
  if ((asn as string).toUpperCase() === 'AS0') return reject('discarded_probe_asn_0', 'probe_asn is AS0');
  return { measurement, isVerified };
}

function requireStrOrNull(v: unknown): string | null {
  try {
    return requireStr(v, 'upper');
  } catch {
    return null;
  }
}
