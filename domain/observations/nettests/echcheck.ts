// echcheck: DNS, TCP and TLS; 0.1.x measurements keep their two handshakes under `control` and
// `target` (the target one sent a GREASE ECH config).
import type { Transform } from '../context.ts';
import { arr, obj, type Json } from '../json.ts';
import type { ObsWebRow } from '../types.ts';
import { rowsOf } from './common.ts';

export function echcheck(t: Transform, tk: Json): ObsWebRow[] {
  const control = obj(tk.control);
  const target = obj(tk.target);
  let keys: Json = tk;
  if (arr(tk.tls_handshakes).length === 0 && control && target) keys = { ...tk, tls_handshakes: [control, { ...target, echconfig: 'GREASE' }] };
  return rowsOf(t, keys, { queries: true, tcp: true, tls: true });
}
