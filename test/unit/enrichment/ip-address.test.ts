import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatIp, parseIp } from '../../../domain/enrichment/ip-address.ts';

test('parseIp: IPv4 as a 32-bit number, IPv6 as a 128-bit bigint', () => {
  assert.deepEqual(parseIp('8.8.8.8'), { version: 4, value: 0x08080808 });
  assert.deepEqual(parseIp('255.255.255.255'), { version: 4, value: 0xffffffff });
  assert.deepEqual(parseIp('::'), { version: 6, value: 0n });
  assert.deepEqual(parseIp('::1'), { version: 6, value: 1n });
  assert.deepEqual(parseIp('2001:4860:4860::8888'), { version: 6, value: 0x2001_4860_4860_0000_0000_0000_0000_8888n });
  assert.deepEqual(parseIp('2001:DB8:0:0:1:0:0:1'), { version: 6, value: 0x2001_0db8_0000_0000_0001_0000_0000_0001n });
  assert.deepEqual(parseIp('::ffff:1.2.3.4'), { version: 6, value: 0xffff_0102_0304n });
  assert.deepEqual(parseIp('fe80::'), { version: 6, value: 0xfe80n << 112n });
  assert.equal(parseIp('1.2.3'), undefined);
  assert.equal(parseIp('fe80::1%lo'), undefined);
  assert.equal(parseIp('example.org'), undefined);
});

test('formatIp: dotted quad; RFC 5952 for IPv6 (lower case, longest zero run, no single-group ::)', () => {
  const round = (s: string) => formatIp(parseIp(s)!);
  assert.equal(round('8.8.8.8'), '8.8.8.8');
  assert.equal(round('2001:DB8:0:0:1:0:0:1'), '2001:db8::1:0:0:1');
  assert.equal(round('2001:db8:0:1:1:1:1:1'), '2001:db8:0:1:1:1:1:1');
  assert.equal(round('2001:0:0:1:0:0:0:1'), '2001:0:0:1::1');
  assert.equal(round('::'), '::');
  assert.equal(round('::1'), '::1');
  assert.equal(round('fe80:0:0:0:0:0:0:0'), 'fe80::');
  assert.equal(round('::ffff:1.2.3.4'), '::ffff:102:304');
});
