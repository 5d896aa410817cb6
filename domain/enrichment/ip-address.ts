// IP addresses as numbers: IPv4 as an unsigned 32-bit number, IPv6 as a 128-bit bigint.
import { isIP } from 'node:net';

export type IpAddress = { version: 4; value: number } | { version: 6; value: bigint };

function parseV4(s: string): number {
  const parts = s.split('.');
  let n = 0;
  for (const p of parts) n = n * 256 + Number(p);
  return n;
}

function parseV6(s: string): bigint {
  let text = s;
  // an embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const v4 = parseV4(tail[1]!);
    text = `${text.slice(0, tail.index)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = rest === undefined ? [] : rest ? rest.split(':') : [];
  const groups = rest === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  let n = 0n;
  for (const g of groups) n = (n << 16n) | BigInt(parseInt(g, 16));
  return n;
}

/** The address written in `text` (no brackets, port or zone), or undefined when it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  const s = text.trim();
  const kind = isIP(s);
  if (kind === 4) return { version: 4, value: parseV4(s) };
  if (kind === 6 && !s.includes('%')) return { version: 6, value: parseV6(s) };
  return undefined;
}

/** The canonical text of an address: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as ::). */
export function formatIp(ip: IpAddress): string {
  if (ip.version === 4) return [24, 16, 8, 0].map((shift) => (ip.value >>> shift) & 0xff).join('.');
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip.value >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 1; // a single zero group is not shortened
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
