// The failure label a LoNI cell ranks per layer (ooni-data.md §6 point 2): upstream maps each
// measurement's top failure before weighting it, so that equivalent strings count as one.

export const LONI_LAYERS = ['dns', 'tcp', 'tls'] as const;
export type LoniLayer = (typeof LONI_LAYERS)[number];

const collapse = (failure: string) => (failure.startsWith('unknown_failure') ? 'unknown_failure' : failure);

/**
 * The label of a measurement's top failure on one layer, or null when it is not counted. DNS: no
 * failure is `got_answer`, the two "no such name" strings are `nxdomain`; TCP/TLS: no failure is not
 * counted (ClickHouse aggregates skip NULL). Every layer collapses `unknown_failure…` to `unknown_failure`.
 */
export function loniFailure(layer: LoniLayer, failure: string | null): string | null {
  if (layer === 'dns') {
    if (failure === null) return 'got_answer';
    if (failure === 'android_dns_cache_no_data' || failure === 'dns_nxdomain_error') return 'nxdomain';
  }
  return failure === null ? null : collapse(failure);
}

/**
 * The weight of one measurement in its cell's failure ranking: trunc(blocked × 100) of the stored
 * Float32 score computed in double precision, as ClickHouse's Float32 × UInt8 (a Float64) then
 * toInt8. So a stored 0.9 (Float32 0.89999997615814) weighs 89, not 90.
 */
export const blockedWeight = (blocked: number) => Math.trunc(Math.fround(blocked) * 100);
