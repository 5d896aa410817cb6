// The original's body matching, one substring search per fingerprint. Kept as the reference the
// fast matcher is property-tested against, and for bodies that are not well-formed UTF-16.
const encoder = new TextEncoder();

export function naiveMatchBody(patterns: readonly string[], body: string | Uint8Array): number[] {
  const result: number[] = [];
  const buf = typeof body === 'string' ? null : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  patterns.forEach((p, i) => {
    const hit = buf ? buf.indexOf(encoder.encode(p)) !== -1 : (body as string).includes(p);
    if (hit) result.push(i);
  });
  return result;
}
