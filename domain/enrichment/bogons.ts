// Bogon ranges (OONI pipeline `is_ip_bogon`): private, reserved, documentation and special-use
// networks, plus the 6to4 and Teredo images of the IPv4 ones. Not an address → false.
import { parseIp, type IpAddress } from './ip-address.ts';

const BOGONS_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/3',
];

const BOGONS_V6 = [
  '::/128',
  '::1/128',
  '::ffff:0:0/96',
  '::/96',
  '64:ff9b:1::/48',
  '100::/64',
  '2001:10::/28',
  '2001:db8::/32',
  'fc00::/7',
  'fe80::/10',
  'fec0::/10',
  'ff00::/8',
  // 6to4
  '2002::/24',
  '2002:a00::/24',
  '2002:7f00::/24',
  '2002:a9fe::/32',
  '2002:ac10::/28',
  '2002:c000::/40',
  '2002:c000:200::/40',
  '2002:c0a8::/32',
  '2002:c612::/31',
  '2002:c633:6400::/40',
  '2002:cb00:7100::/40',
  '2002:e000::/20',
  '2002:f000::/20',
  '2002:ffff:ffff::/48',
  // Teredo
  '2001::/40',
  '2001:0:a00::/40',
  '2001:0:7f00::/40',
  '2001:0:a9fe::/48',
  '2001:0:ac10::/44',
  '2001:0:c000::/56',
  '2001:0:c000:200::/56',
  '2001:0:c0a8::/48',
  '2001:0:c612::/47',
  '2001:0:c633:6400::/56',
  '2001:0:cb00:7100::/56',
  '2001:0:e000::/36',
  '2001:0:f000::/36',
  '2001:0:ffff:ffff::/64',
];

interface Prefix {
  version: 4 | 6;
  /** the network as a bigint of 32 or 128 bits, shifted right by (bits − length) */
  network: bigint;
  shift: bigint;
}

function prefix(cidr: string): Prefix {
  const [addr, len] = cidr.split('/') as [string, string];
  const ip = parseIp(addr);
  if (!ip) throw new Error(`bad bogon range ${cidr}`);
  const bits = ip.version === 4 ? 32n : 128n;
  const shift = bits - BigInt(len);
  return { version: ip.version, network: BigInt(ip.value) >> shift, shift };
}

const PREFIXES_V4 = BOGONS_V4.map(prefix);
const PREFIXES_V6 = BOGONS_V6.map(prefix);
/** The IPv4 ranges as plain numbers: an IPv4 address is a uint32, and BigInt arithmetic on every lookup costs more than the rest of it. */
const NUMBER_PREFIXES_V4 = PREFIXES_V4.map((p) => ({ network: Number(p.network), shift: Number(p.shift) }));

export function isBogonAddress(ip: IpAddress): boolean {
  if (ip.version === 4) {
    const value = ip.value;
    return NUMBER_PREFIXES_V4.some((p) => value >>> p.shift === p.network);
  }
  const value = ip.value;
  return PREFIXES_V6.some((p) => value >> p.shift === p.network);
}

/** true when `text` is an address in one of the bogon ranges; false for anything else. */
export function isBogon(text: string): boolean {
  const ip = parseIp(text);
  return ip !== undefined && isBogonAddress(ip);
}
