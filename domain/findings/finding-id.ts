// Finding ids as oonifindings makes them (generate_random_intuid): a random unsigned 32-bit
// integer × 100 + the collector id, as a decimal string.

export function findingId(random32: number, collectorId: number): string {
  return String(BigInt(random32 >>> 0) * 100n + BigInt(Number.isInteger(collectorId) ? collectorId : 0));
}
