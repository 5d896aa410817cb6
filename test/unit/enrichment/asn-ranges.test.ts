import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AsnRanges } from '../../../domain/enrichment/asn-ranges.ts';
import { parseIp } from '../../../domain/enrichment/ip-address.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
// lines in the format of @ip-location-db/asn's asn-ipv4-num.csv / asn-ipv6-num.csv
const V4 = [
  '16777216,16777471,13335,"Cloudflare, Inc."', // 1.0.0.0–1.0.0.255
  '35309568,35313663,201907,"LLC ""SPUTNIK"""', // 2.26.200.0–2.26.215.255
  '134744064,134744319,15169,Google LLC', // 8.8.8.0–8.8.8.255
  '134744320,134744575,15169,Google LLC', // 8.8.9.0–8.8.9.255
  '3221225984,3221226239,64496,Ünïcode Org\r', // 192.0.2.0/24, a CRLF line
  '',
].join('\n');
const V6 = [
  // 2001:4860::/32
  `${0x2001_4860n << 96n},${(0x2001_4860n << 96n) | ((1n << 96n) - 1n)},15169,Google LLC`,
  // 2a00::/16 .. 2a00:ffff:…
  `${0x2a00n << 112n},${(0x2a01n << 112n) - 1n},3269,Telecom Italia S.p.A.`,
].join('\n');

const ranges = AsnRanges.fromCsv(bytes(V4), bytes(V6));
const find = (ip: string) => ranges.find(parseIp(ip)!);

test('AsnRanges: an address inside a range gets its ASN and organisation (edges included)', () => {
  assert.deepEqual(ranges.size, { v4: 5, v6: 2 });
  assert.deepEqual(find('1.0.0.0'), { asn: 13335, org: 'Cloudflare, Inc.' });
  assert.deepEqual(find('1.0.0.255'), { asn: 13335, org: 'Cloudflare, Inc.' });
  assert.deepEqual(find('2.26.200.1'), { asn: 201907, org: 'LLC "SPUTNIK"' });
  assert.deepEqual(find('8.8.8.8'), { asn: 15169, org: 'Google LLC' });
  assert.deepEqual(find('8.8.9.255'), { asn: 15169, org: 'Google LLC' });
  assert.deepEqual(find('192.0.2.1'), { asn: 64496, org: 'Ünïcode Org' });
  assert.deepEqual(find('2001:4860:4860::8888'), { asn: 15169, org: 'Google LLC' });
  assert.deepEqual(find('2001:4860:ffff:ffff:ffff:ffff:ffff:ffff'), { asn: 15169, org: 'Google LLC' });
  assert.deepEqual(find('2a00:1450:4001::1'), { asn: 3269, org: 'Telecom Italia S.p.A.' });
});

test('AsnRanges: gaps, before the first and after the last range → undefined', () => {
  for (const ip of ['0.255.255.255', '1.0.1.0', '8.8.7.255', '8.8.10.0', '255.255.255.255', '::1', '2001:4861::', '2a01::', 'ffff::'])
    assert.equal(find(ip), undefined, ip);
});

test('AsnRanges: ASN → organisation of its first range; unknown ASN → undefined', () => {
  assert.equal(ranges.orgOf(15169), 'Google LLC');
  assert.equal(ranges.orgOf(3269), 'Telecom Italia S.p.A.');
  assert.equal(ranges.orgOf(1), undefined);
});

test('AsnRanges: unsorted lines or a broken quote are refused', () => {
  assert.throws(() => AsnRanges.fromCsv(bytes('20,30,1,a\n10,15,2,b\n'), bytes('')), /not sorted/);
  assert.throws(() => AsnRanges.fromCsv(bytes('10,15,2,"open\n'), bytes('')), /unterminated/);
  assert.deepEqual(AsnRanges.fromCsv(bytes(''), bytes('')).size, { v4: 0, v6: 0 });
});
