// When an edit of an OONI Run link makes a new revision: only when its nettests change (order,
// any field, any input), never for metadata (name, descriptions, icon, color, expiration), as OONI.

import type { Nettest } from './nettest.ts';

/** JSON value equality: objects by keys regardless of their order, arrays element by element. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const ob = b as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(ob, k) && sameJson((a as Record<string, unknown>)[k], ob[k]));
}

export function nettestsChanged(latest: readonly Nettest[], requested: readonly Nettest[]): boolean {
  return !sameJson(latest, requested);
}

/** The revision an edit leaves the link at. */
export function revisionAfterEdit(latestRevision: number, latest: readonly Nettest[], requested: readonly Nettest[]): number {
  return nettestsChanged(latest, requested) ? latestRevision + 1 : latestRevision;
}
