import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BOGON_ASN, lookupAsn, lookupIp, type IpDatabase, type IpRecord } from '../../../domain/enrichment/lookup.ts';
import { formatIp } from '../../../domain/enrichment/ip-address.ts';

const RECORDS: Record<string, IpRecord> = {
  '8.8.8.8': { cc: 'US', asn: 15169, asOrgName: 'Google LLC', asCc: 'US', asName: 'GOOGLE' },
  '5.5.5.5': { asn: 3320, asOrgName: 'Deutsche Telekom AG' }, // no country
  '6.6.6.6': { cc: 'DE' }, // no network
  '2001:4860::1': { cc: 'US', asn: 15169 },
};
const db: IpDatabase = {
  version: 'test',
  record: (ip) => RECORDS[formatIp(ip)],
  orgName: (asn) => ({ 15169: 'Google LLC' })[asn],
};

test('lookupIp: a record with every field', () => {
  assert.deepEqual(lookupIp(db, '8.8.8.8'), { cc: 'US', asn: 15169, asOrgName: 'Google LLC', asCc: 'US', asName: 'GOOGLE' });
});

test('lookupIp: missing fields get the unknown values (cc ZZ, asn 0, "")', () => {
  assert.deepEqual(lookupIp(db, '5.5.5.5'), { cc: 'ZZ', asn: 3320, asOrgName: 'Deutsche Telekom AG', asCc: '', asName: '' });
  assert.deepEqual(lookupIp(db, '6.6.6.6'), { cc: 'DE', asn: 0, asOrgName: '', asCc: '', asName: '' });
  assert.deepEqual(lookupIp(db, '2001:4860:0:0::1'), { cc: 'US', asn: 15169, asOrgName: '', asCc: '', asName: '' });
});

test('lookupIp: no record and not an address → the unknown result, never nothing', () => {
  const unknown = { cc: 'ZZ', asn: 0, asOrgName: '', asCc: '', asName: '' };
  assert.deepEqual(lookupIp(db, '9.9.9.9'), unknown);
  assert.deepEqual(lookupIp(db, 'not-an-ip'), unknown);
  assert.deepEqual(lookupIp(db, ''), unknown);
});

test('lookupIp: a bogon is AS64666 "Bogon", ZZ, whatever the database says', () => {
  const bogon = { cc: 'ZZ', asn: 64666, asOrgName: 'Bogon', asCc: 'ZZ', asName: '' };
  assert.equal(BOGON_ASN, 64666);
  for (const ip of ['10.1.2.3', '127.0.0.1', '192.168.0.1', '::1', 'fe80::1', '::ffff:8.8.8.8']) assert.deepEqual(lookupIp(db, ip), bogon, ip);
});

test('lookupAsn: 0 Unknown, 64512–65535 private use, else the database name or ""', () => {
  assert.deepEqual(lookupAsn(db, 0), { orgName: 'Unknown', cc: 'ZZ', name: 'Unknown' });
  for (const asn of [64512, 64666, 65535])
    assert.deepEqual(lookupAsn(db, asn), { orgName: 'Private use (RFC1930)', cc: 'ZZ', name: 'Private use (RFC1930)' });
  assert.deepEqual(lookupAsn(db, 15169), { orgName: 'Google LLC', cc: '', name: '' });
  assert.deepEqual(lookupAsn(db, 64511), { orgName: '', cc: '', name: '' });
  assert.deepEqual(lookupAsn(db, 65536), { orgName: '', cc: '', name: '' });
});
