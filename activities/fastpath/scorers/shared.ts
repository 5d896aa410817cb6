// Helpers shared by several scorers.
import { gNested, gOr, item, iter, requireStr, truthy } from '../py/values.ts';

/** _extract_tcp_connect: counts of tcp_connect entries with status.success exactly true / false. */
export function tcpEndpoints(tk: unknown): { accessible: number; unreachable: number } {
  let accessible = 0;
  let unreachable = 0;
  for (const entry of iter(gOr(tk, 'tcp_connect', []))) {
    const success = gNested(entry, ['status', 'success'], null);
    if (success === true) accessible++;
    else if (success === false) unreachable++;
  }
  return { accessible, unreachable };
}

/** _detect_unknown_failure: any `*_failure` key whose value starts with "unknown_failure". */
export function hasUnknownFailure(tk: unknown): boolean {
  for (const k of iter(tk)) {
    if (requireStr(k, 'endswith').endsWith('_failure')) {
      const v = item(tk, k as string);
      const s = truthy(v) ? v : '';
      if (requireStr(s, 'startswith').startsWith('unknown_failure')) return true;
    }
  }
  return false;
}

export function testKeys(msm: unknown): unknown {
  return gOr(msm, 'test_keys', {});
}
