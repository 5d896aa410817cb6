// tor: one consume call per `targets` entry, its map key as target_id.
import type { Transform } from '../context.ts';
import { obj, type Json } from '../json.ts';
import type { ObsWebRow } from '../types.ts';
import { ALL, rowsOf } from './common.ts';

export function tor(t: Transform, tk: Json): ObsWebRow[] {
  const rows: ObsWebRow[] = [];
  for (const [targetId, value] of Object.entries(obj(tk.targets) ?? {})) {
    const target = obj(value);
    if (target) rows.push(...rowsOf(t, target, ALL, { targetId }));
  }
  return rows;
}
