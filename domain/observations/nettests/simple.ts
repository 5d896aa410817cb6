// Nettests whose rows are one consume call over some of the usual keys.
import type { Transform } from '../context.ts';
import type { Json } from '../json.ts';
import type { ObsWebRow } from '../types.ts';
import { ALL, rowsOf } from './common.ts';

export function stunReachability(t: Transform, tk: Json): ObsWebRow[] {
  return rowsOf(t, tk, { queries: true });
}

export function urlgetter(t: Transform, tk: Json): ObsWebRow[] {
  return rowsOf(t, tk, ALL);
}
