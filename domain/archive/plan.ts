// Splitting a bucket's new measurements into parts: in uid order, a new part starts when the
// next member would push the tar past the cap (a lone oversized member gets its own part).
// Pure: also imported by the seal workflow for the default cap.

export const DEFAULT_PART_BYTES = 20_000_000;

export interface Sized {
  uid: string;
  size: number;
}

export function planParts<T extends Sized>(items: T[], capBytes: number): T[][] {
  const sorted = [...items].sort((a, b) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
  const parts: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of sorted) {
    const add = tarMemberBytes(item.size);
    if (current.length > 0 && bytes + add > capBytes) {
      parts.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += add;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** Bytes a member takes in the (uncompressed) tar: header plus padded data. */
export function tarMemberBytes(size: number): number {
  return 512 + Math.ceil(size / 512) * 512;
}
