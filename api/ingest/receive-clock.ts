// Receive time in microseconds. Date.now() has milliseconds only; the sub-millisecond part
// comes from the monotonic clock, so uids received in the same millisecond still differ.
export function nowMicros(): bigint {
  const sub = (process.hrtime.bigint() / 1000n) % 1000n;
  return BigInt(Date.now()) * 1000n + sub;
}
