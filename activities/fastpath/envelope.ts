// The upload envelope: is_verified, the {format, content} wrapper (read by domain/stored-post.ts)
// and the discard rules.
import { unwrapUpload } from '../../domain/stored-post.ts';
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

  const unwrapped = unwrapUpload(raw);
  if (!unwrapped.ok) return reject(unwrapped.code, unwrapped.reason);
  const measurement = unwrapped.content;
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
