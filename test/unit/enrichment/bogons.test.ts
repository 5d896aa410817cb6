import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isBogon } from '../../../domain/enrichment/bogons.ts';

test('bogons: the IPv4 ranges of OONI is_ip_bogon, edges included', () => {
  for (const ip of [
    '0.0.0.0',
    '10.0.0.1',
    '10.255.255.255',
    '100.64.0.0',
    '100.127.255.255',
    '127.0.0.1',
    '169.254.1.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.0.0.8',
    '192.0.2.1',
    '192.168.1.1',
    '198.18.0.1',
    '198.19.255.255',
    '198.51.100.7',
    '203.0.113.77',
    '224.0.0.1',
    '255.255.255.255',
  ])
    assert.equal(isBogon(ip), true, ip);
  for (const ip of [
    '8.8.8.8',
    '1.1.1.1',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '198.17.255.255',
    '198.20.0.0',
    '223.255.255.255',
    '11.0.0.0',
  ])
    assert.equal(isBogon(ip), false, ip);
});

test('bogons: IPv6 special ranges, 6to4 and Teredo images of IPv4 bogons', () => {
  for (const ip of [
    '::',
    '::1',
    '::ffff:8.8.8.8',
    '::1.2.3.4',
    '64:ff9b:1::1',
    '100::1',
    '2001:10::1',
    '2001:db8::7e57',
    'fd00::1',
    'fe80::1',
    'fec0::1',
    'ff02::1',
    '2002:a00:1::',
    '2002:c0a8:101::',
    '2001:0:a00::1',
    '2001::1',
    '2001:0:ffff:ffff::1',
  ])
    assert.equal(isBogon(ip), true, ip);
  for (const ip of ['2001:4860:4860::8888', '2a00:1450:4001::1', '2606:4700::1111', '2001:100::1', '2003::1', '64:ff9b::8.8.8.8'])
    assert.equal(isBogon(ip), false, ip);
});

test('bogons: anything that is not an address is not a bogon', () => {
  for (const s of ['', 'localhost', '10.0.0', '10.0.0.256', 'fe80::1%eth0', '[::1]', '::1/128', ' 10.0.0.1x'])
    assert.equal(isBogon(s), false, JSON.stringify(s));
});
