// dnscheck: the bootstrap resolution, then each lookup (map order); observation_idx runs on.
import type { Transform } from '../context.ts';
import { obj, type Json } from '../json.ts';
import type { ObsWebRow } from '../types.ts';
import { ALL, rowsOf } from './common.ts';

export function dnscheck(t: Transform, tk: Json): ObsWebRow[] {
  const rows: ObsWebRow[] = [];
  const bootstrap = obj(tk.bootstrap);
  if (bootstrap) rows.push(...rowsOf(t, bootstrap, { queries: true }));
  const lookups = obj(tk.lookups) ?? {};
  for (const value of Object.values(lookups)) {
    const lookup = obj(value);
    if (lookup) rows.push(...rowsOf(t, lookup, ALL));
  }
  return rows;
}
