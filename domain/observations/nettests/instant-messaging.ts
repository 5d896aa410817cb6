// telegram, whatsapp (DNS, TCP, TLS, HTTP) and facebook_messenger (DNS, TCP): rows + target ids.
import type { Transform } from '../context.ts';
import type { Json } from '../json.ts';
import { assignTargetIds } from '../targets.ts';
import type { ObsWebRow } from '../types.ts';
import { ALL, rowsOf } from './common.ts';

export function telegram(t: Transform, tk: Json): ObsWebRow[] {
  const rows = rowsOf(t, tk, ALL);
  assignTargetIds('telegram', rows);
  return rows;
}

export function whatsapp(t: Transform, tk: Json): ObsWebRow[] {
  const rows = rowsOf(t, tk, ALL);
  assignTargetIds('whatsapp', rows);
  return rows;
}

export function facebookMessenger(t: Transform, tk: Json): ObsWebRow[] {
  const rows = rowsOf(t, tk, { queries: true, tcp: true });
  assignTargetIds('facebook_messenger', rows);
  return rows;
}
