// web_connectivity (0.4 and 0.5 share the keys read here): obs_web rows + obs_web_ctrl rows.
import type { Transform } from '../context.ts';
import { controlDnsAddrs, ctrlRows } from '../ctrl.ts';
import type { Json } from '../json.ts';
import type { ObsWebCtrlRow, ObsWebRow } from '../types.ts';
import { urlHostname } from '../address.ts';
import { ALL, rowsOf } from './common.ts';

/** `test_keys.blocking`: false → "false", a string as is, anything else NULL. */
function probeAnalysis(blocking: unknown): string | null {
  if (blocking === false) return 'false';
  return typeof blocking === 'string' ? blocking : null;
}

export function webConnectivity(t: Transform, tk: Json): { web: ObsWebRow[]; ctrl: ObsWebCtrlRow[] } {
  const input = t.meta.input;
  const host = typeof input === 'string' ? urlHostname(input) : null;
  const hints = new Map<string, string>();
  if (host) for (const ip of controlDnsAddrs(tk)) hints.set(ip, host);
  const web = rowsOf(t, tk, ALL, { probeAnalysis: probeAnalysis(tk.blocking), hostnameHints: hints });
  return { web, ctrl: ctrlRows(t, tk) };
}
